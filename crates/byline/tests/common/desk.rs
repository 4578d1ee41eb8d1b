//! Signed-in clients for desk and API tests.

use byline_store::Store;

use super::TestApp;

pub const PASSWORD: &str = "correct horse battery staple";

/// A browser-like client with a cookie jar, signed in as a new staff member of `role`.
pub struct StaffClient {
    pub client: reqwest::Client,
    pub email: String,
    pub token: String,
}

impl TestApp {
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// The body of `path` fetched with `client` (its cookies), whatever the status.
    pub async fn page_as(&self, client: &reqwest::Client, path: &str) -> String {
        client
            .get(self.url(path))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body")
    }

    /// The `_csrf` value of the first form on a page.
    pub async fn csrf(&self, client: &reqwest::Client, path: &str) -> String {
        let html = self.page_as(client, path).await;
        csrf_in(&html).unwrap_or_else(|| panic!("no _csrf on {path}"))
    }

    pub async fn staff(&self, role: &str) -> StaffClient {
        let email = format!("{role}-{}@news.example", rand_suffix());
        byline::staff_cli::add_user(
            self.store.as_ref(),
            &email,
            role,
            Some(&format!("Test {role}")),
            PASSWORD,
        )
        .await
        .expect("user");
        let token = byline::staff_cli::create_token(self.store.as_ref(), &email, "tests")
            .await
            .expect("token");
        let client = self.browser();
        let r = self.sign_in(&client, &email, PASSWORD, "").await;
        assert_eq!(r.status(), 303, "sign-in redirects");
        StaffClient {
            client,
            email,
            token,
        }
    }

    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
        code: &str,
    ) -> reqwest::Response {
        let csrf = self.csrf(client, "/desk/login").await;
        client
            .post(self.url("/desk/login"))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("email", email),
                ("password", password),
                ("code", code),
                ("next", "/desk/"),
            ])
            .send()
            .await
            .expect("post")
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }
}

pub fn csrf_in(html: &str) -> Option<String> {
    let start = html.find("name=\"_csrf\" value=\"")? + "name=\"_csrf\" value=\"".len();
    Some(html[start..].split('"').next()?.to_owned())
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish() % 1_000_000_000
}
