//! Database rows and their conversion into domain types. Shared by both backends.

use byline_domain::{
    ArticleStatus, ArticleSummary, Author, AuthorKind, HeroImage, Page, Section, Tag,
};
use chrono::{DateTime, Utc};

use crate::StoreError;

pub(crate) fn to_time(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SectionRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i64,
}

impl From<SectionRow> for Section {
    fn from(r: SectionRow) -> Self {
        Section {
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            position: r.position,
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
}

/// Columns for [`ArticleRow`]; the query must alias `articles a` and `sections s`.
pub(crate) const ARTICLE_COLUMNS: &str = "a.id, a.slug, a.headline, a.standfirst, a.status, \
    a.published_at, a.updated_at, a.dateline, a.language, a.hero_src, a.hero_alt, a.hero_caption, \
    a.hero_credit, a.editors_pick, a.reading_minutes, a.version, a.deleted_at, a.update_note, \
    a.update_note_at, a.owner_id, a.home_position, s.id AS section_id, s.slug AS section_slug, \
    s.name AS section_name, s.description AS section_description, s.position AS section_position";

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

pub(crate) const MEDIA_INFO_COLUMNS: &str =
    "name, content_type, CAST(LENGTH(bytes) AS BIGINT) AS size, alt, caption, credit, width, height, variant_of";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RevisionRow {
    pub version: i64,
    pub snapshot: String,
    pub author_name: String,
    pub created_at: i64,
}

/// `$start, $start+1, …` for an IN list of `n` values.
pub(crate) fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) const STAFF_COLUMNS: &str =
    "id, email, name, role, active, totp_secret, sessions_valid_after, created_at, language";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct StaffRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub active: bool,
    pub totp_secret: Option<String>,
    pub sessions_valid_after: i64,
    pub created_at: i64,
    pub language: String,
}

impl TryFrom<StaffRow> for crate::StaffMember {
    type Error = StoreError;
    fn try_from(r: StaffRow) -> Result<Self, StoreError> {
        Ok(Self {
            role: byline_domain::staff::Role::parse(&r.role).ok_or_else(|| {
                StoreError::Corrupt(format!("staff {} has role `{}`", r.id, r.role))
            })?,
            id: r.id,
            email: r.email,
            name: r.name,
            active: r.active,
            totp_secret: r.totp_secret.filter(|s| !s.is_empty()),
            sessions_valid_after: r.sessions_valid_after,
            created_at: to_time(r.created_at),
            // A code no longer shipped must not lock the account out of the desk.
            language: r.language.parse().unwrap_or_else(|_| {
                tracing::warn!(staff = r.id, language = %r.language, "unknown desk language");
                byline_i18n::Lang::default()
            }),
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ApiTokenRow {
    pub id: i64,
    pub staff_id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

impl From<ApiTokenRow> for crate::ApiToken {
    fn from(r: ApiTokenRow) -> Self {
        Self {
            id: r.id,
            staff_id: r.staff_id,
            name: r.name,
            created_at: to_time(r.created_at),
            revoked_at: r.revoked_at.map(to_time),
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OneTimeTokenRow {
    pub token_hash: String,
    pub purpose: String,
    pub email: String,
    pub role: Option<String>,
    pub staff_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
}

impl From<OneTimeTokenRow> for crate::OneTimeToken {
    fn from(r: OneTimeTokenRow) -> Self {
        Self {
            token_hash: r.token_hash,
            purpose: r.purpose,
            email: r.email,
            role: r
                .role
                .as_deref()
                .and_then(byline_domain::staff::Role::parse),
            staff_id: r.staff_id,
            created_by: r.created_by,
            created_at: to_time(r.created_at),
            expires_at: to_time(r.expires_at),
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub idempotency_key: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub run_at: i64,
    pub last_error: String,
}

pub(crate) const JOB_COLUMNS: &str =
    "id, kind, payload, idempotency_key, status, attempts, max_attempts, run_at, last_error";

impl TryFrom<JobRow> for crate::Job {
    type Error = StoreError;
    fn try_from(r: JobRow) -> Result<Self, StoreError> {
        Ok(Self {
            payload: serde_json::from_str(&r.payload)
                .map_err(|e| StoreError::Corrupt(format!("job {}: {e}", r.id)))?,
            id: r.id,
            kind: r.kind,
            idempotency_key: r.idempotency_key,
            status: crate::jobs::JobStatus::parse(&r.status),
            attempts: r.attempts,
            max_attempts: r.max_attempts,
            run_at: to_time(r.run_at),
            last_error: r.last_error,
        })
    }
}

pub(crate) const NEWSLETTER_COLUMNS: &str = "n.id, n.slug, n.name, n.description, n.sender_name, n.sender_address, \
    n.position, n.last_sent_at, (SELECT COUNT(*) FROM subscriptions x WHERE x.newsletter_id = n.id AND x.status = 'confirmed') AS subscribers";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NewsletterRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub sender_name: String,
    pub sender_address: String,
    pub position: i64,
    pub last_sent_at: Option<i64>,
    pub subscribers: i64,
}

impl From<NewsletterRow> for crate::Newsletter {
    fn from(r: NewsletterRow) -> Self {
        Self {
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            sender_name: r.sender_name,
            sender_address: r.sender_address,
            position: r.position,
            last_sent_at: r.last_sent_at.map(to_time),
            subscribers: r.subscribers,
        }
    }
}

pub(crate) const CAMPAIGN_FROM: &str = "c.id, n.slug AS newsletter, c.subject, c.body_markdown, c.status, c.created_at, c.started_at, \
    c.finished_at FROM campaigns c JOIN newsletters n ON n.id = c.newsletter_id";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CampaignRow {
    pub id: i64,
    pub newsletter: String,
    pub subject: String,
    pub body_markdown: String,
    pub status: String,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
}

impl From<CampaignRow> for crate::Campaign {
    fn from(r: CampaignRow) -> Self {
        Self {
            id: r.id,
            newsletter: r.newsletter,
            subject: r.subject,
            body_markdown: r.body_markdown,
            status: r.status,
            created_at: to_time(r.created_at),
            started_at: r.started_at.map(to_time),
            finished_at: r.finished_at.map(to_time),
        }
    }
}

/// The statement for a write by slug in `mode`: `insert` alone (Create), `insert` plus
/// `on_conflict` (Upsert), or `update` (Update), each followed by `returning`.
pub(crate) fn keyed_write(
    mode: crate::WriteMode,
    insert: &str,
    on_conflict: &str,
    update: &str,
    returning: &str,
) -> String {
    match mode {
        crate::WriteMode::Create => format!("{insert} {returning}"),
        crate::WriteMode::Upsert => format!("{insert} {on_conflict} {returning}"),
        crate::WriteMode::Update => format!("{update} {returning}"),
    }
}

/// A unique-constraint failure as a conflict naming the taken slug; other errors unchanged.
pub(crate) fn taken(e: sqlx::Error, what: &str, slug: &str) -> crate::StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => crate::StoreError::Conflict(
            format!("the slug `{slug}` is already used by another {what}"),
        ),
        _ => e.into(),
    }
}
