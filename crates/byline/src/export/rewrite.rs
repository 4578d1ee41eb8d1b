//! Rewriting one served page for the mirror, in one streaming pass (`lol_html`, no DOM):
//! internal links become paths relative to the page's own file, ending in `index.html`;
//! links to what only works online (the desk, the live stream, forms' endpoints, other
//! queries) become the canonical absolute URL; forms that post are replaced by a link to
//! the canonical page; the live stream attributes are dropped, so the page stays the
//! snapshot it is; a placeholder marks where the mirror notice goes (first in `<body>`).
//! Only attribute values change: text, and so the signed article body's text, is untouched.
//! `<link rel="canonical">` keeps pointing at the canonical site.

use std::cell::RefCell;

use lol_html::html_content::{ContentType, Element};
use lol_html::{element, HtmlRewriter, Settings};

use super::links::{Site, Target};
use super::paths;

/// Where the mirror notice is put; [`super::notice`] replaces it.
pub const NOTICE_PLACEHOLDER: &str = "<!--byline-mirror-notice-->";

/// One HTML page to rewrite.
pub struct Page<'a> {
    pub site: &'a Site,
    /// The page's site key (`/articles/x`).
    pub key: &'a str,
    /// The page's mirror file (`articles/x/index.html`).
    pub file: &'a str,
    /// What replaces a form that posts (HTML, already escaped).
    pub form_note: &'a str,
}

/// The rewritten page and the site keys it links to (to crawl).
pub struct Rewritten {
    pub html: Vec<u8>,
    pub links: Vec<String>,
}

/// Attributes that hold one URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "action", "data"];

/// Rewrites `html` served at `page`.
pub fn html(page: &Page<'_>, html: &[u8]) -> anyhow::Result<Rewritten> {
    let links = RefCell::new(Vec::new());
    let mut out = Vec::with_capacity(html.len() + 1024);
    {
        let rewrite_one = |el: &mut Element<'_, '_>, name: &str| {
            let Some(raw) = el.get_attribute(name) else {
                return;
            };
            let keep = name == "href"
                && el.tag_name() == "link"
                && el.get_attribute("rel").is_some_and(|rel| {
                    rel.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                });
            if let Some(new) = rewrite_url(page, &raw, &mut links.borrow_mut()) {
                if !keep {
                    // The name was read from this element: setting it cannot fail.
                    let _ = el.set_attribute(name, &new);
                }
            }
        };
        let mut rewriter = HtmlRewriter::new(
            Settings::new()
                .append_element_content_handler(element!(
                    "[href], [src], [poster], object[data]",
                    |el| {
                        for name in URL_ATTRIBUTES {
                            if *name != "action" {
                                rewrite_one(el, name);
                            }
                        }
                        Ok(())
                    }
                ))
                .append_element_content_handler(element!("[srcset]", |el| {
                    if let Some(raw) = el.get_attribute("srcset") {
                        let new = srcset(page, &raw, &mut links.borrow_mut());
                        let _ = el.set_attribute("srcset", &new);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("form", |el| {
                    let posts = el
                        .get_attribute("method")
                        .is_some_and(|m| m.eq_ignore_ascii_case("post"));
                    if posts {
                        el.replace(page.form_note, ContentType::Html);
                    } else if let Some(action) = el.get_attribute("action") {
                        // A form's query cannot be mirrored: send it to the site.
                        let absolute = match page.site.target(page.key, &action) {
                            Target::Mirrored { key, .. } => page.site.absolute(&key),
                            Target::Online(url) => url,
                            Target::Elsewhere => action,
                        };
                        let _ = el.set_attribute("action", &absolute);
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("[data-events]", |el| {
                    el.remove_attribute("data-events");
                    el.remove_attribute("data-after");
                    Ok(())
                }))
                .append_element_content_handler(element!("meta[content]", |el| {
                    // og:image and the like stay absolute; the files they name are
                    // mirrored all the same.
                    if let Some(content) = el.get_attribute("content") {
                        let mut found = links.borrow_mut();
                        for url in page.site.absolute_urls(&content) {
                            if let Target::Mirrored { key, .. } = page.site.target(page.key, url) {
                                found.push(key);
                            }
                        }
                    }
                    Ok(())
                }))
                .append_element_content_handler(element!("body", |el| {
                    el.prepend(NOTICE_PLACEHOLDER, ContentType::Html);
                    Ok(())
                })),
            |chunk: &[u8]| out.extend_from_slice(chunk),
        );
        rewriter
            .write(html)
            .and_then(|()| rewriter.end())
            .map_err(|e| anyhow::anyhow!("cannot rewrite {}: {e}", page.key))?;
    }
    Ok(Rewritten {
        html: out,
        links: links.into_inner(),
    })
}

/// The mirror form of one URL attribute, or `None` to leave it as written.
fn rewrite_url(page: &Page<'_>, raw: &str, links: &mut Vec<String>) -> Option<String> {
    match page.site.target(page.key, raw) {
        Target::Mirrored {
            key,
            file,
            fragment,
        } => {
            links.push(key);
            let mut href = paths::relative(page.file, &file);
            if let Some(fragment) = fragment {
                href.push('#');
                href.push_str(&fragment);
            }
            Some(href)
        }
        Target::Online(url) => Some(url),
        Target::Elsewhere => None,
    }
}

/// A `srcset` with each candidate's URL rewritten and its descriptor kept.
fn srcset(page: &Page<'_>, raw: &str, links: &mut Vec<String>) -> String {
    raw.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|candidate| {
            let (url, descriptor) = candidate
                .split_once(char::is_whitespace)
                .map_or((candidate, ""), |(u, d)| (u, d.trim()));
            let url = rewrite_url(page, url, links).unwrap_or_else(|| url.to_owned());
            if descriptor.is_empty() {
                url
            } else {
                format!("{url} {descriptor}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(key: &str, file: &str, input: &str) -> (String, Vec<String>) {
        let site = Site::new("https://news.example.org").expect("site");
        let page = Page {
            site: &site,
            key,
            file,
            form_note: "<p class=\"mirror-form\">online</p>",
        };
        let out = html(&page, input.as_bytes()).expect("rewritten");
        (String::from_utf8(out.html).expect("utf-8"), out.links)
    }

    #[test]
    fn links_become_relative_and_text_stays() {
        let (out, links) = rewrite(
            "/articles/a",
            "articles/a/index.html",
            r##"<html><head><link rel="canonical" href="https://news.example.org/articles/a"><link rel="stylesheet" href="/assets/style-1.css"></head><body><div data-byline-body><p>Read <a href="https://news.example.org/articles/b#x">this &amp; that</a>.</p><img src="/media/a.jpg" srcset="/media/a-480.jpg 480w, /media/a-960.jpg 960w"></div><a href="https://elsewhere.example/">x</a><a href="/desk">desk</a></body></html>"##,
        );
        assert!(
            out.contains(r#"<link rel="canonical" href="https://news.example.org/articles/a">"#),
            "{out}"
        );
        assert!(out.contains(r#"href="../../assets/style-1.css""#), "{out}");
        assert!(
            out.contains(r#"<a href="../b/index.html#x">this &amp; that</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"src="../../media/a.jpg""#), "{out}");
        assert!(
            out.contains(r#"srcset="../../media/a-480.jpg 480w, ../../media/a-960.jpg 960w""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://elsewhere.example/""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://news.example.org/desk""#),
            "{out}"
        );
        assert!(
            out.contains(&format!("<body>{NOTICE_PLACEHOLDER}<div")),
            "{out}"
        );
        for key in [
            "/articles/a",
            "/assets/style-1.css",
            "/articles/b",
            "/media/a.jpg",
            "/media/a-960.jpg",
        ] {
            assert!(links.iter().any(|l| l == key), "{key} in {links:?}");
        }
        assert!(!links.iter().any(|l| l.starts_with("/desk")), "{links:?}");
    }

    #[test]
    fn posting_forms_and_live_streams_are_for_the_site() {
        let (out, _) = rewrite(
            "/",
            "index.html",
            r#"<body><form method="POST" action="/newsletters/subscribe"><input name="email"></form><div data-stream="feed" data-events="/events?streams=feed" data-after="9">x</div></body>"#,
        );
        assert!(!out.contains("<form"), "{out}");
        assert!(
            out.contains(r#"<p class="mirror-form">online</p>"#),
            "{out}"
        );
        assert!(
            !out.contains("data-events") && !out.contains("data-after"),
            "{out}"
        );
        assert!(out.contains(r#"data-stream="feed""#), "{out}");
    }
}
