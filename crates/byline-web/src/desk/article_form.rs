//! The article editor's fields, shared by the desk form, the Admin API and the article
//! workflow, and their conversion into a validated draft (errors are catalog keys).

use byline_domain::{Article, ArticleDraft, ArticleStatus, HeroImage, Slug};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;

use crate::workflow::FieldError;

/// Editor fields as submitted (form or JSON). Everything optional so one bad field
/// produces a clear message rather than a parse failure.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ArticleFields {
    pub slug: String,
    pub headline: String,
    pub standfirst: String,
    pub body: String,
    pub section: String,
    /// Comma-separated in forms; a list in JSON (see `ArticleJson`).
    pub tags: String,
    /// Comma-separated byline slugs.
    pub authors: String,
    pub dateline: String,
    pub language: String,
    pub hero_image: String,
    pub hero_alt: String,
    pub hero_caption: String,
    pub hero_credit: String,
    pub editors_pick: Option<String>,
    /// Local time in the outlet's zone (`2026-11-25T14:30`), or RFC 3339.
    pub publish_at: String,
    pub update_note: String,
    /// A correction published with this save: `correction` or `clarification`.
    pub correction_kind: String,
    /// Its text; empty for no correction (see `workflow::corrections`).
    pub correction_text: String,
    pub version: Option<i64>,
    /// Desk form only: which button was pressed (save, publish, schedule, unpublish, preview).
    pub intent: String,
    /// Desk live preview only: answer with the body fragment.
    pub fragment: String,
}

pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Refuses more than `max` different tags on one article (each tag becomes a public page
/// once the article is published).
pub fn check_tags(draft: &ArticleDraft, max: usize) -> Result<(), FieldError> {
    let distinct: std::collections::HashSet<Slug> = draft
        .tags
        .iter()
        .filter_map(|t| Slug::from_title(t))
        .collect();
    if distinct.len() > max {
        return Err(FieldError::new("tags", "wf-too-many-tags")
            .num("max", max)
            .num("count", distinct.len()));
    }
    Ok(())
}

/// Parses `publish_at` as RFC 3339 or as local time in `tz`.
pub fn parse_time(s: &str, tz: chrono_tz::Tz) -> Result<Option<DateTime<Utc>>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| FieldError::new("publish_at", "wf-publish-at-format").text("value", s))?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| Some(t.with_timezone(&Utc)))
        .ok_or_else(|| FieldError::new("publish_at", "wf-publish-at-nonexistent"))
}

impl ArticleFields {
    /// The fields of a stored article, for the editor.
    pub fn from_article(a: &Article, tz: chrono_tz::Tz) -> Self {
        Self {
            slug: a.slug.clone(),
            headline: a.headline.clone(),
            standfirst: a.standfirst.clone(),
            body: a.body_markdown.clone(),
            section: a.section.slug.clone(),
            tags: a
                .tags
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            authors: a
                .authors
                .iter()
                .map(|x| x.slug.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            dateline: a.dateline.clone(),
            language: a.language.clone(),
            hero_image: a.hero.as_ref().map(|h| h.src.clone()).unwrap_or_default(),
            hero_alt: a.hero.as_ref().map(|h| h.alt.clone()).unwrap_or_default(),
            hero_caption: a
                .hero
                .as_ref()
                .map(|h| h.caption.clone())
                .unwrap_or_default(),
            hero_credit: a
                .hero
                .as_ref()
                .map(|h| h.credit.clone())
                .unwrap_or_default(),
            editors_pick: a.editors_pick.then(|| "on".to_owned()),
            publish_at: a
                .published_at
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            update_note: a
                .update_note
                .as_ref()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
            correction_kind: String::new(),
            correction_text: String::new(),
            version: Some(a.version),
            intent: String::new(),
            fragment: String::new(),
        }
    }

    /// A validated draft with `status`. `existing` keeps the slug and first publication time.
    pub fn to_draft(
        &self,
        status: ArticleStatus,
        existing: Option<&Article>,
        tz: chrono_tz::Tz,
    ) -> Result<ArticleDraft, FieldError> {
        let slug = match (existing, self.slug.trim()) {
            (Some(a), _) => Slug::parse(&a.slug)
                .map_err(|_| FieldError::new("slug", "wf-slug-invalid").text("value", &a.slug))?,
            (None, "") if self.headline.trim().is_empty() => {
                return Err(FieldError::new("headline", "wf-required"))
            }
            (None, "") => Slug::from_title_in(&self.headline, &self.language)
                .ok_or_else(|| FieldError::new("headline", "wf-headline-no-letters"))?,
            (None, s) => Slug::parse(s)
                .map_err(|_| FieldError::new("slug", "wf-slug-invalid").text("value", s))?,
        };
        if self.section.trim().is_empty() {
            return Err(FieldError::new("section", "wf-section-choose"));
        }
        let requested = parse_time(&self.publish_at, tz)?;
        let now = Utc::now();
        let published_at = match status {
            ArticleStatus::Scheduled => {
                let at = requested
                    .ok_or_else(|| FieldError::new("publish_at", "wf-publish-at-missing"))?;
                if at <= now {
                    return Err(FieldError::new("publish_at", "wf-publish-at-past"));
                }
                Some(at)
            }
            // Keep the original publication time on later edits.
            ArticleStatus::Published => existing
                .and_then(|a| a.published_at)
                .filter(|t| *t <= now)
                .or(requested.filter(|t| *t <= now))
                .or(Some(now)),
            _ => requested.or(existing.and_then(|a| a.published_at)),
        };
        let hero = (!self.hero_image.trim().is_empty()).then(|| HeroImage {
            src: self.hero_image.trim().to_owned(),
            alt: self.hero_alt.trim().to_owned(),
            caption: self.hero_caption.trim().to_owned(),
            credit: self.hero_credit.trim().to_owned(),
        });
        let draft = ArticleDraft {
            slug,
            headline: self.headline.trim().to_owned(),
            standfirst: self.standfirst.trim().to_owned(),
            body_markdown: self.body.replace("\r\n", "\n"),
            section: self.section.trim().to_owned(),
            tags: split_list(&self.tags),
            authors: split_list(&self.authors),
            status,
            published_at,
            updated_at: None,
            dateline: self.dateline.trim().to_owned(),
            language: if self.language.trim().is_empty() {
                "en".into()
            } else {
                self.language.trim().to_owned()
            },
            hero,
            editors_pick: self.editors_pick.is_some(),
        };
        check_draft(&draft)?;
        Ok(draft)
    }
}

/// Longest headline, in characters.
pub const MAX_HEADLINE: usize = 300;
/// Longest standfirst, in characters.
pub const MAX_STANDFIRST: usize = 1000;
/// Largest article body, in bytes.
pub const MAX_ARTICLE_BODY: usize = 1_000_000;

/// The rules a draft must keep that need no storage (the domain's rules, as catalog keys;
/// the domain still checks them again before anything is written).
pub fn check_draft(d: &ArticleDraft) -> Result<(), FieldError> {
    if d.headline.trim().is_empty() {
        return Err(FieldError::new("headline", "wf-required"));
    }
    if d.headline.chars().count() > MAX_HEADLINE {
        return Err(FieldError::new("headline", "wf-too-long").num("max", MAX_HEADLINE));
    }
    if d.standfirst.chars().count() > MAX_STANDFIRST {
        return Err(FieldError::new("standfirst", "wf-too-long").num("max", MAX_STANDFIRST));
    }
    if d.body_markdown.len() > MAX_ARTICLE_BODY {
        return Err(FieldError::new("body", "wf-too-large").num("kb", MAX_ARTICLE_BODY / 1000));
    }
    if d.authors.is_empty() {
        return Err(FieldError::new("authors", "wf-byline-required"));
    }
    if d.hero.as_ref().is_some_and(|h| h.alt.trim().is_empty()) {
        return Err(FieldError::new("hero_alt", "wf-alt-required"));
    }
    if let Some(tag) = d.tags.iter().find(|t| Slug::from_title(t).is_none()) {
        return Err(FieldError::new("tags", "wf-tag-no-letters").text("tag", tag));
    }
    d.validate().map_err(|e| FieldError::from_domain(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_local_and_rfc3339_times() {
        let tz: chrono_tz::Tz = "Europe/Riga".parse().expect("tz");
        let t = parse_time("2026-07-01T12:00", tz)
            .expect("ok")
            .expect("some");
        assert_eq!(t.to_rfc3339(), "2026-07-01T09:00:00+00:00");
        assert!(parse_time("2026-07-01T12:00:00Z", tz)
            .expect("ok")
            .is_some());
        assert!(parse_time("tomorrow", tz).is_err());
        assert_eq!(parse_time("  ", tz).expect("ok"), None);
    }

    #[test]
    fn builds_drafts_and_names_bad_fields() {
        let tz = chrono_tz::UTC;
        let fields = ArticleFields {
            headline: "Port reopens".into(),
            section: "news".into(),
            authors: "news-desk, ada".into(),
            tags: "Trade, , Ports".into(),
            ..ArticleFields::default()
        };
        let d = fields
            .to_draft(ArticleStatus::Draft, None, tz)
            .expect("draft");
        assert_eq!(d.slug.as_str(), "port-reopens");
        assert_eq!(d.authors, ["news-desk", "ada"]);
        assert_eq!(d.tags, ["Trade", "Ports"]);
        let past = ArticleFields {
            publish_at: "2001-01-01T00:00".into(),
            ..fields.clone()
        };
        assert_eq!(
            past.to_draft(ArticleStatus::Scheduled, None, tz)
                .expect_err("past")
                .field,
            "publish_at"
        );
        let no_alt = ArticleFields {
            hero_image: "a.jpg".into(),
            ..fields
        };
        assert_eq!(
            no_alt
                .to_draft(ArticleStatus::Draft, None, tz)
                .expect_err("alt")
                .field,
            "hero_alt"
        );
    }
}
