//! Articles over the Admin API: JSON in, the article workflow, JSON out.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{Article, ArticleStatus};
use byline_store::DeskQuery;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::desk::article_form::ArticleFields;
use crate::workflow::articles::ArticleInput;
use crate::workflow::{policy, Channel, FieldError, WorkflowError};
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
    pub(super) fn joined(&self) -> String {
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
    /// A correction or clarification published with this save (editors and up; a
    /// published save of a published article only).
    correction: Option<crate::workflow::corrections::CorrectionRequest>,
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
        if let Some(c) = &self.correction {
            c.apply(&mut f);
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
        Some(s) => Some(parse_status(&staff, Some(s), ArticleStatus::Draft)?),
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
pub(super) async fn load(app: &AppState, staff: &ApiStaff, id: i64) -> Result<Article, ApiError> {
    app.workflows(Channel::Api)
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<ArticleOut>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(out(&app, &load(&app, &staff, id).await?)))
}

fn parse_status(
    staff: &ApiStaff,
    s: Option<&str>,
    default: ArticleStatus,
) -> Result<ArticleStatus, ApiError> {
    match s {
        None => Ok(default),
        Some(s) => ArticleStatus::parse(s).ok_or_else(|| {
            ApiError::invalid(
                FieldError::new("status", "wf-status-unknown").text("value", s),
                staff.lang(),
            )
        }),
    }
}

/// The workflow input of a JSON body applied over `fields`.
fn input(
    staff: &ApiStaff,
    body: ArticleJson,
    fields: ArticleFields,
    default_status: ArticleStatus,
) -> Result<ArticleInput, ApiError> {
    let status = parse_status(staff, body.status.as_deref(), default_status)?;
    let editors_pick = body.editors_pick;
    let home_position = body.home_position;
    let mut input = ArticleInput::new(body.apply(fields), status);
    input.editors_pick = editors_pick;
    input.home_position = home_position;
    input.default_byline = true;
    Ok(input)
}

pub(super) async fn create(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<ArticleJson>,
) -> Result<(StatusCode, Json<ArticleOut>), ApiError> {
    require_action(&staff, Action::CreateArticle)?;
    let lang = staff.lang();
    // The API's contract: a new article names its headline, body and section.
    let missing: Vec<FieldError> = [
        ("headline", &body.headline),
        ("body", &body.body),
        ("section", &body.section),
    ]
    .into_iter()
    .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
    .map(|(name, _)| FieldError::new(name, "wf-required"))
    .collect();
    if !missing.is_empty() {
        return Err(ApiError::workflow(WorkflowError::Invalid(missing), lang));
    }
    let fields = ArticleFields {
        language: "en".into(),
        ..ArticleFields::default()
    };
    let mut input = input(&staff, body, fields, ArticleStatus::Draft)?;
    input.fields.version = None;
    // A taken slug is refused inside the store's write transaction: 409, nothing overwritten.
    let saved = app
        .workflows(Channel::Api)
        .save_article(staff.actor(), input, None)
        .await
        .map_err(|e| ApiError::workflow(e, lang))?;
    Ok((StatusCode::CREATED, Json(out(&app, &saved))))
}

pub(super) async fn update(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<ArticleJson>,
) -> Result<Json<ArticleOut>, ApiError> {
    let article = load(&app, &staff, id).await?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let input = input(
        &staff,
        body,
        ArticleFields::from_article(&article, tz),
        article.status,
    )?;
    let saved = app
        .workflows(Channel::Api)
        .save_article(staff.actor(), input, Some(&article))
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(out(&app, &saved)))
}

async fn set_status(
    app: &AppState,
    staff: &ApiStaff,
    id: i64,
    status: ArticleStatus,
    correction: Option<&crate::workflow::corrections::CorrectionRequest>,
) -> Result<Json<ArticleOut>, ApiError> {
    let article = load(app, staff, id).await?;
    let saved = app
        .workflows(Channel::Api)
        .set_article_status(staff.actor(), &article, status, correction)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(out(app, &saved)))
}

/// The optional body of `POST …/publish`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishJson {
    correction: Option<crate::workflow::corrections::CorrectionRequest>,
}

/// `POST …/publish`, with an optional JSON body `{"correction": {"kind", "text"}}`.
pub(super) async fn publish(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Json<ArticleOut>, ApiError> {
    let request: PublishJson = if body.iter().all(u8::is_ascii_whitespace) {
        PublishJson::default()
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::Invalid([("body".to_owned(), e.to_string())].into()))?
    };
    set_status(
        &app,
        &staff,
        id,
        ArticleStatus::Published,
        request.correction.as_ref(),
    )
    .await
}

pub(super) async fn unpublish(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<ArticleOut>, ApiError> {
    set_status(&app, &staff, id, ArticleStatus::Unpublished, None).await
}

/// `DELETE`: moves the article to the bin.
pub(super) async fn delete(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    require_action(&staff, Action::ManageAllArticles)?;
    let article = load(&app, &staff, id).await?;
    app.workflows(Channel::Api)
        .bin_article(staff.actor(), &article, true)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST …/restore`: takes the article back out of the bin.
pub(super) async fn restore(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<ArticleOut>, ApiError> {
    require_action(&staff, Action::ManageAllArticles)?;
    let article = load(&app, &staff, id).await?;
    let saved = app
        .workflows(Channel::Api)
        .bin_article(staff.actor(), &article, false)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(out(&app, &saved)))
}
