//! JSON calls to the Admin API with one token: status and body, the body parsed.

use reqwest::Method;
use serde_json::Value;

use super::TestApp;

/// An Admin API client with one staff member's token.
pub struct ApiClient<'a> {
    pub app: &'a TestApp,
    pub token: String,
    pub email: String,
}

impl TestApp {
    /// A new staff member of `role` with an API token.
    pub async fn api_as(&self, role: &str) -> ApiClient<'_> {
        let staff = self.staff(role).await;
        ApiClient {
            app: self,
            token: staff.token,
            email: staff.email,
        }
    }
}

impl ApiClient<'_> {
    /// Sends `method path` with an optional JSON body; the status and the JSON answer
    /// (`Null` for an empty body).
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self
            .app
            .client
            .request(method.clone(), self.app.url(path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"))
        };
        (status, value)
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> u16 {
        self.call(Method::DELETE, path, None).await.0
    }
}

/// The message of field `field` in a 422 answer (panics, showing the answer, if none).
pub fn field_error<'v>(answer: &'v Value, field: &str) -> &'v str {
    answer["fields"][field]
        .as_str()
        .unwrap_or_else(|| panic!("no error on `{field}`: {answer}"))
}
