//! The static mirror's path rule, shared by `byline export-static` (which writes it) and
//! `byline verify --mirror` (which reads it back):
//!
//! - a URL path whose last segment has no extension maps to `PATH/index.html`
//!   (`/` → `index.html`, `/articles/x` → `articles/x/index.html`);
//! - a path with an extension maps to itself (`/feed.xml`, `/media/a.jpg`,
//!   `/.well-known/byline-keys.json`);
//! - `?page=N` (N > 1) maps to `…/page/N/index.html`; `?page=1` is the page itself; other
//!   queries are not mirrored.
//!
//! Mirror paths are kept percent-encoded, as they appear in links; [`disk_path`] decodes
//! them into the file's place under the mirror directory.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

/// The manifest's file name in the mirror directory (never a mirrored path).
pub const MANIFEST: &str = ".byline-mirror.json";

/// Prefix of the temporary files a write goes through before its rename.
pub const TEMP_PREFIX: &str = ".byline-tmp-";

/// The mirror file of a site URL path and query: `None` when the URL is not mirrored (a
/// query other than `page`, an unsafe segment, a reserved name).
pub fn mirror_file(path: &str, query: Option<&str>) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let page = match query.filter(|q| !q.is_empty()) {
        None => None,
        Some(q) => match q.strip_prefix("page=").map(str::parse::<u32>) {
            Some(Ok(1)) => None,
            Some(Ok(n)) if n > 1 => Some(n),
            _ => return None,
        },
    };
    let segments: Vec<&str> = path[1..].split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        // An empty segment is only allowed as the trailing slash (or the root).
        if segment.is_empty() && !last {
            return None;
        }
        if !safe_segment(segment) {
            return None;
        }
    }
    let trimmed = path[1..].trim_end_matches('/');
    let has_extension = page.is_none()
        && !path.ends_with('/')
        && trimmed
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
    let file = match (has_extension, page, trimmed.is_empty()) {
        (true, _, _) => trimmed.to_owned(),
        (false, None, true) => "index.html".to_owned(),
        (false, None, false) => format!("{trimmed}/index.html"),
        (false, Some(n), true) => format!("page/{n}/index.html"),
        (false, Some(n), false) => format!("{trimmed}/page/{n}/index.html"),
    };
    (file != MANIFEST).then_some(file)
}

/// The site URL path (and query) a mirror file stands for: the inverse of [`mirror_file`],
/// for `verify --mirror`. `articles/x/page/2/index.html` gives `/articles/x?page=2`.
pub fn site_url(file: &str) -> String {
    let Some(dir) = file
        .strip_suffix("index.html")
        .filter(|d| d.is_empty() || d.ends_with('/'))
    else {
        return format!("/{file}");
    };
    let dir = dir.trim_end_matches('/');
    let segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    if let [rest @ .., "page", n] = segments.as_slice() {
        if n.parse::<u32>().is_ok_and(|n| n > 1) {
            return format!("/{}?page={n}", rest.join("/"));
        }
    }
    format!("/{}", segments.join("/"))
}

/// The link from the page at mirror file `from` to mirror file `to`, relative to `from`'s
/// folder (`articles/x/index.html` → `sections/y/index.html` is
/// `../../sections/y/index.html`).
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let to_dirs = &to_parts[..to_parts.len() - 1];
    let common = from_dirs
        .iter()
        .zip(to_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Where mirror file `file` lives under `dir`, its segments percent-decoded; `None` for a
/// segment that decodes to something unsafe (`..`, a slash, a NUL).
pub fn disk_path(dir: &Path, file: &str) -> Option<PathBuf> {
    let mut out = dir.to_path_buf();
    for segment in file.split('/') {
        let decoded = percent_decode_str(segment).decode_utf8().ok()?;
        // A doubly-encoded segment (`%252e`) would name a different file than its link.
        if decoded.is_empty() || !safe_segment(&decoded) || decoded.contains('%') {
            return None;
        }
        out.push(decoded.as_ref());
    }
    Some(out)
}

fn safe_segment(segment: &str) -> bool {
    let decoded = percent_decode_str(segment).decode_utf8_lossy();
    decoded != "."
        && decoded != ".."
        && !decoded.contains(['/', '\\', '\0'])
        && !decoded.starts_with(TEMP_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_rule_of_the_brief() {
        let cases = [
            ("/", None, "index.html"),
            ("/articles/x", None, "articles/x/index.html"),
            (
                "/articles/x/history/3",
                None,
                "articles/x/history/3/index.html",
            ),
            ("/feed.xml", None, "feed.xml"),
            ("/media/a.jpg", None, "media/a.jpg"),
            (
                "/.well-known/byline-keys.json",
                None,
                ".well-known/byline-keys.json",
            ),
            (
                "/articles/x/signature.json",
                None,
                "articles/x/signature.json",
            ),
            (
                "/sections/news",
                Some("page=2"),
                "sections/news/page/2/index.html",
            ),
            ("/sections/news", Some("page=1"), "sections/news/index.html"),
            ("/", Some("page=3"), "page/3/index.html"),
        ];
        for (path, query, file) in cases {
            assert_eq!(mirror_file(path, query).as_deref(), Some(file), "{path}");
        }
    }

    #[test]
    fn other_queries_and_unsafe_paths_are_not_mirrored() {
        assert_eq!(mirror_file("/x", Some("after=3")), None);
        assert_eq!(mirror_file("/x", Some("page=0")), None);
        assert_eq!(mirror_file("/x", Some("page=a")), None);
        assert_eq!(mirror_file("/a/../b", None), None);
        assert_eq!(mirror_file("/a/%2e%2e/b", None), None);
        assert_eq!(mirror_file("/a//b", None), None);
        assert_eq!(mirror_file("/.byline-mirror.json", None), None);
        assert_eq!(mirror_file("relative", None), None);
    }

    #[test]
    fn site_url_inverts_the_rule() {
        for (path, query) in [
            ("/", None),
            ("/articles/x", None),
            ("/articles/x/history/3", None),
            ("/feed.xml", None),
            ("/sections/news", Some("page=2")),
        ] {
            let file = mirror_file(path, query).expect("mirrored");
            let back = match query {
                Some(q) => format!("{path}?{q}"),
                None => path.to_owned(),
            };
            assert_eq!(site_url(&file), back, "{file}");
        }
    }

    #[test]
    fn relative_links_climb_out_of_the_page_folder() {
        assert_eq!(
            relative("articles/x/index.html", "sections/y/index.html"),
            "../../sections/y/index.html"
        );
        assert_eq!(relative("index.html", "media/a.jpg"), "media/a.jpg");
        assert_eq!(
            relative("articles/x/index.html", "articles/x/index.html"),
            "index.html"
        );
        assert_eq!(
            relative("articles/x/index.html", "articles/x/history/index.html"),
            "history/index.html"
        );
        assert_eq!(
            relative("articles/x/history/3/index.html", "index.html"),
            "../../../../index.html"
        );
    }

    #[test]
    fn disk_paths_are_decoded_and_safe() {
        let dir = Path::new("/m");
        assert_eq!(
            disk_path(dir, "articles/%D0%BA%D0%B8%D1%97%D0%B2/index.html"),
            Some(PathBuf::from("/m/articles/київ/index.html"))
        );
        assert_eq!(disk_path(dir, "a/%2F/index.html"), None);
        assert_eq!(disk_path(dir, "a/%252e/index.html"), None);
    }
}
