//! The cross-site check on subscribe posts: the forms sit on cached pages, so instead of a
//! per-session token the browser's `Sec-Fetch-Site` and `Origin` must name this site.

use axum::http::{header, HeaderMap};

use crate::AppState;

/// True when the browser says the form was posted from another site. An `Origin` must be
/// exactly (scheme, host, port) the configured `base_url` or the request's own `Host`.
pub(crate) fn cross_site(app: &AppState, headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Some(origin) = origin.to_str().ok().and_then(|o| Origin::parse(o, false)) else {
        return true;
    };
    if Origin::parse(&app.config.base_url, true).is_some_and(|base| base == origin) {
        return false;
    }
    let own = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| Origin::parse(&format!("{}://{h}", origin.scheme), false));
    own != Some(origin)
}

/// A web origin: scheme, lowercased host and port (the scheme's default when absent).
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// Parses `scheme://host[:port]`; with `allow_path` a URL with a path (`base_url`).
    /// `null`, user info, other schemes and junk are None.
    fn parse(s: &str, allow_path: bool) -> Option<Self> {
        let (scheme, rest) = s.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let (authority, path) = rest
            .find(['/', '?', '#'])
            .map_or((rest, ""), |i| rest.split_at(i));
        if (!allow_path && !path.is_empty())
            || authority.is_empty()
            || authority.contains('@')
            || !authority.bytes().all(|b| b.is_ascii_graphic())
        {
            return None;
        }
        // The port follows the last colon unless that colon is inside an `[IPv6]` literal.
        let (host, port) = match authority
            .rfind(':')
            .filter(|i| !authority[*i..].contains(']'))
        {
            Some(i) => (&authority[..i], Some(&authority[i + 1..])),
            None => (authority, None),
        };
        if host.is_empty()
            || (host.contains(':') && !(host.starts_with('[') && host.ends_with(']')))
        {
            return None;
        }
        let port = match port {
            None => default_port,
            Some(p) => p.parse().ok()?,
        };
        Some(Self {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Origin;

    #[test]
    fn origins_match_exactly() {
        let base = Origin::parse("http://127.0.0.1:8080/", true).expect("base");
        assert_eq!(Origin::parse("http://127.0.0.1:8080", false), Some(base));
        assert_eq!(
            Origin::parse("HTTPS://News.Example", false),
            Origin::parse("https://news.example:443", false)
        );
        assert_ne!(
            Origin::parse("http://evil-127.0.0.1:8080", false),
            Origin::parse("http://127.0.0.1:8080", false)
        );
        assert_ne!(
            Origin::parse("http://127.0.0.1:8080", false),
            Origin::parse("https://127.0.0.1:8080", false)
        );
        assert_eq!(
            Origin::parse("http://[::1]:8080", false).map(|o| o.port),
            Some(8080)
        );
        for bad in [
            "null",
            "http://",
            "ftp://x.example",
            "http://u@x.example",
            "http://x.example/path",
            "http://x.example:99999",
            "http://::1",
        ] {
            assert_eq!(Origin::parse(bad, false), None, "{bad}");
        }
    }
}
