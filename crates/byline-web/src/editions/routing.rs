//! Edition prefixes in URLs: `/uk/feed.xml` is the Ukrainian edition's feed. The prefix is
//! taken off before routing (axum's router cannot see middleware that runs after it), for
//! the edition-wide pages only (home, feeds, sitemaps, search, tag and author pages, the
//! News Feed with its feeds and stream, the live index); anything else under a prefix is not found. The table of
//! prefixes is read from the store at start and again after every site-wide change.

use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::http::{Request, Uri};

/// What a request under an edition's prefix carries once the prefix is off.
#[derive(Debug, Clone)]
pub(crate) struct EditionPath {
    /// The edition's code (`uk`).
    pub code: String,
    /// Its prefix (`/uk`), put back into cache keys, redirects and links.
    pub prefix: String,
}

/// The non-default editions' prefixes, as the hot path reads them.
#[derive(Debug, Default)]
pub struct Prefixes {
    table: RwLock<Arc<Vec<EditionPath>>>,
}

/// Edition-wide paths served under a prefix: exact paths, then path prefixes.
const EXACT: &[&str] = &[
    "/",
    "/feed.xml",
    "/atom.xml",
    "/feed.json",
    "/podcast.xml",
    "/sitemap.xml",
    "/search",
    "/api/search",
    "/news-feed",
    "/news-feed/feed.xml",
    "/news-feed/atom.xml",
    "/news-feed/feed.json",
    "/news-feed/events",
    "/events",
    "/live",
    "/newsletters",
    "/newsletters/subscribe",
];
const UNDER: &[&str] = &["/tags/", "/authors/", "/sitemaps/"];

impl Prefixes {
    /// Replaces the table with the non-default editions of `editions`.
    pub fn set(&self, editions: &[byline_domain::Edition]) {
        let table: Vec<EditionPath> = editions
            .iter()
            .filter(|e| !e.is_default && !e.path_prefix.is_empty())
            .map(|e| EditionPath {
                code: e.code.clone(),
                prefix: e.path_prefix.clone(),
            })
            .collect();
        if let Ok(mut slot) = self.table.write() {
            *slot = Arc::new(table);
        }
    }

    /// Reads the editions from the store and applies them (kept as they were on error).
    pub async fn load(&self, store: &dyn byline_store::Store) {
        match store.editions().await {
            Ok(editions) => self.set(&editions),
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the editions; URL prefixes unchanged")
            }
        }
    }

    /// Takes an edition prefix off `request`'s path when it has one and the rest is an
    /// edition-wide page.
    pub fn rewrite(&self, mut request: Request<Body>) -> Request<Body> {
        let path = request.uri().path();
        // The default edition's paths are by far the most requested: one byte test
        // each for most of them before the table is read.
        let Some(rest) = path.get(1..) else {
            return request;
        };
        if rest.is_empty() {
            return request;
        }
        let table = match self.table.read() {
            Ok(t) if !t.is_empty() => Arc::clone(&t),
            _ => return request,
        };
        let Some(edition) = table.iter().find(|e| {
            path.strip_prefix(e.prefix.as_str())
                .is_some_and(|after| after.is_empty() || after.starts_with('/'))
        }) else {
            return request;
        };
        let after = &path[edition.prefix.len()..];
        let inner = if after.is_empty() { "/" } else { after };
        if !(EXACT.contains(&inner) || UNDER.iter().any(|u| inner.starts_with(u))) {
            return request;
        }
        let rebuilt = match request.uri().query() {
            Some(q) => format!("{inner}?{q}"),
            None => inner.to_owned(),
        };
        let Ok(uri) = rebuilt.parse::<Uri>() else {
            return request;
        };
        let edition = edition.clone();
        *request.uri_mut() = uri;
        request.extensions_mut().insert(edition);
        request
    }
}

/// The prefix of the edition a request was made under (`""` for the default edition).
pub(crate) fn prefix_of(extensions: &axum::http::Extensions) -> &str {
    extensions
        .get::<EditionPath>()
        .map_or("", |e| e.prefix.as_str())
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use byline_domain::Edition;

    use super::{EditionPath, Prefixes};

    fn prefixes() -> Prefixes {
        let p = Prefixes::default();
        let edition = |code: &str, prefix: &str| Edition {
            code: code.into(),
            name: code.into(),
            path_prefix: prefix.into(),
            time_zone: "UTC".into(),
            position: 0,
            is_default: prefix.is_empty(),
        };
        p.set(&[edition("en", ""), edition("uk", "/uk")]);
        p
    }

    fn rewritten(p: &Prefixes, uri: &str) -> (String, Option<String>) {
        let request = p.rewrite(Request::builder().uri(uri).body(Body::empty()).unwrap());
        (
            request.uri().to_string(),
            request
                .extensions()
                .get::<EditionPath>()
                .map(|e| e.code.clone()),
        )
    }

    #[test]
    fn edition_wide_pages_lose_their_prefix() {
        let p = prefixes();
        assert_eq!(rewritten(&p, "/uk"), ("/".into(), Some("uk".into())));
        assert_eq!(rewritten(&p, "/uk/"), ("/".into(), Some("uk".into())));
        assert_eq!(
            rewritten(&p, "/uk/feed.xml"),
            ("/feed.xml".into(), Some("uk".into()))
        );
        assert_eq!(
            rewritten(&p, "/uk/search?q=x&page=2"),
            ("/search?q=x&page=2".into(), Some("uk".into()))
        );
        assert_eq!(
            rewritten(&p, "/uk/authors/ilse"),
            ("/authors/ilse".into(), Some("uk".into()))
        );
    }

    #[test]
    fn other_paths_are_left_alone() {
        let p = prefixes();
        // Content with an edition of its own has one URL; under a prefix it is not found.
        assert_eq!(
            rewritten(&p, "/uk/articles/x"),
            ("/uk/articles/x".into(), None)
        );
        assert_eq!(rewritten(&p, "/ukraine"), ("/ukraine".into(), None));
        assert_eq!(rewritten(&p, "/feed.xml"), ("/feed.xml".into(), None));
        assert_eq!(rewritten(&p, "/"), ("/".into(), None));
        assert_eq!(rewritten(&p, "/uk/desk"), ("/uk/desk".into(), None));
    }
}
