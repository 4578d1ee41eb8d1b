//! Reading a page: the embedded signature, the marked body, headline, bylines, dates and
//! language, parsed with an HTML5 parser as a browser parses them (so a page saved by a
//! browser, with its extra markup, reads the same).

use scraper::{ElementRef, Html, Selector};

use crate::canonical::{self, BodyContent, AUTHOR_ATTR, BODY_ATTR, HEADLINE_ATTR, HERO_ATTR};

/// The `type` of the script element that carries the signature.
pub const SIGNATURE_TYPE: &str = "application/byline-signature+json";

/// Largest page read, in bytes.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Why a file cannot be checked at all (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CannotCheck(pub String);

/// What a page shows, as far as a signature is concerned.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// The embedded signature's JSON text (`None`: no signature element).
    pub signature: Option<String>,
    /// The marked body (`None`: no `data-byline-body` element).
    pub body: Option<BodyContent>,
    pub headline: Option<String>,
    pub bylines: Vec<String>,
    /// `article:published_time` / `article:modified_time`, as written.
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The `lang` of the body or its nearest ancestor that has one.
    pub language: Option<String>,
    /// The hero image's `src`, as written.
    pub hero: Option<String>,
    /// `<base href>`, if the page has one.
    pub base_href: Option<String>,
    /// The address in a browser's `<!-- saved from url=(NNNN)… -->` comment.
    pub saved_from: Option<String>,
}

fn selector(css: &str) -> Selector {
    // The selectors are constants of this module, tested below.
    #[expect(
        clippy::unwrap_used,
        reason = "constant selectors, each parsed in the tests"
    )]
    Selector::parse(css).unwrap()
}

/// Reads `bytes` as a page. Not UTF-8, not HTML, too large or cut short: [`CannotCheck`].
pub fn read_page(bytes: &[u8]) -> Result<PageFacts, CannotCheck> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(CannotCheck(format!(
            "the file is {} bytes, larger than a page can be ({MAX_PAGE_BYTES})",
            bytes.len()
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        CannotCheck(
            "the file is not UTF-8 text, so not a Byline page (is it an image or an archive?)"
                .into(),
        )
    })?;
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("<html") || lower.contains("<!doctype html")) {
        return Err(CannotCheck("the file is not an HTML page".into()));
    }
    if !lower.trim_end().ends_with("</html>") && !lower.contains("</body>") {
        return Err(CannotCheck(
            "the page is cut short (it ends before `</html>`): the file is truncated".into(),
        ));
    }
    let doc = Html::parse_document(text);
    let mut facts = PageFacts {
        saved_from: saved_from(text),
        ..PageFacts::default()
    };
    facts.signature = doc
        .select(&selector("script[type]"))
        .find(|s| {
            s.attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(SIGNATURE_TYPE))
        })
        .map(|s| s.text().collect());
    if let Some(body) = doc.select(&selector(&format!("[{BODY_ATTR}]"))).next() {
        facts.body = Some(canonical::extract(body));
        facts.language = language_of(body);
    }
    facts.headline = doc
        .select(&selector(&format!("[{HEADLINE_ATTR}]")))
        .next()
        .map(|h| canonical::normalise_inline(&h.text().collect::<String>()));
    facts.bylines = doc
        .select(&selector(&format!("[{AUTHOR_ATTR}]")))
        .map(|a| canonical::normalise_inline(&a.text().collect::<String>()))
        .collect();
    let meta = |property: &str| {
        doc.select(&selector("meta[property]"))
            .find(|m| m.attr("property") == Some(property))
            .and_then(|m| m.attr("content"))
            .map(str::to_owned)
    };
    facts.published = meta("article:published_time");
    facts.modified = meta("article:modified_time");
    facts.hero = doc
        .select(&selector(&format!("img[{HERO_ATTR}]")))
        .next()
        .and_then(|i| i.attr("src"))
        .map(str::to_owned);
    facts.base_href = doc
        .select(&selector("base[href]"))
        .next()
        .and_then(|b| b.attr("href"))
        .map(str::to_owned);
    Ok(facts)
}

impl PageFacts {
    /// The canonical URL the embedded signature claims (unverified: for resolving the
    /// page's relative links before the check).
    pub fn claimed_url(&self) -> Option<String> {
        let value: serde_json::Value = serde_json::from_str(self.signature.as_deref()?).ok()?;
        value.get("url")?.as_str().map(str::to_owned)
    }
}

fn language_of(element: ElementRef<'_>) -> Option<String> {
    let mut node = Some(*element);
    while let Some(n) = node {
        if let Some(lang) = ElementRef::wrap(n).and_then(|e| e.attr("lang")) {
            return Some(lang.to_owned());
        }
        node = n.parent();
    }
    None
}

/// The URL in Chrome's and Internet Explorer's "saved from" comment.
fn saved_from(text: &str) -> Option<String> {
    let start = text.find("<!-- saved from url=")?;
    let rest = &text[start + "<!-- saved from url=".len()..];
    let rest = rest
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map_or(rest, |(_, r)| r);
    let end = rest.find("-->")?;
    Some(rest[..end].trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_selector_parses() {
        for css in [
            "script[type]",
            "meta[property]",
            "base[href]",
            "[data-byline-body]",
            "img[data-byline-hero]",
        ] {
            assert!(Selector::parse(css).is_ok(), "{css}");
        }
    }

    #[test]
    fn reads_a_saved_page() {
        let page = "<!DOCTYPE html>\n<!-- saved from url=(0033)http://127.0.0.1:8080/articles/x -->\n<html><head>\
            <meta property=\"article:published_time\" content=\"2025-03-01T10:00:00+01:00\">\
            <script type=\"application/byline-signature+json\">{\"a\":1}</script></head><body>\
            <article lang=\"uk\"><h1 data-byline-headline> Заголовок </h1><a data-byline-author>Ann  Lee</a>\
            <div data-byline-body><p>Текст</p></div></article></body></html>";
        let facts = read_page(page.as_bytes()).expect("page");
        assert_eq!(
            facts.saved_from.as_deref(),
            Some("http://127.0.0.1:8080/articles/x")
        );
        assert_eq!(facts.signature.as_deref(), Some("{\"a\":1}"));
        assert_eq!(facts.headline.as_deref(), Some("Заголовок"));
        assert_eq!(facts.bylines, vec!["Ann Lee"]);
        assert_eq!(facts.language.as_deref(), Some("uk"));
        assert_eq!(facts.body.expect("body").text, "Текст");
        assert_eq!(
            facts.published.as_deref(),
            Some("2025-03-01T10:00:00+01:00")
        );
    }

    #[test]
    fn refuses_what_is_not_a_whole_page() {
        assert!(read_page(&[0xff, 0xd8, 0xff, 0xe0]).is_err());
        assert!(read_page(b"just some text").is_err());
        let cut = read_page(b"<!DOCTYPE html><html><body><div data-byline-body><p>Half a sen")
            .expect_err("truncated");
        assert!(cut.0.contains("truncated"), "{cut}");
    }
}
