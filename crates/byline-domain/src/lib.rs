//! Pure newsroom types and rules: articles, bylines, sections, slugs, reading time,
//! Markdown rendering and sanitising, excerpts and article front matter. No IO, no async.
#![forbid(unsafe_code)]

pub mod article;
pub mod corrections;
pub mod diff;
pub mod edition;
pub mod excerpt;
pub mod front_matter;
pub mod live;
pub mod markdown;
pub mod reading_time;
pub mod reports;
pub mod site;
pub mod slug;
pub mod staff;

pub use article::{
    Article, ArticleDraft, ArticleStatus, ArticleSummary, Author, AuthorKind, HeroImage, Section,
    Tag, UpdateNote,
};
pub use corrections::{
    Correction, CorrectionKind, ListedCorrection, NewCorrection, PublishedRevision,
    RevisionExclusion, RevisionText,
};
pub use edition::{Edition, EditionError};
pub use live::{
    Banner, BannerStyle, FeedItem, LinkedArticle, LiveEntry, LivePage, LiveStatus, NewBanner,
    NewFeedItem, NewLiveEntry, NewLivePage,
};
pub use reports::ReportState;
pub use site::{
    CorrectionsPosition, MediaFile, NewAuthor, NewPage, NewSection, Page, SiteSettings,
};
pub use slug::Slug;
