//! Validation of live coverage input, the same on every path: News Feed items, live pages,
//! live entries and the banner. Limits come from `byline_domain::live`; every problem is
//! a field error with a catalog key (`live-workflow.ftl`, or the generic ones of
//! `workflow.ftl`). A feed item's link to an article of this site (`/articles/{slug}` or
//! `{base_url}/articles/{slug}`) becomes the item's `article`, so it shows on that article.

use byline_domain::live::{
    AUTHORS_MAX, BANNER_TEXT_MAX, ENTRY_BODY_MAX, ENTRY_HEADLINE_MAX, FEED_BODY_MAX,
    FEED_HEADLINE_MAX, LINK_MAX, LIVE_HEADLINE_MAX, LIVE_SUMMARY_MAX,
};
use byline_domain::{NewBanner, NewFeedItem, NewLiveEntry, NewLivePage, Slug};
use chrono::{DateTime, Utc};

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::Workflows;

/// Longest alt text or credit of a feed item's image, in characters.
pub const IMAGE_TEXT_MAX: usize = 500;

/// The catalog key naming a live coverage field in messages (the generic ones are in
/// `error::field_label`).
pub fn field_label(field: &str) -> &'static str {
    match field {
        "link" => "wf-live-field-link",
        "article" => "wf-live-field-article",
        "image" => "wf-live-field-image",
        "image_credit" => "wf-live-field-image-credit",
        "summary" => "wf-live-field-summary",
        "text" => "wf-live-field-text",
        "style" => "wf-live-field-style",
        "starts_at" => "wf-live-field-starts-at",
        "ends_at" | "until" => "wf-live-field-ends-at",
        "published" => "wf-live-field-published",
        "published_at" => "wf-live-field-published-at",
        _ => "wf-field-other",
    }
}

/// Collects field errors; `finish` fails with all of them at once.
#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// A required single-line text of at most `max` characters.
    fn line(&mut self, field: &'static str, value: &str, max: usize, required: bool) {
        let value = value.trim();
        if value.is_empty() {
            if required {
                self.push(FieldError::new(field, "wf-required"));
            }
        } else if value.chars().count() > max {
            self.push(FieldError::new(field, "wf-too-long").num("max", max));
        } else if value.contains(['\n', '\r']) {
            self.push(FieldError::new(field, "wf-single-line"));
        }
    }

    /// A (Markdown) text of at most `max` characters.
    fn text(&mut self, field: &'static str, value: &str, max: usize, required: bool) {
        let value = value.trim();
        if value.is_empty() && required {
            self.push(FieldError::new(field, "wf-required"));
        } else if value.chars().count() > max {
            self.push(FieldError::new(field, "wf-too-long").num("max", max));
        }
    }

    fn authors(&mut self, authors: &[String]) {
        if authors.len() > AUTHORS_MAX {
            self.push(
                FieldError::new("authors", "wf-live-too-many-authors").num("max", AUTHORS_MAX),
            );
        }
    }

    fn finish(self) -> WorkflowResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(WorkflowError::Invalid(self.0))
        }
    }
}

/// Whether `link` is an absolute http(s) address with a host and nothing unsafe in it.
pub fn is_web_address(link: &str) -> bool {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(['.', ':', '@'])
        && link.chars().count() <= LINK_MAX
        && !link
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

/// Whether `link` is a path on this site (`/pages/support-us`), not `//elsewhere`.
pub fn is_site_path(link: &str) -> bool {
    link.starts_with('/')
        && !link.starts_with("//")
        && link.chars().count() <= LINK_MAX
        && !link
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

/// The article slug a link to this site's `/articles/{slug}` names, if it is one.
pub fn article_slug_of<'a>(link: &'a str, base_url: &str) -> Option<&'a str> {
    let path = if link.starts_with('/') {
        link
    } else {
        let base = base_url.trim_end_matches('/');
        link.strip_prefix(base)
            .filter(|p| !base.is_empty() && p.starts_with('/'))?
    };
    let slug = path.strip_prefix("/articles/")?;
    let slug = slug.split(['?', '#']).next().unwrap_or("");
    let slug = slug.strip_suffix('/').unwrap_or(slug);
    (!slug.is_empty() && !slug.contains('/')).then_some(slug)
}

impl Workflows<'_> {
    /// A checked feed item: trimmed, its article link resolved, its image found.
    pub(crate) async fn checked_feed_item(
        &self,
        mut item: NewFeedItem,
    ) -> WorkflowResult<NewFeedItem> {
        let mut problems = Problems::default();
        problems.line("headline", &item.headline, FEED_HEADLINE_MAX, true);
        problems.text("body", &item.body, FEED_BODY_MAX, false);
        problems.authors(&item.authors);
        item.headline = item.headline.trim().to_owned();
        item.body = item.body.trim().to_owned();
        // Pinning unpins every other item, so a draft is never pinned: saving one must not
        // change the public feed (pin it when publishing).
        item.pinned &= item.published;
        item.link = item.link.trim().to_owned();
        item.article = item.article.trim().to_owned();
        if !item.link.is_empty() {
            match article_slug_of(&item.link, self.base_url) {
                Some(slug) => {
                    item.article = slug.to_owned();
                    item.link.clear();
                    self.check_article(&mut problems, "link", &item.article)
                        .await?;
                }
                None if is_web_address(&item.link) => {}
                None => problems.push(FieldError::new("link", "wf-live-link-invalid")),
            }
        } else if !item.article.is_empty() {
            self.check_article(&mut problems, "article", &item.article)
                .await?;
        }
        if let Some(at) = item.published_at {
            // A time far ahead would keep an item on top of the feed for good (a pin
            // nobody set); one before the web is a typo.
            let now = chrono::Utc::now();
            let earliest = chrono::DateTime::from_timestamp(631_152_000, 0).unwrap_or(now); // 1990-01-01
            if at > now + chrono::Duration::days(1) || at < earliest {
                problems.push(FieldError::new("published_at", "wf-live-time-out-of-range"));
            }
        }
        self.check_image(&mut problems, &mut item).await?;
        problems.finish()?;
        Ok(item)
    }

    async fn check_article(
        &self,
        problems: &mut Problems,
        field: &'static str,
        slug: &str,
    ) -> WorkflowResult<()> {
        let found = self.store.article(slug).await?;
        if found.is_none_or(|a| a.deleted_at.is_some()) {
            problems.push(FieldError::new(field, "wf-live-article-unknown").text("slug", slug));
        }
        Ok(())
    }

    async fn check_image(
        &self,
        problems: &mut Problems,
        item: &mut NewFeedItem,
    ) -> WorkflowResult<()> {
        item.image = item.image.trim().to_owned();
        item.image_alt = item.image_alt.trim().to_owned();
        item.image_credit = item.image_credit.trim().to_owned();
        if item.image.is_empty() {
            // Alt text and credit describe an image; without one they mean nothing.
            item.image_alt.clear();
            item.image_credit.clear();
            return Ok(());
        }
        if self.store.media_info(&item.image).await?.is_none() {
            problems
                .push(FieldError::new("image", "wf-live-image-unknown").text("name", &item.image));
        }
        if item.image_alt.is_empty() {
            problems.push(FieldError::new("image_alt", "wf-alt-required"));
        } else {
            problems.line("image_alt", &item.image_alt, IMAGE_TEXT_MAX, false);
        }
        problems.line("image_credit", &item.image_credit, IMAGE_TEXT_MAX, false);
        Ok(())
    }

    /// A checked live page: its headline can make a slug; a given slug is valid.
    pub(crate) async fn checked_live_page(
        &self,
        mut page: NewLivePage,
    ) -> WorkflowResult<NewLivePage> {
        let mut problems = Problems::default();
        problems.line("headline", &page.headline, LIVE_HEADLINE_MAX, true);
        problems.text("summary", &page.summary, LIVE_SUMMARY_MAX, false);
        page.headline = page.headline.trim().to_owned();
        page.summary = page.summary.trim().to_owned();
        page.slug = page.slug.trim().to_owned();
        if !page.slug.is_empty() {
            if Slug::parse(&page.slug).is_err() {
                problems.push(FieldError::new("slug", "wf-slug-invalid").text("value", &page.slug));
            }
        } else if !page.headline.is_empty() {
            let language = self.store.settings().await?.language;
            if Slug::from_title_in(&page.headline, &language).is_none() {
                problems.push(FieldError::new("headline", "wf-headline-no-letters"));
            }
        }
        problems.finish()?;
        Ok(page)
    }

    /// A checked live entry.
    pub(crate) fn checked_live_entry(mut entry: NewLiveEntry) -> WorkflowResult<NewLiveEntry> {
        let mut problems = Problems::default();
        problems.line("headline", &entry.headline, ENTRY_HEADLINE_MAX, false);
        problems.text("body", &entry.body, ENTRY_BODY_MAX, true);
        problems.authors(&entry.authors);
        problems.finish()?;
        entry.headline = entry.headline.trim().to_owned();
        entry.body = entry.body.trim().to_owned();
        // As for feed items: a draft is never pinned (pinning unpins the page's others).
        entry.pinned &= entry.published;
        Ok(entry)
    }

    /// Bylines as given, or (none given) the actor's own byline if there is one.
    pub(crate) async fn live_bylines(
        &self,
        actor: super::Actor<'_>,
        given: Vec<String>,
    ) -> WorkflowResult<Vec<String>> {
        let given: Vec<String> = given
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let authors = self.store.authors().await?;
        let unknown: Vec<FieldError> = given
            .iter()
            .filter(|slug| !authors.iter().any(|a| &a.slug == *slug))
            .map(|slug| FieldError::new("authors", "wf-author-unknown").text("value", slug))
            .collect();
        if !unknown.is_empty() {
            return Err(WorkflowError::Invalid(unknown));
        }
        if !given.is_empty() {
            return Ok(given);
        }
        // No byline given: the writer's own (an item may carry none, unlike an article).
        match self.default_byline(actor).await {
            Ok(slug) => Ok(vec![slug]),
            Err(WorkflowError::Invalid(_)) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }
}

/// A checked banner at `now`: text, link (http(s) or a site path), a window that ends
/// after it starts and in the future.
pub fn checked_banner(mut banner: NewBanner, now: DateTime<Utc>) -> WorkflowResult<NewBanner> {
    let mut problems = Problems::default();
    problems.line("text", &banner.text, BANNER_TEXT_MAX, true);
    banner.text = banner.text.trim().to_owned();
    banner.link = banner.link.trim().to_owned();
    if !banner.link.is_empty() && !is_web_address(&banner.link) && !is_site_path(&banner.link) {
        problems.push(FieldError::new("link", "wf-url-invalid"));
    }
    if let Some(end) = banner.ends_at {
        if end <= banner.starts_at.unwrap_or(now) || end <= now {
            problems.push(FieldError::new("ends_at", "wf-live-ends-before-start"));
        }
    }
    problems.finish()?;
    Ok(banner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_this_sites_articles_become_slugs() {
        let base = "https://news.example";
        assert_eq!(article_slug_of("/articles/ferry", base), Some("ferry"));
        assert_eq!(article_slug_of("/articles/ferry/", base), Some("ferry"));
        assert_eq!(
            article_slug_of("https://news.example/articles/ferry?x=1#y", base),
            Some("ferry")
        );
        assert_eq!(
            article_slug_of("https://other.example/articles/ferry", base),
            None
        );
        assert_eq!(
            article_slug_of("https://news.example.evil/articles/ferry", base),
            None
        );
        assert_eq!(article_slug_of("/pages/about", base), None);
        assert_eq!(article_slug_of("/articles/", base), None);
        assert_eq!(article_slug_of("/articles/a/b", base), None);
    }

    #[test]
    fn only_web_addresses_and_site_paths_pass() {
        assert!(is_web_address("https://imf.org/news"));
        assert!(is_web_address("http://example.com"));
        for bad in [
            "ftp://x",
            "javascript:alert(1)",
            "https://",
            "https://a b",
            "/path",
            "https://\"x",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
        assert!(is_site_path("/pages/support-us"));
        assert!(!is_site_path("//evil.example"));
        assert!(!is_site_path("pages"));
    }

    #[test]
    fn a_banner_must_end_after_it_starts() {
        let now = Utc::now();
        let banner = |ends: i64| NewBanner {
            text: "Pre-order now".into(),
            link: "/pages/magazine".into(),
            style: byline_domain::BannerStyle::Notice,
            starts_at: None,
            ends_at: Some(now + chrono::Duration::seconds(ends)),
        };
        assert!(checked_banner(banner(60), now).is_ok());
        let err = checked_banner(banner(-60), now).expect_err("ended");
        assert!(matches!(&err, WorkflowError::Invalid(f) if f[0].field == "ends_at"));
        let empty = NewBanner {
            text: " ".into(),
            ..banner(60)
        };
        assert!(
            matches!(checked_banner(empty, now), Err(WorkflowError::Invalid(f)) if f[0].field == "text")
        );
    }

    #[test]
    fn every_message_key_of_live_coverage_is_in_every_catalog() {
        let sources = [
            include_str!("live.rs"),
            include_str!("live_feed.rs"),
            include_str!("live_banner.rs"),
            include_str!("live_input.rs"),
            include_str!("policy.rs"),
            include_str!("../api/live.rs"),
            include_str!("../api/live_banner.rs"),
            include_str!("../api/live_pages.rs"),
            include_str!("../api/live_entries.rs"),
        ];
        let mut checked = 0;
        for source in sources {
            for key in source.split('"').skip(1).step_by(2) {
                let is_key = key.starts_with("wf-")
                    && key.len() > 3
                    && key.chars().all(|c| c.is_ascii_lowercase() || c == '-');
                if !is_key {
                    continue;
                }
                checked += 1;
                for lang in byline_i18n::Lang::ALL {
                    assert!(lang.has(key), "{key} is missing in {lang}");
                }
            }
        }
        assert!(checked > 30, "found only {checked} keys");
    }
}
