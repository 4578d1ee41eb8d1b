//! Articles over the Admin API.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{Article, ArticleStatus};
use byline_store::{DeskQuery, SaveContext, StaffMember};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::policy::{self, check_edit, check_status};
use crate::auth::ApiStaff;
use crate::desk::article_form::ArticleFields;
use crate::desk::audit;
use crate::AppState;

/// JSON body extractor whose errors are API errors (422 with the problem) instead of text.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::Invalid(
                [("body".to_owned(), e.body_text())].into(),
            )),
            Err(e) => Err(ApiError::BadRequest(e.body_text())),
        }
    }
}

/// Tags and bylines as a JSON list or a comma-separated string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ListOrText {
    List(Vec<String>),
    Text(String),
}

impl ListOrText {
    fn joined(&self) -> String {
        match self {
            Self::List(v) => v.join(","),
            Self::Text(s) => s.clone(),
        }
    }
}

/// An article as sent to the API; absent fields keep their current value on PATCH.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleJson {
    slug: Option<String>,
    headline: Option<String>,
    standfirst: Option<String>,
    body: Option<String>,
    section: Option<String>,
    tags: Option<ListOrText>,
    authors: Option<ListOrText>,
    dateline: Option<String>,
    language: Option<String>,
    hero_image: Option<String>,
    hero_alt: Option<String>,
    hero_caption: Option<String>,
    hero_credit: Option<String>,
    /// Editors and admins only; another role sending a change is refused (403).
    editors_pick: Option<bool>,
    /// Front-page position, 0 (lead story) to 99; editors and admins only.
    home_position: Option<i64>,
    publish_at: Option<String>,
    update_note: Option<String>,
    /// `draft` (default), `published`, `scheduled`, `unpublished`.
    status: Option<String>,
    /// The version this edit starts from; a newer stored version answers 409.
    version: Option<i64>,
}

impl ArticleJson {
    fn apply(self, mut f: ArticleFields) -> ArticleFields {
        macro_rules! set {
            ($($field:ident),*) => { $(if let Some(v) = self.$field { f.$field = v; })* };
        }
        set!(
            slug,
            headline,
            standfirst,
            body,
            section,
            dateline,
            language,
            hero_image,
            hero_alt,
            hero_caption,
            hero_credit,
            publish_at,
            update_note
        );
        if let Some(t) = &self.tags {
            f.tags = t.joined();
        }
        if let Some(a) = &self.authors {
            f.authors = a.joined();
        }
        if let Some(p) = self.editors_pick {
            f.editors_pick = p.then(|| "on".to_owned());
        }
        f.version = self.version;
        f
    }
}

#[derive(Serialize)]
pub struct ArticleOut {
    id: i64,
    slug: String,
    url: String,
    headline: String,
    standfirst: String,
    body: String,
    section: String,
    tags: Vec<String>,
    authors: Vec<String>,
    status: &'static str,
    published_at: Option<String>,
    updated_at: String,
    version: i64,
    editors_pick: bool,
    dateline: String,
    language: String,
    hero: Option<byline_domain::HeroImage>,
    update_note: Option<String>,
    deleted: bool,
}

fn out(app: &AppState, a: &Article) -> ArticleOut {
    ArticleOut {
        id: a.id,
        slug: a.slug.clone(),
        url: app.absolute(&format!("/articles/{}", a.slug)),
        headline: a.headline.clone(),
        standfirst: a.standfirst.clone(),
        body: a.body_markdown.clone(),
        section: a.section.slug.clone(),
        tags: a.tags.iter().map(|t| t.name.clone()).collect(),
        authors: a.authors.iter().map(|x| x.slug.clone()).collect(),
        status: a.status.as_str(),
        published_at: a.published_at.map(|t| t.to_rfc3339()),
        updated_at: a.updated_at.to_rfc3339(),
        version: a.version,
        editors_pick: a.editors_pick,
        dateline: a.dateline.clone(),
        language: a.language.clone(),
        hero: a.hero.clone(),
        update_note: a.update_note.as_ref().map(|n| n.text.clone()),
        deleted: a.deleted_at.is_some(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ListQuery {
    status: Option<String>,
    section: Option<String>,
    author: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: ApiStaff,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<ArticleOut>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(ArticleStatus::parse(s).ok_or_else(|| {
            ApiError::Invalid([("status".to_owned(), format!("unknown status `{s}`"))].into())
        })?),
    };
    let query = DeskQuery {
        status,
        section: q.section,
        author: q.author,
        owner_id: None,
        visible_to: policy::list_scope(&staff.staff),
        deleted: false,
        limit: q.limit.unwrap_or(50).clamp(1, 200),
        offset: q.offset.unwrap_or(0).max(0),
    };
    let mut items = Vec::new();
    for summary in app.store.desk_articles(&query).await? {
        if let Some(a) = app.store.article_by_id(summary.id).await? {
            items.push(out(&app, &a));
        }
    }
    Ok(Json(items))
}

/// The article `staff` may see with this id; another writer's draft is not found (404).
async fn load(app: &AppState, staff: &ApiStaff, id: i64) -> Result<Article, ApiError> {
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(ApiError::NotFound)?;
    policy::check_view(&staff.staff, &article)?;
    Ok(article)
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<ArticleOut>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(out(&app, &load(&app, &staff, id).await?)))
}

/// The byline used when a script gives none: one named like the staff member, else a desk.
async fn default_byline(app: &AppState, staff: &StaffMember) -> Result<String, ApiError> {
    let authors = app.store.authors().await?;
    let language = app
        .chrome
        .get(app.store.as_ref())
        .await?
        .site
        .language
        .clone();
    let own = byline_domain::Slug::from_title_in(&staff.name, &language).map(|s| s.to_string());
    authors
        .iter()
        .find(|a| Some(&a.slug) == own.as_ref())
        .or_else(|| {
            authors
                .iter()
                .find(|a| a.kind == byline_domain::AuthorKind::Desk)
        })
        .map(|a| a.slug.clone())
        .ok_or_else(|| {
            ApiError::Invalid(
                [(
                    "authors".to_owned(),
                    "give at least one byline slug".to_owned(),
                )]
                .into(),
            )
        })
}

/// Validates, checks permissions and saves; `existing` for updates.
async fn save(
    app: &AppState,
    staff: &StaffMember,
    fields: ArticleFields,
    status: ArticleStatus,
    existing: Option<&Article>,
) -> Result<Article, ApiError> {
    check_status(staff, status)?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let mut draft = fields
        .to_draft(status, existing, tz)
        .map_err(|e| ApiError::field(&e))?;
    crate::desk::article_form::check_tags(&draft, app.config.max_tags)
        .map_err(|e| ApiError::field(&e))?;
    draft.editors_pick = policy::editors_pick(staff, draft.editors_pick, existing);
    let ctx = SaveContext {
        expected_version: fields.version,
        staff_id: Some(staff.id),
        staff_name: staff.name.clone(),
        update_note: existing
            .filter(|a| a.status == ArticleStatus::Published)
            .map(|_| fields.update_note.clone()),
        create: existing.is_none(),
    };
    let saved = app.store.save_article_as(&draft, &ctx).await?;
    if saved.status == ArticleStatus::Scheduled {
        if let Some(at) = saved.published_at {
            app.jobs.schedule_publication(&saved.slug, at).await?;
        }
    }
    audit(
        app,
        staff,
        "api.article.save",
        &saved.slug,
        &format!("version {} {}", saved.version, saved.status.as_str()),
    )
    .await;
    Ok(saved)
}

fn parse_status(s: Option<&str>, default: ArticleStatus) -> Result<ArticleStatus, ApiError> {
    match s {
        None => Ok(default),
        Some(s) => ArticleStatus::parse(s).ok_or_else(|| {
            ApiError::Invalid(
                [(
                    "status".to_owned(),
                    format!("`{s}` is not draft, scheduled, published or unpublished"),
                )]
                .into(),
            )
        }),
    }
}

/// A front-page position from 0 to 99, or 422.
fn check_position(position: Option<i64>) -> Result<Option<i64>, ApiError> {
    match position {
        Some(p) if !(0..100).contains(&p) => Err(ApiError::Invalid(
            [(
                "home_position".to_owned(),
                "must be a whole number from 0 to 99".to_owned(),
            )]
            .into(),
        )),
        p => Ok(p),
    }
}

/// Puts a saved article at a front-page position (already checked by [`policy::check_curation`]).
async fn place(
    app: &AppState,
    staff: &StaffMember,
    saved: Article,
    position: Option<i64>,
) -> Result<Article, ApiError> {
    match position {
        Some(p) if saved.home_position != Some(p) => {
            let placed = app
                .store
                .set_curation(&saved.slug, saved.editors_pick, Some(p))
                .await?;
            audit(
                app,
                staff,
                "api.article.curate",
                &placed.slug,
                &format!("pick={} position={p}", placed.editors_pick),
            )
            .await;
            Ok(placed)
        }
        _ => Ok(saved),
    }
}

pub(super) async fn create(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<ArticleJson>,
) -> Result<(StatusCode, Json<ArticleOut>), ApiError> {
    require_action(&staff, Action::CreateArticle)?;
    policy::check_curation(&staff.staff, body.editors_pick, body.home_position, None)?;
    let position = check_position(body.home_position)?;
    let status = parse_status(body.status.as_deref(), ArticleStatus::Draft)?;
    let mut missing = std::collections::BTreeMap::new();
    for (name, value) in [
        ("headline", &body.headline),
        ("body", &body.body),
        ("section", &body.section),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            missing.insert(name.to_owned(), "is required".to_owned());
        }
    }
    if !missing.is_empty() {
        return Err(ApiError::Invalid(missing));
    }
    let mut fields = body.apply(ArticleFields {
        language: "en".into(),
        ..ArticleFields::default()
    });
    if fields.authors.trim().is_empty() {
        fields.authors = default_byline(&app, &staff.staff).await?;
    }
    fields.version = None;
    // A taken slug is refused inside the store's write transaction: 409, nothing overwritten.
    let saved = match save(&app, &staff.staff, fields, status, None).await {
        Err(ApiError::Conflict(m)) => {
            return Err(ApiError::Conflict(format!("{m}; send another `slug`")))
        }
        other => other?,
    };
    let saved = place(&app, &staff.staff, saved, position).await?;
    Ok((StatusCode::CREATED, Json(out(&app, &saved))))
}

pub(super) async fn update(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<ArticleJson>,
) -> Result<Json<ArticleOut>, ApiError> {
    let article = load(&app, &staff, id).await?;
    check_edit(&staff.staff, &article)?;
    policy::check_curation(
        &staff.staff,
        body.editors_pick,
        body.home_position,
        Some(&article),
    )?;
    let position = check_position(body.home_position)?;
    let status = parse_status(body.status.as_deref(), article.status)?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let fields = body.apply(ArticleFields::from_article(&article, tz));
    let saved = save(&app, &staff.staff, fields, status, Some(&article)).await?;
    let saved = place(&app, &staff.staff, saved, position).await?;
    Ok(Json(out(&app, &saved)))
}

async fn set_status(
    app: &AppState,
    staff: &ApiStaff,
    id: i64,
    status: ArticleStatus,
) -> Result<Json<ArticleOut>, ApiError> {
    let article = load(app, staff, id).await?;
    check_edit(&staff.staff, &article)?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let fields = ArticleFields {
        version: None,
        ..ArticleFields::from_article(&article, tz)
    };
    let saved = save(app, &staff.staff, fields, status, Some(&article)).await?;
    Ok(Json(out(app, &saved)))
}

pub(super) async fn publish(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<ArticleOut>, ApiError> {
    set_status(&app, &staff, id, ArticleStatus::Published).await
}

pub(super) async fn unpublish(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<ArticleOut>, ApiError> {
    set_status(&app, &staff, id, ArticleStatus::Unpublished).await
}

pub(super) async fn delete(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    require_action(&staff, Action::ManageAllArticles)?;
    let article = load(&app, &staff, id).await?;
    app.store.set_article_deleted(&article.slug, true).await?;
    audit(&app, &staff.staff, "api.article.delete", &article.slug, "").await;
    Ok(StatusCode::NO_CONTENT)
}
