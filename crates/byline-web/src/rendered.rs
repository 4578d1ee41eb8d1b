//! What a public handler returns: a body plus the cache tags it was built from, and the
//! language it is written in (sent as `Content-Language`, kept with the cached page).

use axum::http::{header, HeaderValue};
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
    /// The catalog the page's words came from.
    pub language: Option<byline_i18n::Lang>,
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
            language: None,
        }
    }

    /// Marks the body as written in `lang` (`Content-Language`).
    pub fn language(mut self, lang: byline_i18n::Lang) -> Self {
        self.language = Some(lang);
        self
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
        if let Some(lang) = self.language {
            response.headers_mut().insert(
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(lang.code()),
            );
        }
        response.extensions_mut().insert(CacheDeps {
            deps: self.deps,
            cache_control: self.cache_control,
            ttl: self.ttl,
        });
        response
    }
}
