//! Rows of the public content queries (`content.rs`): sections, bylines, tags, pages,
//! articles, media, the change log, and the WHERE clauses of article listings.

use super::shared::to_time;
use crate::StoreError;
use byline_domain::{
    ArticleStatus, ArticleSummary, Author, AuthorKind, HeroImage, Page, Section, Tag,
};

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SectionRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i64,
    pub edition: String,
}

impl From<SectionRow> for Section {
    fn from(r: SectionRow) -> Self {
        Section {
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            position: r.position,
            edition: r.edition,
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AuthorRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub bio: String,
    pub photo: Option<String>,
}

impl From<AuthorRow> for Author {
    fn from(r: AuthorRow) -> Self {
        Author {
            id: r.id,
            slug: r.slug,
            name: r.name,
            kind: AuthorKind::parse(&r.kind).unwrap_or(AuthorKind::Person),
            bio: r.bio,
            photo: r.photo.filter(|p| !p.is_empty()),
        }
    }
}

/// An author joined to the article it signs.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct BylineRow {
    pub article_id: i64,
    #[sqlx(flatten)]
    pub author: AuthorRow,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ArticleTagRow {
    pub article_id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct TagRow {
    pub slug: String,
    pub name: String,
}

impl From<TagRow> for Tag {
    fn from(r: TagRow) -> Self {
        Tag {
            slug: r.slug,
            name: r.name,
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PageRow {
    pub slug: String,
    pub title: String,
    pub body_markdown: String,
    pub updated_at: i64,
}

impl From<PageRow> for Page {
    fn from(r: PageRow) -> Self {
        Page {
            slug: r.slug,
            title: r.title,
            body_markdown: r.body_markdown,
            updated_at: to_time(r.updated_at),
        }
    }
}

/// The columns `ARTICLE_COLUMNS` selects: an article joined with its section.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ArticleRow {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub standfirst: String,
    pub status: String,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub dateline: String,
    pub language: String,
    pub hero_src: Option<String>,
    pub hero_alt: String,
    pub hero_caption: String,
    pub hero_credit: String,
    pub editors_pick: bool,
    pub reading_minutes: i64,
    pub version: i64,
    pub deleted_at: Option<i64>,
    pub update_note: String,
    pub update_note_at: Option<i64>,
    pub owner_id: Option<i64>,
    pub home_position: Option<i64>,
    pub section_id: i64,
    pub section_slug: String,
    pub section_name: String,
    pub section_description: String,
    pub section_position: i64,
    pub section_edition: String,
}

/// Columns for [`ArticleRow`]; the query must alias `articles a` and `sections s`.
pub(crate) const ARTICLE_COLUMNS: &str = "a.id, a.slug, a.headline, a.standfirst, a.status, \
    a.published_at, a.updated_at, a.dateline, a.language, a.hero_src, a.hero_alt, a.hero_caption, \
    a.hero_credit, a.editors_pick, a.reading_minutes, a.version, a.deleted_at, a.update_note, \
    a.update_note_at, a.owner_id, a.home_position, s.id AS section_id, s.slug AS section_slug, \
    s.name AS section_name, s.description AS section_description, s.position AS section_position, \
    s.edition AS section_edition";

impl ArticleRow {
    pub fn into_summary(
        self,
        authors: Vec<Author>,
        tags: Vec<Tag>,
    ) -> Result<ArticleSummary, StoreError> {
        let status = ArticleStatus::parse(&self.status).ok_or_else(|| {
            StoreError::Corrupt(format!("article {} has status `{}`", self.id, self.status))
        })?;
        let hero = self
            .hero_src
            .filter(|s| !s.is_empty())
            .map(|src| HeroImage {
                src,
                alt: self.hero_alt,
                caption: self.hero_caption,
                credit: self.hero_credit,
            });
        Ok(ArticleSummary {
            id: self.id,
            slug: self.slug,
            headline: self.headline,
            standfirst: self.standfirst,
            section: Section {
                id: self.section_id,
                slug: self.section_slug,
                name: self.section_name,
                description: self.section_description,
                position: self.section_position,
                edition: self.section_edition,
            },
            authors,
            tags,
            status,
            published_at: self.published_at.map(to_time),
            updated_at: to_time(self.updated_at),
            dateline: self.dateline,
            language: self.language,
            hero,
            editors_pick: self.editors_pick,
            reading_minutes: u32::try_from(self.reading_minutes).unwrap_or(1),
            version: self.version,
            deleted_at: self.deleted_at.map(to_time),
            update_note: match (self.update_note.is_empty(), self.update_note_at) {
                (false, Some(at)) => Some(byline_domain::UpdateNote {
                    text: self.update_note,
                    at: to_time(at),
                }),
                _ => None,
            },
            owner_id: self.owner_id,
            home_position: self.home_position,
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MediaRow {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ChangeRow {
    pub id: i64,
    pub tags: String,
}

/// A value bound to a dynamically built query.
#[derive(Debug, Clone)]
pub(crate) enum Bind {
    Int(i64),
    Text(String),
}

/// Builds the WHERE clause for an [`crate::ArticleQuery`] with `$n` placeholders
/// (both SQLite and PostgreSQL accept them).
pub(crate) fn article_filter(q: &crate::ArticleQuery) -> (String, Vec<Bind>) {
    let mut clauses = vec!["a.status = 'published' AND a.deleted_at IS NULL".to_owned()];
    let mut binds = Vec::new();
    let push = |clause: &str, bind: Bind, binds: &mut Vec<Bind>| {
        binds.push(bind);
        clause.replace('?', &format!("${}", binds.len()))
    };
    if let Some(section) = &q.section {
        // By id, so the (section_id, status, published_at) index orders the walk.
        clauses.push(push(
            "a.section_id = (SELECT id FROM sections WHERE slug = ?)",
            Bind::Text(section.clone()),
            &mut binds,
        ));
    }
    if let Some(tag) = &q.tag {
        clauses.push(push(
            "a.id IN (SELECT at.article_id FROM article_tags at WHERE at.tag_id = (SELECT id FROM tags WHERE slug = ?))",
            Bind::Text(tag.clone()),
            &mut binds,
        ));
    }
    if let Some(author) = &q.author {
        clauses.push(push(
            "a.id IN (SELECT aa.article_id FROM article_authors aa WHERE aa.author_id = (SELECT id FROM authors WHERE slug = ?))",
            Bind::Text(author.clone()),
            &mut binds,
        ));
    }
    if let Some(pick) = q.editors_pick {
        clauses.push(if pick {
            "a.editors_pick".into()
        } else {
            "NOT a.editors_pick".into()
        });
    }
    if let Some(since) = q.published_since {
        clauses.push(push(
            "a.published_at >= ?",
            Bind::Int(since.timestamp()),
            &mut binds,
        ));
    }
    if let Some(since) = q.changed_since {
        clauses.push(push(
            "(a.updated_at >= ? OR a.published_at >= ?)",
            Bind::Int(since.timestamp()),
            &mut binds,
        ));
    }
    match &q.languages {
        Some(crate::LanguageFilter::Only(code)) => {
            clauses.push(push("a.language = ?", Bind::Text(code.clone()), &mut binds));
        }
        Some(crate::LanguageFilter::Except(codes)) if !codes.is_empty() => {
            let placeholders: Vec<String> = codes
                .iter()
                .map(|code| push("?", Bind::Text(code.clone()), &mut binds))
                .collect();
            clauses.push(format!("a.language NOT IN ({})", placeholders.join(", ")));
        }
        _ => {}
    }
    (clauses.join(" AND "), binds)
}

/// The WHERE clause for a [`crate::DeskQuery`].
pub(crate) fn desk_filter(q: &crate::DeskQuery) -> (String, Vec<Bind>) {
    let mut clauses = vec![if q.deleted {
        "a.deleted_at IS NOT NULL"
    } else {
        "a.deleted_at IS NULL"
    }
    .to_owned()];
    let mut binds = Vec::new();
    let mut push = |clause: &str, bind: Bind| {
        binds.push(bind);
        clauses.push(clause.replace('?', &format!("${}", binds.len())));
    };
    if let Some(status) = q.status {
        push("a.status = ?", Bind::Text(status.as_str().to_owned()));
    }
    if let Some(section) = &q.section {
        push("s.slug = ?", Bind::Text(section.clone()));
    }
    if let Some(author) = &q.author {
        push(
            "a.id IN (SELECT aa.article_id FROM article_authors aa WHERE aa.author_id = (SELECT id FROM authors WHERE slug = ?))",
            Bind::Text(author.clone()),
        );
    }
    if let Some(owner) = q.owner_id {
        push("a.owner_id = ?", Bind::Int(owner));
    }
    if let Some(viewer) = q.visible_to {
        push(
            "(a.status = 'published' OR a.owner_id = ?)",
            Bind::Int(viewer),
        );
    }
    (clauses.join(" AND "), binds)
}
