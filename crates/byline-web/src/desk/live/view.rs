//! The live desk's forms and rows: a live page's headline-and-summary form, the entry
//! composer (and edit form), and pages and entries as the lists show them.

use byline_domain::{LiveEntry, LivePage, LiveStatus, NewLiveEntry, NewLivePage};
use byline_i18n::Lang;
use serde::Deserialize;

use crate::desk::live_forms;
use crate::view::TimeView;

/// The inputs of the live page form, by name.
pub(super) const PAGE_FIELDS: &[&str] = &["headline", "summary", "slug", "edition"];
/// The inputs of the entry form, by name.
pub(super) const ENTRY_FIELDS: &[&str] = &["headline", "body", "authors"];

/// A live page's form as submitted (create and edit).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(in crate::desk) struct LivePageForm {
    pub headline: String,
    pub summary: String,
    /// Create only; empty: from the headline.
    pub slug: String,
    pub version: Option<i64>,
    /// The edition's code (empty keeps the stored one, or the default for a new page).
    pub edition: String,
}

impl LivePageForm {
    pub fn from_page(page: &LivePage) -> Self {
        Self {
            headline: page.headline.clone(),
            summary: page.summary_markdown.clone(),
            slug: page.slug.clone(),
            version: Some(page.version),
            edition: page.edition.clone(),
        }
    }

    pub fn to_new(&self) -> NewLivePage {
        NewLivePage {
            slug: self.slug.trim().to_owned(),
            headline: self.headline.trim().to_owned(),
            summary: self.summary.replace("\r\n", "\n").trim().to_owned(),
            edition: self.edition.trim().to_owned(),
        }
    }
}

/// An entry's form as submitted (composer and edit).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(in crate::desk) struct EntryForm {
    pub headline: String,
    pub body: String,
    pub key_event: Option<String>,
    pub pinned: Option<String>,
    /// Comma-separated byline slugs.
    pub authors: String,
    pub version: Option<i64>,
    /// `publish`, `draft`, or `save` (keep the state).
    pub intent: String,
}

impl EntryForm {
    pub fn from_entry(entry: &LiveEntry) -> Self {
        Self {
            headline: entry.headline.clone(),
            body: entry.body_markdown.clone(),
            key_event: entry.key_event.then(|| "on".to_owned()),
            pinned: entry.pinned.then(|| "on".to_owned()),
            authors: live_forms::bylines_field(&entry.authors),
            version: Some(entry.version),
            intent: String::new(),
        }
    }

    /// Whether the entry is to be published: by the button, else as it is (`current`).
    pub fn publish(&self, current: bool) -> bool {
        match self.intent.as_str() {
            "publish" => true,
            "draft" => false,
            _ => current,
        }
    }

    pub fn to_new(&self, published: bool) -> NewLiveEntry {
        NewLiveEntry {
            headline: self.headline.trim().to_owned(),
            body: self.body.replace("\r\n", "\n").trim().to_owned(),
            key_event: live_forms::ticked(&self.key_event),
            pinned: live_forms::ticked(&self.pinned),
            published,
            authors: live_forms::bylines(&self.authors),
        }
    }
}

/// The entry as stored, as a submission with the same fields (for the flag buttons).
pub(super) fn resubmit(entry: &LiveEntry) -> NewLiveEntry {
    NewLiveEntry {
        headline: entry.headline.clone(),
        body: entry.body_markdown.clone(),
        key_event: entry.key_event,
        pinned: entry.pinned,
        published: entry.published,
        authors: entry.authors.iter().map(|a| a.slug.clone()).collect(),
    }
}

/// A live page in the desk's list.
#[derive(Debug, Clone)]
pub(super) struct LiveRow {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub archived: bool,
    pub started: String,
    pub started_iso: String,
    /// The newest entry's time, empty when none.
    pub last_entry: String,
}

impl LiveRow {
    pub fn new(page: &LivePage, tz: chrono_tz::Tz, lang: Lang) -> Self {
        let started = TimeView::in_lang(page.started_at, tz, lang);
        Self {
            id: page.id,
            slug: page.slug.clone(),
            headline: page.headline.clone(),
            archived: page.status == LiveStatus::Archived,
            started: started.display,
            started_iso: started.iso,
            last_entry: page
                .last_entry_at
                .map(|t| TimeView::in_lang(t, tz, lang).display)
                .unwrap_or_default(),
        }
    }
}

/// One entry in a live page's desk stream.
#[derive(Debug, Clone)]
pub(super) struct EntryRow {
    pub id: i64,
    pub live_id: i64,
    /// The entry's headline, or the start of its body when it has none.
    pub title: String,
    pub excerpt: String,
    pub time: String,
    pub time_iso: String,
    pub published: bool,
    pub key_event: bool,
    pub pinned: bool,
    pub bylines: String,
    pub version: i64,
}

impl EntryRow {
    pub fn new(entry: &LiveEntry, tz: chrono_tz::Tz, lang: Lang) -> Self {
        let t = TimeView::in_lang(entry.published_at, tz, lang);
        let title = if entry.headline.trim().is_empty() {
            live_forms::excerpt(&entry.body_markdown, 80)
        } else {
            entry.headline.clone()
        };
        Self {
            id: entry.id,
            live_id: entry.live_id,
            title,
            excerpt: live_forms::excerpt(&entry.body_markdown, 240),
            time: t.display,
            time_iso: t.iso,
            published: entry.published,
            key_event: entry.key_event,
            pinned: entry.pinned,
            bylines: live_forms::byline_names(&entry.authors),
            version: entry.version,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_form_keeps_its_flags_and_the_state_follows_the_button() {
        let form = EntryForm {
            body: " Sirens in the east.\r\nStay in shelters. ".into(),
            key_event: Some("on".into()),
            authors: "kyiv-desk".into(),
            intent: "publish".into(),
            ..EntryForm::default()
        };
        assert!(form.publish(false));
        let entry = form.to_new(true);
        assert_eq!(entry.body, "Sirens in the east.\nStay in shelters.");
        assert!(entry.key_event && !entry.pinned && entry.published);
        assert_eq!(entry.authors, ["kyiv-desk"]);
        let save = EntryForm {
            intent: "save".into(),
            ..EntryForm::default()
        };
        assert!(!save.publish(false) && save.publish(true));
    }
}
