//! The render cache: public pages and feeds rendered once, kept in memory pre-compressed
//! (brotli and gzip) with a strong ETag, and dropped exactly when a content change names
//! one of the tags the page was built from.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use axum::body::{Body, Bytes};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Response, StatusCode};

/// Most entries kept; past this, new renders are served but not stored (a flood of
/// distinct URLs cannot exhaust memory).
const MAX_ENTRIES: usize = 20_000;
/// Bodies smaller than this are not worth compressing.
const MIN_COMPRESS: usize = 256;

/// One cached representation set of a page.
#[derive(Debug)]
pub struct CachedPage {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    deps: Vec<String>,
    expires: Option<std::time::Instant>,
    identity: Variant,
    gzip: Option<Variant>,
    brotli: Option<Variant>,
}

#[derive(Debug)]
struct Variant {
    body: Bytes,
    etag: HeaderValue,
}

/// Which encoding a client accepts best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// Picks brotli, then gzip, from an Accept-Encoding header (a `q=0` refuses).
    pub fn negotiate(headers: &HeaderMap) -> Self {
        let Some(accept) = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
        else {
            return Self::Identity;
        };
        let mut best = Self::Identity;
        for part in accept.split(',') {
            let mut pieces = part.split(';');
            let name = pieces.next().unwrap_or("").trim();
            let refused = pieces.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    == Some(0.0)
            });
            if refused {
                continue;
            }
            match name {
                "br" => best = Self::Brotli,
                "gzip" if best == Self::Identity => best = Self::Gzip,
                _ => {}
            }
        }
        best
    }
}

impl CachedPage {
    /// Builds all representations of `body` once.
    pub fn new(content_type: &str, cache_control: &str, deps: Vec<String>, body: Bytes) -> Self {
        let hash = xxhash_rust::xxh3::xxh3_128(&body);
        let etag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{hash:032x}{suffix}\""))
                .unwrap_or(HeaderValue::from_static("\"0\""))
        };
        let compressible = body.len() >= MIN_COMPRESS && is_text(content_type);
        let gzip = compressible
            .then(|| gzip(&body))
            .flatten()
            .map(|b| Variant {
                body: b,
                etag: etag("-gz"),
            });
        let brotli = compressible
            .then(|| brotli(&body))
            .flatten()
            .map(|b| Variant {
                body: b,
                etag: etag("-br"),
            });
        Self {
            content_type: HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
            cache_control: HeaderValue::from_str(cache_control)
                .unwrap_or(HeaderValue::from_static("no-cache")),
            deps,
            expires: None,
            identity: Variant {
                body,
                etag: etag(""),
            },
            gzip,
            brotli,
        }
    }

    /// Lets the render cache keep this page for `ttl` at most.
    pub fn expiring_after(mut self, ttl: std::time::Duration) -> Self {
        self.expires = Some(std::time::Instant::now() + ttl);
        self
    }

    fn is_fresh(&self) -> bool {
        self.expires.is_none_or(|t| std::time::Instant::now() < t)
    }

    /// The uncompressed body.
    pub fn body(&self) -> &Bytes {
        &self.identity.body
    }

    /// Answers a request: 304 when If-None-Match matches, else the best encoding.
    pub fn respond(&self, request_headers: &HeaderMap) -> Response<Body> {
        let (variant, encoding) = match Encoding::negotiate(request_headers) {
            Encoding::Brotli => self
                .brotli
                .as_ref()
                .map_or((&self.identity, None), |v| (v, Some("br"))),
            Encoding::Gzip => self
                .gzip
                .as_ref()
                .map_or((&self.identity, None), |v| (v, Some("gzip"))),
            Encoding::Identity => (&self.identity, None),
        };
        let not_modified = request_headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|list| etag_matches(list, &variant.etag));
        let mut response = if not_modified {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NOT_MODIFIED;
            r
        } else {
            let mut r = Response::new(Body::from(variant.body.clone()));
            r.headers_mut()
                .insert(header::CONTENT_TYPE, self.content_type.clone());
            if let Some(enc) = encoding {
                r.headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
            }
            r
        };
        let h = response.headers_mut();
        h.insert(header::ETAG, variant.etag.clone());
        h.insert(header::CACHE_CONTROL, self.cache_control.clone());
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        response
    }
}

/// Weak comparison, as If-None-Match requires: `W/` prefixes are ignored.
fn etag_matches(list: &str, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else {
        return false;
    };
    list.split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

fn is_text(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.contains("xml")
        || content_type.contains("json")
        || content_type.contains("javascript")
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 3),
        flate2::Compression::best(),
    );
    enc.write_all(body).ok()?;
    enc.finish().ok().map(Bytes::from)
}

fn brotli(body: &[u8]) -> Option<Bytes> {
    let mut out = Vec::with_capacity(body.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 10,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    Some(Bytes::from(out))
}

/// Pages by cache key (path, plus `?page=N` where pagination applies).
#[derive(Debug, Default)]
pub struct RenderCache {
    pages: RwLock<HashMap<String, Arc<CachedPage>>>,
    /// Bumped by every invalidation; a render that started before one is not stored.
    generation: AtomicU64,
}

impl RenderCache {
    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        self.pages
            .read()
            .ok()?
            .get(key)
            .filter(|p| p.is_fresh())
            .cloned()
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Stores a page rendered while the cache was at `generation`, unless content changed since.
    pub fn insert(&self, key: String, page: Arc<CachedPage>, generation: u64) {
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        if pages.len() >= MAX_ENTRIES && !pages.contains_key(&key) {
            pages.retain(|_, p| p.is_fresh());
            if pages.len() >= MAX_ENTRIES {
                return;
            }
        }
        pages.insert(key, page);
    }

    /// Drops every page built from any of `tags`; the `site` tag drops everything.
    /// Returns how many pages were dropped.
    pub fn invalidate(&self, tags: &[String]) -> usize {
        let Ok(mut pages) = self.pages.write() else {
            return 0;
        };
        self.generation.fetch_add(1, Ordering::AcqRel);
        let before = pages.len();
        if tags.iter().any(|t| t == "site") {
            pages.clear();
        } else {
            pages.retain(|_, page| !page.deps.iter().any(|d| tags.contains(d)));
        }
        before - pages.len()
    }

    pub fn len(&self) -> usize {
        self.pages.read().map(|p| p.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(deps: &[&str]) -> Arc<CachedPage> {
        let body = Bytes::from("<p>hello world</p>".repeat(50));
        Arc::new(CachedPage::new(
            "text/html; charset=utf-8",
            "public, max-age=60",
            deps.iter().map(|d| (*d).to_owned()).collect(),
            body,
        ))
    }

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).expect("header"));
        }
        h
    }

    #[test]
    fn negotiates_encodings() {
        assert_eq!(Encoding::negotiate(&headers(&[])), Encoding::Identity);
        assert_eq!(
            Encoding::negotiate(&headers(&[(header::ACCEPT_ENCODING, "gzip, deflate")])),
            Encoding::Gzip
        );
        assert_eq!(
            Encoding::negotiate(&headers(&[(header::ACCEPT_ENCODING, "gzip, br")])),
            Encoding::Brotli
        );
        assert_eq!(
            Encoding::negotiate(&headers(&[(header::ACCEPT_ENCODING, "br;q=0, gzip")])),
            Encoding::Gzip
        );
    }

    #[test]
    fn compressed_variants_decode_to_the_same_body() {
        let p = page(&[]);
        let gz = p.gzip.as_ref().expect("gzip");
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz.body[..]), &mut out)
            .expect("gunzip");
        assert_eq!(out.as_bytes(), &p.identity.body[..]);
        let br = p.brotli.as_ref().expect("brotli");
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &br.body[..], &mut out).expect("unbrotli");
        assert_eq!(out, p.identity.body.to_vec());
        assert!(br.body.len() < p.identity.body.len() / 4);
        assert_ne!(
            br.etag, p.identity.etag,
            "each representation has its own strong ETag"
        );
    }

    #[test]
    fn answers_304_for_a_matching_etag() {
        let p = page(&[]);
        let first = p.respond(&headers(&[(header::ACCEPT_ENCODING, "br")]));
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers()[header::CONTENT_ENCODING], "br");
        let etag = first.headers()[header::ETAG]
            .to_str()
            .expect("etag")
            .to_owned();
        let again = p.respond(&headers(&[
            (header::ACCEPT_ENCODING, "br"),
            (header::IF_NONE_MATCH, &etag),
        ]));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let other = p.respond(&headers(&[(header::IF_NONE_MATCH, &etag)]));
        assert_eq!(other.status(), StatusCode::OK, "identity has another ETag");
    }

    #[test]
    fn invalidates_exactly_the_pages_built_from_a_tag() {
        let cache = RenderCache::default();
        let g = cache.generation();
        cache.insert("/a".into(), page(&["article:a", "section:news"]), g);
        cache.insert("/b".into(), page(&["article:b", "section:culture"]), g);
        cache.insert("/".into(), page(&["home"]), g);
        assert_eq!(cache.invalidate(&["section:news".into(), "home".into()]), 2);
        assert!(cache.get("/a").is_none() && cache.get("/").is_none());
        assert!(cache.get("/b").is_some());
        assert_eq!(cache.invalidate(&["site".into()]), 1);
        assert!(cache.is_empty());
    }

    #[test]
    fn expired_pages_are_not_served() {
        let cache = RenderCache::default();
        let g = cache.generation();
        let short = CachedPage::new("text/plain", "no-cache", Vec::new(), Bytes::from("x"))
            .expiring_after(std::time::Duration::ZERO);
        cache.insert("/news".into(), Arc::new(short), g);
        assert!(cache.get("/news").is_none());
    }

    #[test]
    fn a_render_older_than_an_invalidation_is_not_stored() {
        let cache = RenderCache::default();
        let g = cache.generation();
        cache.invalidate(&["home".into()]);
        cache.insert("/".into(), page(&["home"]), g);
        assert!(cache.get("/").is_none());
    }
}
