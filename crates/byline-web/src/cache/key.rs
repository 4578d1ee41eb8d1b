//! One canonical cache key per resource.
//!
//! Only routes that declare themselves in a [`CachedRoute`] table are cached (the site's
//! `site::CACHED_ROUTES`, the feeds' and the newsletters' tables). A route names the query
//! parameters that may enter its key, each with the parser its handler uses, so the key
//! and the page can never disagree: handlers read parameters back from the [`CacheKey`]
//! the middleware puts in the request (see `site::PageNumber`). Everything else in the
//! query is ignored. A path is canonical when every segment is percent-encoded one way
//! (unreserved characters as they are, everything else as `%XX` upper-case UTF-8);
//! another spelling of it is redirected to the canonical URL and never stored.

use axum::http::Uri;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::AppError;

/// Characters kept as they are in a canonical path segment: RFC 3986's unreserved set.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A query parameter that may enter a route's cache key.
pub struct KeyParam {
    pub name: &'static str,
    /// The handler's own parser: `Ok(None)` for the default (left out of the key),
    /// `Ok(Some(canonical))` otherwise, `Err` for a value the handler would refuse.
    pub canonical: fn(&str) -> Result<Option<String>, AppError>,
}

/// A cached route: the pattern given to the router and the parameters its key takes.
pub struct CachedRoute {
    pub pattern: &'static str,
    pub params: &'static [KeyParam],
}

/// The key of one request, with the parameter values in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey {
    pub key: String,
    params: Vec<(&'static str, String)>,
}

impl CacheKey {
    /// A declared parameter's canonical value, `None` when absent or the default.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What a request's URL comes to.
#[derive(Debug)]
pub enum Keyed {
    Key(CacheKey),
    /// Another spelling of a canonical URL: answer 301 with this location.
    Redirect(String),
    /// A declared parameter with a value the handler refuses (or given twice).
    Invalid(AppError),
}

/// The cached route a router pattern belongs to, if any.
pub fn route(pattern: &str) -> Option<&'static CachedRoute> {
    [
        crate::site::CACHED_ROUTES,
        crate::feeds::CACHED_ROUTES,
        crate::audio::CACHED_ROUTES,
        crate::newsletters::CACHED_ROUTES,
        crate::live::pages::CACHED_ROUTES,
        crate::search::CACHED_ROUTES,
    ]
    .into_iter()
    .chain(crate::trust::CACHED_ROUTES.iter().copied())
    .flatten()
    .find(|r| r.pattern == pattern)
}

/// True when `path` is plainly canonical and `uri` has no query: the key is the path.
/// (The hit path checks this first and skips [`for_request`].)
pub fn is_plain(uri: &Uri) -> bool {
    uri.query().is_none()
        && uri.path().bytes().all(|b| {
            b == b'/' || b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
        })
}

/// The key of a request made under an edition's URL `prefix` (`""` for the default
/// edition): [`for_request`] with the prefix put back in front of the key and of a
/// redirect's location, so each edition's pages are cached apart.
pub fn for_edition(route: &CachedRoute, uri: &Uri, prefix: &str) -> Keyed {
    let keyed = for_request(route, uri);
    if prefix.is_empty() {
        return keyed;
    }
    match keyed {
        Keyed::Key(mut k) => {
            k.key.insert_str(0, prefix);
            Keyed::Key(k)
        }
        Keyed::Redirect(location) => Keyed::Redirect(format!("{prefix}{location}")),
        invalid @ Keyed::Invalid(_) => invalid,
    }
}

/// The canonical key of a request to `route`.
pub fn for_request(route: &CachedRoute, uri: &Uri) -> Keyed {
    let raw = uri.path();
    let Some(path) = canonical_path(raw) else {
        return Keyed::Invalid(AppError::bad_input("error-not-utf8", &[]));
    };
    if path != raw {
        let location = match uri.query() {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        return Keyed::Redirect(location);
    }
    let mut key = path;
    let mut params = Vec::new();
    let query = uri.query().unwrap_or("");
    for param in route.params {
        let mut values = form_urlencoded::parse(query.as_bytes())
            .filter(|(k, _)| k == param.name)
            .map(|(_, v)| v);
        let Some(value) = values.next() else { continue };
        if values.next().is_some() {
            return Keyed::Invalid(AppError::bad_input(
                "error-param-repeated",
                &[("name", param.name)],
            ));
        }
        match (param.canonical)(&value) {
            Ok(Some(canonical)) => {
                key.push(if params.is_empty() { '?' } else { '&' });
                key.push_str(param.name);
                key.push('=');
                key.extend(utf8_percent_encode(&canonical, SEGMENT));
                params.push((param.name, canonical));
            }
            Ok(None) => {}
            Err(e) => return Keyed::Invalid(e),
        }
    }
    Keyed::Key(CacheKey { key, params })
}

/// Every segment decoded and encoded again the one canonical way; `None` when a segment
/// does not decode to UTF-8.
pub(crate) fn canonical_path(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    for (i, segment) in raw.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        let decoded = percent_decode_str(segment).decode_utf8().ok()?;
        out.extend(utf8_percent_encode(&decoded, SEGMENT));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(raw: &str) -> Result<Option<String>, AppError> {
        crate::site::parse_page(Some(raw)).map(|p| (p > 1).then(|| p.to_string()))
    }

    const LISTING: CachedRoute = CachedRoute {
        pattern: "/sections/{slug}",
        params: &[KeyParam {
            name: "page",
            canonical: page,
        }],
    };
    const ARTICLE: CachedRoute = CachedRoute {
        pattern: "/articles/{slug}",
        params: &[],
    };

    fn keyed(route: &CachedRoute, uri: &str) -> Keyed {
        for_request(route, &uri.parse().expect("uri"))
    }

    fn key(route: &CachedRoute, uri: &str) -> String {
        match keyed(route, uri) {
            Keyed::Key(k) => k.key,
            other => panic!("{uri}: {other:?}"),
        }
    }

    #[test]
    fn only_declared_parameters_reach_the_key() {
        assert_eq!(key(&ARTICLE, "/articles/x"), "/articles/x");
        assert_eq!(
            key(&ARTICLE, "/articles/x?page=7&utm_source=a"),
            "/articles/x",
            "articles do not paginate"
        );
        assert_eq!(
            key(&LISTING, "/sections/news?x=1&page=2"),
            "/sections/news?page=2"
        );
        assert_eq!(
            key(&LISTING, "/sections/news?page=1"),
            "/sections/news",
            "the default page is the bare path"
        );
        assert_eq!(
            key(&LISTING, "/sections/news?page=002"),
            "/sections/news?page=2"
        );
    }

    #[test]
    fn encoded_parameter_names_are_decoded_like_the_handler_does() {
        // The handler decodes `%70age` to `page`: so does the key.
        assert_eq!(
            key(&LISTING, "/sections/news?%70age=2"),
            "/sections/news?page=2"
        );
        match keyed(&LISTING, "/sections/news?page=2&page=1") {
            Keyed::Invalid(e) => assert!(e.to_string().contains("more than once")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            keyed(&LISTING, "/sections/news?page=abc"),
            Keyed::Invalid(_)
        ));
        assert!(matches!(
            keyed(&LISTING, "/sections/news?page=9223372036854775807"),
            Keyed::Invalid(_)
        ));
    }

    #[test]
    fn other_spellings_of_a_path_redirect_to_the_canonical_one() {
        match keyed(&ARTICLE, "/articles/%78?page=3") {
            Keyed::Redirect(to) => assert_eq!(to, "/articles/x?page=3"),
            other => panic!("{other:?}"),
        }
        let cyrillic = "/articles/%D0%B7%D0%B0%D1%8F%D0%B2%D0%B0";
        assert_eq!(
            key(&ARTICLE, cyrillic),
            cyrillic,
            "upper-case UTF-8 escapes are canonical"
        );
        match keyed(&ARTICLE, &cyrillic.to_lowercase()) {
            Keyed::Redirect(to) => assert_eq!(to, cyrillic),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            keyed(&ARTICLE, "/articles/%ff"),
            Keyed::Invalid(_)
        ));
    }

    #[test]
    fn plain_paths_skip_the_work() {
        assert!(is_plain(&"/articles/ferry-resumes".parse().expect("uri")));
        assert!(!is_plain(&"/articles/%78".parse().expect("uri")));
        assert!(!is_plain(&"/articles/x?page=2".parse().expect("uri")));
        assert!(!is_plain(&"/articles/x(1)".parse().expect("uri")));
    }
}
