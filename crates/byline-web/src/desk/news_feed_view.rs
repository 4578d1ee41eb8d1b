//! The News Feed desk's form and rows: the quick-post and edit form's fields, their
//! conversion into a [`NewFeedItem`] for the workflow, and an item as a list row.

use byline_domain::{FeedItem, NewFeedItem};
use byline_i18n::Lang;
use serde::Deserialize;

use super::live_forms::{self, FormErrors};
use crate::view::TimeView;

/// The inputs of the item form, by name (field errors elsewhere go to the summary).
pub(super) const FIELDS: &[&str] = &[
    "headline",
    "body",
    "link",
    "image",
    "image_alt",
    "image_credit",
    "authors",
    "published_at",
    "edition",
];

/// The item form as submitted (quick post and edit). Every field is text so one bad
/// field is a message by it, never a parse failure.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct FeedItemForm {
    pub headline: String,
    pub body: String,
    /// An article's address on this site or an http(s) link.
    pub link: String,
    pub image: String,
    pub image_alt: String,
    pub image_credit: String,
    /// Comma-separated byline slugs.
    pub authors: String,
    pub breaking: Option<String>,
    pub pinned: Option<String>,
    /// Edit form only: the time shown, local to the outlet (empty keeps it).
    pub published_at: String,
    /// Edit form only: the version the form was loaded at.
    pub version: Option<i64>,
    /// Which button: `publish`, `draft`, or `save` (keep the state).
    pub intent: String,
    /// The edition's code (the select is shown when the outlet has several; empty keeps
    /// the stored one, or the default edition for a new item).
    pub edition: String,
}

impl FeedItemForm {
    /// The form of a stored item, for its edit page.
    pub fn from_item(item: &FeedItem, tz: chrono_tz::Tz) -> Self {
        let link = match &item.article {
            Some(a) => crate::view::paths::article(&a.slug),
            None => item.link.clone(),
        };
        Self {
            headline: item.headline.clone(),
            body: item.body_markdown.clone(),
            link,
            image: item.image.clone(),
            image_alt: item.image_alt.clone(),
            image_credit: item.image_credit.clone(),
            authors: live_forms::bylines_field(&item.authors),
            breaking: item.breaking.then(|| "on".to_owned()),
            pinned: item.pinned.then(|| "on".to_owned()),
            published_at: live_forms::local_input(item.published_at, tz),
            version: Some(item.version),
            intent: String::new(),
            edition: item.edition.clone(),
        }
    }

    /// An empty quick-post form with the bylines of the writer's last item filled in.
    pub fn quick(authors: String) -> Self {
        Self {
            authors,
            ..Self::default()
        }
    }

    /// Whether the item is to be published: by the button, else as it is (`current`).
    pub fn publish(&self, current: bool) -> bool {
        match self.intent.as_str() {
            "publish" => true,
            "draft" => false,
            _ => current,
        }
    }

    /// The item for the workflow (which validates it); only the time is parsed here.
    pub fn to_new(
        &self,
        published: bool,
        tz: chrono_tz::Tz,
        lang: Lang,
    ) -> Result<NewFeedItem, FormErrors> {
        let published_at = live_forms::parse_local(&self.published_at, tz, "published_at", lang)?;
        Ok(NewFeedItem {
            headline: self.headline.trim().to_owned(),
            body: self.body.replace("\r\n", "\n").trim().to_owned(),
            article: String::new(),
            link: self.link.trim().to_owned(),
            image: self.image.trim().to_owned(),
            image_alt: self.image_alt.trim().to_owned(),
            image_credit: self.image_credit.trim().to_owned(),
            breaking: live_forms::ticked(&self.breaking),
            pinned: live_forms::ticked(&self.pinned),
            published,
            authors: live_forms::bylines(&self.authors),
            published_at,
            edition: self.edition.trim().to_owned(),
        })
    }
}

/// One item in the desk's list.
#[derive(Debug, Clone)]
pub(super) struct FeedRow {
    pub id: i64,
    pub headline: String,
    pub excerpt: String,
    pub time: String,
    pub time_iso: String,
    pub published: bool,
    pub breaking: bool,
    pub pinned: bool,
    pub bylines: String,
}

impl FeedRow {
    pub fn new(item: &FeedItem, tz: chrono_tz::Tz, lang: Lang) -> Self {
        let t = TimeView::in_lang(item.published_at, tz, lang);
        Self {
            id: item.id,
            headline: item.headline.clone(),
            excerpt: live_forms::excerpt(&item.body_markdown, 160),
            time: t.display,
            time_iso: t.iso,
            published: item.published,
            breaking: item.breaking,
            pinned: item.pinned,
            bylines: live_forms::byline_names(&item.authors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buttons_pick_the_state_and_the_time_is_local() {
        let form = FeedItemForm {
            headline: "  IMF tranche arrives ".into(),
            authors: "news-desk, ada".into(),
            breaking: Some("on".into()),
            published_at: "2026-07-01T12:00".into(),
            intent: "draft".into(),
            ..FeedItemForm::default()
        };
        assert!(!form.publish(true));
        let tz: chrono_tz::Tz = "Europe/Kyiv".parse().expect("tz");
        let item = form.to_new(false, tz, Lang::En).expect("item");
        assert_eq!(item.headline, "IMF tranche arrives");
        assert_eq!(item.authors, ["news-desk", "ada"]);
        assert!(item.breaking && !item.pinned && !item.published);
        assert_eq!(
            item.published_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-07-01T09:00:00+00:00")
        );
        let bad = FeedItemForm {
            published_at: "soon".into(),
            ..form
        };
        let errors = bad.to_new(true, tz, Lang::En).expect_err("bad time");
        assert!(errors.has("published_at"));
        assert!(FeedItemForm::default().publish(true));
    }
}
