//! What a public handler returns: a body plus the cache tags it was built from.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Marks a response as cacheable and lists its dependencies; read by the cache middleware.
#[derive(Debug, Clone)]
pub(crate) struct CacheDeps {
    pub deps: Vec<String>,
    pub cache_control: &'static str,
    pub ttl: Option<std::time::Duration>,
}

/// A rendered public resource.
#[derive(Debug)]
pub struct Rendered {
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub deps: Vec<String>,
    pub cache_control: &'static str,
    /// For content that changes with the clock alone (the 48-hour news sitemap):
    /// how long the render cache may keep it.
    pub ttl: Option<std::time::Duration>,
}

/// Browsers and proxies may keep pages briefly; the render cache does the real work.
pub(crate) const PAGE_CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=300";

impl Rendered {
    pub fn html(body: String, deps: Vec<String>) -> Self {
        Self::with_type("text/html; charset=utf-8", body.into_bytes(), deps)
    }

    pub fn with_type(
        content_type: &'static str,
        body: impl Into<Vec<u8>>,
        deps: Vec<String>,
    ) -> Self {
        Self {
            content_type,
            body: body.into(),
            deps,
            cache_control: PAGE_CACHE_CONTROL,
            ttl: None,
        }
    }

    pub fn cache_control(mut self, value: &'static str) -> Self {
        self.cache_control = value;
        self
    }

    pub fn ttl(mut self, ttl: std::time::Duration) -> Self {
        self.ttl = Some(ttl);
        self
    }
}

impl IntoResponse for Rendered {
    fn into_response(self) -> Response {
        let mut response = ([(header::CONTENT_TYPE, self.content_type)], self.body).into_response();
        response.extensions_mut().insert(CacheDeps {
            deps: self.deps,
            cache_control: self.cache_control,
            ttl: self.ttl,
        });
        response
    }
}
