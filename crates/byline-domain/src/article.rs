//! Articles and the people, desks, sections and tags attached to them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where an article is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleStatus {
    Draft,
    Scheduled,
    Published,
    Unpublished,
}

impl ArticleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Published => "published",
            Self::Unpublished => "unpublished",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "scheduled" => Self::Scheduled,
            "published" => Self::Published,
            "unpublished" => Self::Unpublished,
            _ => return None,
        })
    }
}

/// A byline is a person or a desk ("News desk").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthorKind {
    Person,
    Desk,
}

impl AuthorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Desk => "desk",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(Self::Person),
            "desk" => Some(Self::Desk),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: AuthorKind,
    pub bio: String,
    /// Media file name of the portrait, if any.
    pub photo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i64,
    /// The edition (language code) the section belongs to.
    pub edition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub slug: String,
    pub name: String,
}

/// The lead picture of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeroImage {
    /// Media file name, served under `/media/`.
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// Everything needed to list an article (cards, feeds, sitemaps).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub standfirst: String,
    pub section: Section,
    pub authors: Vec<Author>,
    pub tags: Vec<Tag>,
    pub status: ArticleStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub dateline: String,
    pub language: String,
    pub hero: Option<HeroImage>,
    pub editors_pick: bool,
    pub reading_minutes: u32,
    /// Bumped by every save; an editor saving an older version gets a conflict.
    pub version: i64,
    /// Set when the article is in the bin (soft-deleted).
    pub deleted_at: Option<DateTime<Utc>>,
    /// A public note on what changed after publication, with its time.
    pub update_note: Option<UpdateNote>,
    /// Staff member who created the article (desk ownership).
    pub owner_id: Option<i64>,
    /// Curated place on the front page (0 = lead), if any.
    pub home_position: Option<i64>,
}

/// "Updated: …" shown on a published article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateNote {
    pub text: String,
    pub at: DateTime<Utc>,
}

/// A full article: its summary plus the Markdown body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    pub body_markdown: String,
}

impl std::ops::Deref for Article {
    type Target = ArticleSummary;
    fn deref(&self) -> &ArticleSummary {
        &self.summary
    }
}

/// What a writer submits to create or replace an article (keyed by slug).
/// Also the snapshot kept for each revision (`byline_store::snapshot`): every field that
/// an older snapshot may lack carries `#[serde(default)]`, and so must every field added
/// later, or old revisions stop reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDraft {
    pub slug: crate::Slug,
    pub headline: String,
    #[serde(default)]
    pub standfirst: String,
    #[serde(default)]
    pub body_markdown: String,
    pub section: String,
    /// Display names; slugs are derived.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Author slugs, in byline order.
    pub authors: Vec<String>,
    pub status: ArticleStatus,
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub dateline: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub hero: Option<HeroImage>,
    #[serde(default)]
    pub editors_pick: bool,
}

/// A problem with a draft that a writer must fix; names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl ArticleDraft {
    /// Checks the rules that need no storage: required fields, lengths, alt text.
    pub fn validate(&self) -> Result<(), FieldError> {
        if self.headline.trim().is_empty() {
            return Err(FieldError::new("headline", "must not be empty"));
        }
        if self.headline.chars().count() > 300 {
            return Err(FieldError::new(
                "headline",
                "must be at most 300 characters",
            ));
        }
        if self.standfirst.chars().count() > 1000 {
            return Err(FieldError::new(
                "standfirst",
                "must be at most 1000 characters",
            ));
        }
        if self.body_markdown.len() > 1_000_000 {
            return Err(FieldError::new("body", "must be at most 1 MB"));
        }
        if self.authors.is_empty() {
            return Err(FieldError::new(
                "authors",
                "at least one byline is required",
            ));
        }
        if let Some(hero) = &self.hero {
            if hero.alt.trim().is_empty() {
                return Err(FieldError::new(
                    "hero_alt",
                    "alt text is required for the hero image",
                ));
            }
        }
        if self.status == ArticleStatus::Published && self.published_at.is_none() {
            return Err(FieldError::new(
                "published_at",
                "a published article needs a time",
            ));
        }
        if let (Some(p), Some(u)) = (self.published_at, self.updated_at) {
            if u < p {
                return Err(FieldError::new(
                    "updated_at",
                    "must not be before published_at",
                ));
            }
        }
        for tag in &self.tags {
            if crate::Slug::from_title(tag).is_none() {
                return Err(FieldError::new(
                    "tags",
                    format!("`{tag}` has no letters or digits"),
                ));
            }
        }
        Ok(())
    }
}
