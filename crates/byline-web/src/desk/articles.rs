//! The article list, the editor (create, save, publish, schedule, unpublish), autosave,
//! preview, the bin and front-page curation.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{Article, ArticleDraft, ArticleStatus, ArticleSummary, Section, Slug, Tag};
use byline_store::{DeskQuery, SaveContext, StoreError};
use serde::Deserialize;

use super::article_form::ArticleFields;
use super::login::Empty;
use super::{audit, Layout};
use crate::auth::csrf::CsrfForm;
use crate::auth::policy::{self, check_edit, check_status};
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::{AppError, AppState};

const PER_PAGE: i64 = 30;

pub(super) struct Row {
    id: i64,
    slug: String,
    headline: String,
    status: &'static str,
    section: String,
    bylines: String,
    updated: String,
    updated_iso: String,
    pick: bool,
    public: bool,
}

#[derive(Template)]
#[template(path = "desk/articles.html")]
struct ListTemplate {
    layout: Layout,
    rows: Vec<Row>,
    total: i64,
    page: i64,
    pages: i64,
    bin: bool,
    statuses: [&'static str; 4],
    sections: Vec<Section>,
    authors: Vec<byline_domain::Author>,
    filter_status: String,
    filter_section: String,
    filter_author: String,
    base_query: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ListQuery {
    status: String,
    section: String,
    author: String,
    bin: String,
    page: String,
    saved: String,
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: DeskStaff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    staff.require(Action::UseDesk)?;
    let page = crate::site::parse_page(Some(q.page.as_str()).filter(|p| !p.is_empty()))?;
    let status = match q.status.as_str() {
        "" => None,
        s => Some(
            ArticleStatus::parse(s)
                .ok_or_else(|| AppError::bad_request(format!("unknown status `{s}`")))?,
        ),
    };
    let filter = DeskQuery {
        status,
        section: Some(q.section.clone()).filter(|s| !s.is_empty()),
        author: Some(q.author.clone()).filter(|s| !s.is_empty()),
        owner_id: None,
        visible_to: policy::list_scope(&staff.staff),
        deleted: q.bin == "1",
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
    };
    let total = app.store.count_desk_articles(&filter).await?;
    let articles = app.store.desk_articles(&filter).await?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let rows = articles.iter().map(|a| row(a, tz)).collect();
    let base_query = format!(
        "/desk/?status={}&section={}&author={}{}",
        q.status,
        q.section,
        q.author,
        if filter.deleted { "&bin=1" } else { "" }
    );
    let mut layout = Layout::new(
        if filter.deleted { "Bin" } else { "Articles" },
        Some(&staff),
    );
    if !q.saved.is_empty() {
        layout = layout.notice(q.saved.clone());
    }
    let page_html = ListTemplate {
        layout,
        rows,
        total,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        bin: filter.deleted,
        statuses: ["draft", "scheduled", "published", "unpublished"],
        sections: app.store.sections().await?,
        authors: app.store.authors().await?,
        filter_status: q.status,
        filter_section: q.section,
        filter_author: q.author,
        base_query,
    };
    Ok(Html(page_html.render()?).into_response())
}

fn row(a: &ArticleSummary, tz: chrono_tz::Tz) -> Row {
    let t = TimeView::new(a.updated_at, tz);
    Row {
        id: a.id,
        slug: a.slug.clone(),
        headline: a.headline.clone(),
        status: a.status.as_str(),
        section: a.section.name.clone(),
        bylines: a
            .authors
            .iter()
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        updated: t.display,
        updated_iso: t.iso,
        pick: a.editors_pick,
        public: a.status == ArticleStatus::Published && a.deleted_at.is_none(),
    }
}

#[derive(Template)]
#[template(path = "desk/edit.html")]
struct EditTemplate {
    layout: Layout,
    f: ArticleFields,
    id: Option<i64>,
    action: String,
    status: &'static str,
    public: bool,
    sections: Vec<Section>,
    media: Vec<String>,
    author_hint: String,
    tz: String,
    may_publish: bool,
    may_delete: bool,
    is_editor: bool,
    home_position: String,
    /// An error about the tags, shown by the field.
    tags_error: String,
}

/// Renders the editor with `fields` (the writer's text is never lost on an error).
async fn editor(
    app: &AppState,
    staff: &DeskStaff,
    f: ArticleFields,
    article: Option<&Article>,
    error: &str,
    status: StatusCode,
) -> Result<Response, AppError> {
    editor_with(app, staff, f, article, error, String::new(), status).await
}

/// [`editor`] with an error shown next to the tags field.
async fn editor_with(
    app: &AppState,
    staff: &DeskStaff,
    f: ArticleFields,
    article: Option<&Article>,
    error: &str,
    tags_error: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let authors = app.store.authors().await?;
    let media = app
        .store
        .media_library(200, 0)
        .await?
        .into_iter()
        .map(|m| m.name)
        .collect();
    let title = article.map_or("New article".to_owned(), |a| {
        format!("Edit: {}", a.headline)
    });
    let page = EditTemplate {
        layout: Layout::new(title, Some(staff)).error(error),
        id: article.map(|a| a.id),
        action: article.map_or("/desk/articles".to_owned(), |a| {
            format!("/desk/articles/{}", a.id)
        }),
        status: article.map_or("draft", |a| a.status.as_str()),
        public: article.is_some_and(|a| a.status == ArticleStatus::Published),
        sections: app.store.sections().await?,
        media,
        author_hint: authors
            .iter()
            .map(|a| a.slug.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        tz: chrome.site.time_zone.clone(),
        may_publish: staff.staff.role.may(Action::PublishOwnArticle),
        may_delete: staff.staff.role.may(Action::ManageAllArticles),
        is_editor: policy::may_curate(&staff.staff),
        tags_error,
        home_position: article
            .and_then(|a| a.home_position)
            .map(|p| p.to_string())
            .unwrap_or_default(),
        f,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub(super) async fn new_form(
    State(app): State<AppState>,
    staff: DeskStaff,
) -> Result<Response, AppError> {
    staff.require(Action::CreateArticle)?;
    let f = ArticleFields {
        language: "en".into(),
        ..ArticleFields::default()
    };
    editor(&app, &staff, f, None, "", StatusCode::OK).await
}

/// The article `staff` may see with this id (another writer's draft is not found).
async fn load(app: &AppState, staff: &DeskStaff, id: i64) -> Result<Article, AppError> {
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::check_view(&staff.staff, &article)?;
    Ok(article)
}

pub(super) async fn edit_form(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let article = load(&app, &staff, id).await?;
    check_edit(&staff.staff, &article)?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    editor(
        &app,
        &staff,
        ArticleFields::from_article(&article, tz),
        Some(&article),
        "",
        StatusCode::OK,
    )
    .await
}

pub(super) async fn by_slug(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let article = app.store.article(&slug).await?.ok_or(AppError::NotFound)?;
    policy::check_view(&staff.staff, &article)?;
    Ok(Redirect::to(&format!("/desk/articles/{}/edit", article.id)).into_response())
}

fn intent_status(intent: &str, current: Option<ArticleStatus>) -> Result<ArticleStatus, AppError> {
    Ok(match intent {
        "" | "save" => current.unwrap_or(ArticleStatus::Draft),
        "publish" => ArticleStatus::Published,
        "schedule" => ArticleStatus::Scheduled,
        "unpublish" => ArticleStatus::Unpublished,
        other => return Err(AppError::bad_request(format!("unknown action `{other}`"))),
    })
}

/// Saves `f` as a new revision; on a user error re-renders the editor with the text kept.
async fn save(
    app: &AppState,
    staff: &DeskStaff,
    f: ArticleFields,
    existing: Option<&Article>,
) -> Result<Response, AppError> {
    let status = intent_status(&f.intent, existing.map(|a| a.status))?;
    check_status(&staff.staff, status)?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let mut draft = match f.to_draft(status, existing, tz) {
        Ok(d) => d,
        Err(e) => {
            return editor(
                app,
                staff,
                f,
                existing,
                &format!("Not saved. {}: {}", e.field, e.message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    if let Err(e) = super::article_form::check_tags(&draft, app.config.max_tags) {
        return editor_with(
            app,
            staff,
            f,
            existing,
            &format!("Not saved. {}: {}", e.field, e.message),
            e.message.clone(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    // Only editors curate: a posted Editors' Pick from another role is ignored.
    draft.editors_pick = policy::editors_pick(&staff.staff, draft.editors_pick, existing);
    let ctx = SaveContext {
        expected_version: f.version.filter(|v| *v > 0),
        staff_id: Some(staff.staff.id),
        staff_name: staff.staff.name.clone(),
        update_note: existing
            .filter(|a| a.status == ArticleStatus::Published)
            .map(|_| f.update_note.clone()),
        create: existing.is_none(),
    };
    let saved = match app.store.save_article_as(&draft, &ctx).await {
        Ok(a) => a,
        Err(StoreError::Invalid(e)) => {
            return editor(
                app,
                staff,
                f,
                existing,
                &format!("Not saved. {}: {}", e.field, e.message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(StoreError::Conflict(msg)) if existing.is_none() => {
            let error = format!("Not saved. slug: {msg}; choose another slug. Your text is below.");
            return editor(app, staff, f, existing, &error, StatusCode::CONFLICT).await;
        }
        Err(StoreError::Conflict(msg)) => {
            let error = format!("Not saved: {msg}. Your text is below; copy what you need, then reload the article to see the other version.");
            return editor(app, staff, f, existing, &error, StatusCode::CONFLICT).await;
        }
        Err(e) => return Err(e.into()),
    };
    if saved.status == ArticleStatus::Scheduled {
        if let Some(at) = saved.published_at {
            app.jobs.schedule_publication(&saved.slug, at).await?;
        }
    }
    let action = format!(
        "article.{}",
        if f.intent.is_empty() {
            "save"
        } else {
            f.intent.as_str()
        }
    );
    audit(
        app,
        &staff.staff,
        &action,
        &saved.slug,
        &format!("version {}", saved.version),
    )
    .await;
    let notice = match saved.status {
        ArticleStatus::Published => "Published.",
        ArticleStatus::Scheduled => "Scheduled.",
        ArticleStatus::Unpublished => "Unpublished.",
        ArticleStatus::Draft => "Draft saved.",
    };
    Ok(Redirect::to(&format!(
        "/desk/?saved={}",
        crate::auth::extract::url_encode(&format!("{notice} “{}”", saved.headline))
    ))
    .into_response())
}

pub(super) async fn create(
    State(app): State<AppState>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    form.staff.require(Action::CreateArticle)?;
    // A taken slug is refused by the store inside its write transaction (never overwritten).
    save(&app, &form.staff, form.form, None).await
}

pub(super) async fn update(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    let article = load(&app, &form.staff, id).await?;
    check_edit(&form.staff.staff, &article)?;
    save(&app, &form.staff, form.form, Some(&article)).await
}

/// Autosave: JSON for the desk script; only drafts, with the same version check.
pub(super) async fn autosave(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    let article = load(&app, &form.staff, id).await?;
    check_edit(&form.staff.staff, &article)?;
    let json_error = |status: StatusCode, msg: String| {
        (status, Json(serde_json::json!({ "error": msg }))).into_response()
    };
    if article.status != ArticleStatus::Draft {
        return Ok(json_error(
            StatusCode::CONFLICT,
            "Only drafts are autosaved; use Save.".into(),
        ));
    }
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let mut draft = match form
        .form
        .to_draft(ArticleStatus::Draft, Some(&article), tz)
        .and_then(|d| super::article_form::check_tags(&d, app.config.max_tags).map(|()| d))
    {
        Ok(d) => d,
        Err(e) => {
            return Ok(json_error(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("Not autosaved: {}: {}", e.field, e.message),
            ))
        }
    };
    draft.editors_pick =
        policy::editors_pick(&form.staff.staff, draft.editors_pick, Some(&article));
    let ctx = SaveContext {
        expected_version: form.form.version.filter(|v| *v > 0),
        staff_id: Some(form.staff.staff.id),
        staff_name: form.staff.staff.name.clone(),
        update_note: None,
        create: false,
    };
    match app.store.save_article_as(&draft, &ctx).await {
        Ok(saved) => Ok(Json(serde_json::json!({ "version": saved.version, "saved_at": TimeView::new(saved.updated_at, tz).clock })).into_response()),
        Err(StoreError::Conflict(msg)) => Ok(json_error(StatusCode::CONFLICT, format!("Not autosaved: {msg}."))),
        Err(StoreError::Invalid(e)) => Ok(json_error(StatusCode::UNPROCESSABLE_ENTITY, format!("Not autosaved: {e}"))),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<Empty>,
) -> Result<Response, AppError> {
    form.staff.require(Action::ManageAllArticles)?;
    let article = load(&app, &form.staff, id).await?;
    app.store.set_article_deleted(&article.slug, true).await?;
    audit(&app, &form.staff.staff, "article.delete", &article.slug, "").await;
    Ok(Redirect::to("/desk/?saved=Moved%20to%20the%20bin.").into_response())
}

pub(super) async fn restore(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<Empty>,
) -> Result<Response, AppError> {
    form.staff.require(Action::ManageAllArticles)?;
    let article = load(&app, &form.staff, id).await?;
    app.store.set_article_deleted(&article.slug, false).await?;
    audit(
        &app,
        &form.staff.staff,
        "article.restore",
        &article.slug,
        "",
    )
    .await;
    Ok(Redirect::to("/desk/?saved=Restored.").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CurationForm {
    editors_pick: Option<String>,
    home_position: String,
}

pub(super) async fn curate(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<CurationForm>,
) -> Result<Response, AppError> {
    form.staff.require(Action::Curate)?;
    let article = load(&app, &form.staff, id).await?;
    let position = match form.form.home_position.trim() {
        "" => None,
        s => Some(
            s.parse::<i64>()
                .ok()
                .filter(|p| (0..100).contains(p))
                .ok_or_else(|| {
                    AppError::bad_request("The home position must be a whole number from 0 to 99.")
                })?,
        ),
    };
    app.store
        .set_curation(&article.slug, form.form.editors_pick.is_some(), position)
        .await?;
    audit(
        &app,
        &form.staff.staff,
        "article.curate",
        &article.slug,
        &format!(
            "pick={} position={position:?}",
            form.form.editors_pick.is_some()
        ),
    )
    .await;
    Ok(Redirect::to(&format!("/desk/articles/{id}/edit")).into_response())
}

/// An unsaved draft as a full article, for previews.
async fn preview_article(app: &AppState, draft: &ArticleDraft) -> Result<Article, AppError> {
    let section = app.store.section(&draft.section).await?.ok_or_else(|| {
        AppError::bad_request(format!("section: unknown section `{}`", draft.section))
    })?;
    let mut authors = Vec::new();
    for slug in &draft.authors {
        authors.push(
            app.store.author(slug).await?.ok_or_else(|| {
                AppError::bad_request(format!("authors: unknown author `{slug}`"))
            })?,
        );
    }
    let language = app
        .chrome
        .get(app.store.as_ref())
        .await?
        .site
        .language
        .clone();
    let tags = draft
        .tags
        .iter()
        .filter_map(|t| {
            Slug::from_title_in(t, &language).map(|s| Tag {
                slug: s.to_string(),
                name: t.clone(),
            })
        })
        .collect();
    let now = chrono::Utc::now();
    Ok(Article {
        summary: ArticleSummary {
            id: 0,
            slug: draft.slug.to_string(),
            headline: draft.headline.clone(),
            standfirst: draft.standfirst.clone(),
            section,
            authors,
            tags,
            status: draft.status,
            published_at: draft.published_at.or(Some(now)),
            updated_at: now,
            dateline: draft.dateline.clone(),
            language: draft.language.clone(),
            hero: draft.hero.clone(),
            editors_pick: draft.editors_pick,
            reading_minutes: byline_domain::reading_time::reading_minutes(
                &byline_domain::markdown::plain_text(&draft.body_markdown),
            ),
            version: 0,
            deleted_at: None,
            update_note: None,
            owner_id: None,
            home_position: None,
        },
        body_markdown: draft.body_markdown.clone(),
    })
}

/// Preview without saving: the full public page, or (for the live preview) the body.
pub(super) async fn preview(
    State(app): State<AppState>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    form.staff.require(Action::UseDesk)?;
    let staff = form.staff;
    let f = form.form;
    if f.fragment == "1" {
        let body = byline_domain::markdown::render(&f.body.replace("\r\n", "\n"));
        let targets = byline_domain::markdown::read_also_targets(&f.body);
        let headlines: HashMap<String, String> =
            app.store.headlines(&targets).await?.into_iter().collect();
        let html = byline_domain::markdown::fill_read_also(
            &body.html,
            &headlines,
            crate::view::paths::article,
        );
        return Ok(Html(html).into_response());
    }
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let existing = match Slug::parse(f.slug.trim()) {
        Ok(slug) => app
            .store
            .article(slug.as_str())
            .await?
            .filter(|a| policy::may_view(&staff.staff, a)),
        Err(_) => None,
    };
    let draft = f
        .to_draft(ArticleStatus::Draft, existing.as_ref(), tz)
        .map_err(|e| AppError::bad_request(e.to_string()))?;
    let article = preview_article(&app, &draft).await?;
    let (html, _) = crate::site::article::render(&app, &article, true).await?;
    Ok(Html(html).into_response())
}
