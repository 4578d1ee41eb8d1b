//! The mirror notice every mirrored HTML page carries (first in `<body>`, outside the
//! signed article body): "This is a mirror of SITE, copied on DATE. The original of this
//! page: URL", in the site's language, from the catalog (`trust-mirror.ftl`). DATE is when
//! this page's content was last copied, so a page that did not change keeps its bytes.

use byline_domain::markdown::escape_html;
use byline_domain::SiteSettings;
use byline_i18n::{DateStyle, Lang};
use chrono::{DateTime, Utc};

use super::rewrite::NOTICE_PLACEHOLDER;

/// The site's name, language and zone, as the notice shows them.
#[derive(Debug, Clone)]
pub struct NoticeText {
    lang: Lang,
    site: String,
    tz: chrono_tz::Tz,
}

impl NoticeText {
    pub fn new(settings: &SiteSettings) -> Self {
        Self {
            lang: settings.language.parse().unwrap_or_default(),
            site: settings.name.clone(),
            tz: settings.time_zone.parse().unwrap_or(chrono_tz::UTC),
        }
    }

    /// The notice for the page whose canonical address is `canonical`, copied at `copied`.
    pub fn notice(&self, canonical: &str, copied: DateTime<Utc>) -> String {
        let date = self
            .lang
            .date(&copied.with_timezone(&self.tz), DateStyle::Long);
        let text = self
            .lang
            .t_s2("mirror-notice", "site", &self.site, "date", &date);
        let url = escape_html(canonical);
        format!(
            "<aside class=\"mirror-notice\" aria-label=\"{label}\"><p>{text} {original} <a href=\"{url}\">{url}</a></p></aside>",
            label = escape_html(&self.lang.t("mirror-notice-label")),
            text = escape_html(&text),
            original = escape_html(&self.lang.t("mirror-notice-original")),
        )
    }

    /// What replaces a form that posts, on the page at `canonical`.
    pub fn form_note(&self, canonical: &str) -> String {
        let url = escape_html(canonical);
        format!(
            "<p class=\"mirror-form\">{text} <a href=\"{url}\">{url}</a></p>",
            text = escape_html(&self.lang.t("mirror-form-online")),
        )
    }
}

/// `page` (rewritten, with the placeholder) with the notice in the placeholder's place.
pub fn insert(page: &[u8], notice: &str) -> Vec<u8> {
    let marker = NOTICE_PLACEHOLDER.as_bytes();
    match page.windows(marker.len()).position(|w| w == marker) {
        Some(at) => {
            let mut out = Vec::with_capacity(page.len() + notice.len());
            out.extend_from_slice(&page[..at]);
            out.extend_from_slice(notice.as_bytes());
            out.extend_from_slice(&page[at + marker.len()..]);
            out
        }
        // A page without <body> (a fragment): the notice leads it.
        None => [notice.as_bytes(), page].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_in_both_languages() {
        let mut settings = SiteSettings {
            name: "The Ledger <News>".into(),
            ..SiteSettings::default()
        };
        let at = DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let en = NoticeText::new(&settings).notice("https://x.example/articles/a", at);
        assert!(en.contains("The Ledger &lt;News&gt;"), "{en}");
        assert!(en.contains("2 March 2026"), "{en}");
        assert!(
            en.contains(r#"<a href="https://x.example/articles/a">"#),
            "{en}"
        );
        settings.language = "uk".into();
        let uk = NoticeText::new(&settings).notice("https://x.example/", at);
        assert!(uk.contains("дзеркало"), "{uk}");
        assert!(uk.contains("березня"), "{uk}");
    }

    #[test]
    fn the_notice_takes_the_placeholder() {
        let page = format!("<html><body>{NOTICE_PLACEHOLDER}<main></main></body></html>");
        let out = insert(page.as_bytes(), "<aside>n</aside>");
        assert_eq!(
            out,
            b"<html><body><aside>n</aside><main></main></body></html>"
        );
    }
}
