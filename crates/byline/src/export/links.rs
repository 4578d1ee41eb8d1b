//! What a link in a mirrored page points at: another mirrored file (rewritten to a
//! relative path), a page of the site that only works online (the canonical absolute URL),
//! or somewhere else (left alone).

use url::Url;

use super::paths;

/// Site paths that cannot work on a static host: the desk, the Admin API, the live update
/// stream, sign-in, the newsletter and report endpoints that take posts or tokens, ops.
const ONLINE_ONLY: &[&str] = &[
    "/desk",
    "/api",
    // oEmbed answers depend on their query: the discovery link keeps pointing at the site.
    "/oembed",
    "/events",
    "/newsletters/subscribe",
    "/newsletters/confirm",
    "/newsletters/preferences",
    "/newsletters/unsubscribe",
    "/metrics",
    "/healthz",
    "/readyz",
];

/// The public site being mirrored: its origin and path prefix.
#[derive(Debug, Clone)]
pub struct Site {
    base: Url,
    /// `base_url` without its trailing slash.
    base_text: String,
}

/// Where one link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the mirror: `key` is the site path (and `?page=N`) to render, `file` its
    /// mirror file, `fragment` kept as written.
    Mirrored {
        key: String,
        file: String,
        fragment: Option<String>,
    },
    /// A page of this site that the mirror does not hold: link its canonical URL.
    Online(String),
    /// Another site, another scheme, a bare fragment or nothing: leave it.
    Elsewhere,
}

impl Site {
    pub fn new(base_url: &str) -> anyhow::Result<Self> {
        let base_text = base_url.trim_end_matches('/').to_owned();
        let base = Url::parse(&format!("{base_text}/"))
            .map_err(|e| anyhow::anyhow!("base URL {base_url:?}: {e}"))?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            anyhow::bail!("base URL {base_url:?}: not an http(s) address");
        }
        Ok(Self { base, base_text })
    }

    /// The canonical absolute URL of site key `key` (`/articles/x`, `/tags/y?page=2`).
    pub fn absolute(&self, key: &str) -> String {
        format!("{}{key}", self.base_text)
    }

    /// The host and port, for the `Host` header of in-process requests.
    pub fn host(&self) -> String {
        let host = self.base.host_str().unwrap_or("localhost");
        match self.base.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    /// Where `raw` (an attribute's value, or a URL found in a feed) leads when it sits on
    /// the page whose site key is `page`.
    pub fn target(&self, page: &str, raw: &str) -> Target {
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            return Target::Elsewhere;
        }
        let Ok(page_url) = self.base.join(page.trim_start_matches('/')) else {
            return Target::Elsewhere;
        };
        let Ok(url) = page_url.join(raw) else {
            return Target::Elsewhere;
        };
        if url.origin() != self.base.origin() {
            return Target::Elsewhere;
        }
        let prefix = self.base.path().trim_end_matches('/');
        let Some(path) = url.path().strip_prefix(prefix) else {
            return Target::Elsewhere;
        };
        let path = if path.is_empty() { "/" } else { path };
        let online = || Target::Online(url.to_string());
        if ONLINE_ONLY
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
        {
            return online();
        }
        let Some(file) = paths::mirror_file(path, url.query()) else {
            return online();
        };
        let key = match paths::site_url(&file) {
            // `?page=1` and the bare path are one page; keep the key as the router's.
            k if k.contains("?page=") => k,
            _ => path.to_owned(),
        };
        Target::Mirrored {
            key,
            file,
            fragment: url.fragment().map(str::to_owned),
        }
    }

    /// Every absolute URL of this site in `text` (a feed, a sitemap, robots.txt, JSON), in
    /// order: what the crawl follows from files that are not HTML.
    pub fn absolute_urls<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> + 't {
        let needle = self.base_text.clone();
        let mut rest = text;
        std::iter::from_fn(move || loop {
            let at = rest.find(needle.as_str())?;
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | '\\' | ']')
                })
                .unwrap_or(tail.len());
            let found = &tail[..end];
            rest = &tail[end..];
            let after = &found[needle.len()..];
            if after.is_empty() || after.starts_with(['/', '?', '#']) {
                return Some(found);
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site::new("https://news.example.org").expect("base")
    }

    fn mirrored(key: &str, file: &str, fragment: Option<&str>) -> Target {
        Target::Mirrored {
            key: key.into(),
            file: file.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn internal_links_of_every_shape() {
        let s = site();
        let page = "/articles/a";
        assert_eq!(
            s.target(page, "/sections/news"),
            mirrored("/sections/news", "sections/news/index.html", None)
        );
        assert_eq!(
            s.target(page, "https://news.example.org/articles/b#top"),
            mirrored("/articles/b", "articles/b/index.html", Some("top"))
        );
        assert_eq!(
            s.target(page, "history"),
            mirrored("/articles/history", "articles/history/index.html", None)
        );
        assert_eq!(
            s.target(page, "/tags/x?page=2"),
            mirrored("/tags/x?page=2", "tags/x/page/2/index.html", None)
        );
        assert_eq!(
            s.target(page, "/tags/x?page=1"),
            mirrored("/tags/x", "tags/x/index.html", None)
        );
        assert_eq!(s.target(page, "/"), mirrored("/", "index.html", None));
    }

    #[test]
    fn online_only_and_external_links() {
        let s = site();
        let page = "/";
        assert_eq!(
            s.target(page, "/desk/articles/by-slug/x"),
            Target::Online("https://news.example.org/desk/articles/by-slug/x".into())
        );
        assert_eq!(
            s.target(page, "/corrections/report?article=x"),
            Target::Online("https://news.example.org/corrections/report?article=x".into())
        );
        for raw in [
            "https://elsewhere.example/x",
            "//elsewhere.example/x",
            "mailto:desk@news.example.org",
            "#main-content",
            "",
            "http://news.example.org/x",
        ] {
            assert_eq!(s.target(page, raw), Target::Elsewhere, "{raw}");
        }
    }

    #[test]
    fn absolute_urls_in_feeds() {
        let s = site();
        let text = r#"<loc>https://news.example.org/articles/a</loc> "https://news.example.org/media/b.jpg" https://news.example.org.evil/x https://news.example.org"#;
        let found: Vec<&str> = s.absolute_urls(text).collect();
        assert_eq!(
            found,
            [
                "https://news.example.org/articles/a",
                "https://news.example.org/media/b.jpg",
                "https://news.example.org"
            ]
        );
    }
}
