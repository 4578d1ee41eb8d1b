//! The News Feed on the desk, `/desk/news-feed`: a quick-post form on top (posted with
//! the desk script's `fetch` and shown without a reload, or as a plain form that
//! redirects back), the recent items below (newest first, drafts marked, pages of 30)
//! with edit and delete, and `/desk/news-feed/{id}`, the edit form with the version it
//! was loaded at. Every write goes through the live-coverage workflows.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;
use byline_domain::FeedItem;
use byline_store::FeedQuery;
use serde::Deserialize;

use super::errors::app_error;
use super::live_forms::{self, EditionChoices, FormErrors, SavedRow};
use super::news_feed_view::{FeedItemForm, FeedRow, FIELDS};
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::workflow::Channel;
use crate::{AppError, AppState};

const PER_PAGE: i64 = 30;

#[derive(Template)]
#[template(path = "desk/news_feed.html")]
struct NewsFeedTemplate {
    layout: Layout,
    f: FeedItemForm,
    errors: FormErrors,
    rows: Vec<FeedRow>,
    /// The writer's own drafts, listed apart for those who do not see every draft.
    drafts: Vec<FeedRow>,
    sees_all: bool,
    page: i64,
    pages: i64,
    media: Vec<String>,
    author_hint: String,
    editions: EditionChoices,
    may_publish: bool,
}

#[derive(Template)]
#[template(path = "desk/news_feed_row.html")]
struct FeedRowTemplate {
    layout: Layout,
    row: FeedRow,
}

#[derive(Template)]
#[template(path = "desk/news_feed_edit.html")]
struct FeedEditTemplate {
    layout: Layout,
    id: i64,
    f: FeedItemForm,
    errors: FormErrors,
    published: bool,
    media: Vec<String>,
    author_hint: String,
    editions: EditionChoices,
    tz: String,
    may_publish: bool,
}

/// Media names for the image picker and byline slugs for the hint.
async fn pickers(app: &AppState) -> Result<(Vec<String>, String), AppError> {
    let media = app.store.media_library(200, 0).await?;
    let authors = app.store.authors().await?;
    Ok((
        media.into_iter().map(|m| m.name).collect(),
        authors
            .iter()
            .map(|a| a.slug.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    ))
}

/// Editors see every draft; others see published items and their own drafts (another
/// writer's draft does not exist for them, as with articles: the workflows' policy).
fn sees_all(staff: &DeskStaff) -> bool {
    staff.staff.role.may(Action::ManageAllArticles)
}

/// The list page with `f` in the quick-post form and `errors` by its fields.
async fn list_page(
    app: &AppState,
    staff: &DeskStaff,
    f: FeedItemForm,
    errors: FormErrors,
    page: i64,
    notice: &str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let all = sees_all(staff);
    let query = FeedQuery {
        published_only: !all,
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
        ..FeedQuery::default()
    };
    let total = app.store.count_feed_items(&query).await?;
    let rows = app.store.feed_items(&query).await?;
    let drafts = if all {
        Vec::new()
    } else {
        let own = FeedQuery {
            owner_id: Some(staff.staff.id),
            limit: 50,
            ..FeedQuery::default()
        };
        app.store.feed_items(&own).await?
    };
    let (media, author_hint) = pickers(app).await?;
    let mut layout = Layout::new(lang.t("desk-live-feed-title"), Some(staff)).notice(notice);
    layout = layout.error(errors.summary.clone());
    let page_html = NewsFeedTemplate {
        layout,
        f,
        errors,
        rows: rows.iter().map(|i| FeedRow::new(i, tz, lang)).collect(),
        drafts: drafts
            .iter()
            .filter(|i| !i.published)
            .map(|i| FeedRow::new(i, tz, lang))
            .collect(),
        sees_all: all,
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        media,
        author_hint,
        editions: EditionChoices::load(app).await?,
        may_publish: staff.staff.role.may(Action::PublishOwnArticle),
    };
    Ok((status, Html(page_html.render()?)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ListQuery {
    page: String,
    saved: String,
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: DeskStaff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    staff.require(Action::UseDesk)?;
    let page = live_forms::page_number(&q.page)?;
    // The writer's last bylines are filled in: most post under the same ones all day.
    let last = FeedQuery {
        owner_id: Some(staff.staff.id),
        limit: 1,
        ..FeedQuery::default()
    };
    let authors = app
        .store
        .feed_items(&last)
        .await?
        .first()
        .map(|i| live_forms::bylines_field(&i.authors))
        .unwrap_or_default();
    let f = FeedItemForm::quick(authors);
    list_page(
        &app,
        &staff,
        f,
        FormErrors::default(),
        page,
        &q.saved,
        StatusCode::OK,
    )
    .await
}

/// The list row of `item`, as the page shows it (for the desk script).
fn row_html(staff: &DeskStaff, item: &FeedItem, tz: chrono_tz::Tz) -> Result<String, AppError> {
    let lang = staff.lang();
    let row = FeedRowTemplate {
        layout: Layout::new(String::new(), Some(staff)),
        row: FeedRow::new(item, tz, lang),
    };
    Ok(row.render()?)
}

/// The notice after a save: published or kept as a draft.
fn saved_notice(staff: &DeskStaff, item: &FeedItem) -> String {
    let key = if item.published {
        "desk-live-feed-notice-published"
    } else {
        "desk-live-feed-notice-draft"
    };
    staff.lang().t_s(key, "headline", &item.headline)
}

pub(super) async fn create(
    State(app): State<AppState>,
    headers: HeaderMap,
    form: CsrfForm<FeedItemForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let json = live_forms::wants_json(&headers);
    let f = form.form;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let app = &app;
    let failed = |f: FeedItemForm, errors: FormErrors, status: StatusCode| async move {
        if json {
            return Ok(errors.to_json(status));
        }
        list_page(app, staff, f, errors, 1, "", status).await
    };
    let item = match f.to_new(f.publish(true), tz, lang) {
        Ok(item) => item,
        Err(errors) => return failed(f, errors, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    match app
        .workflows(Channel::Desk)
        .create_feed_item(staff.actor(), item)
        .await
    {
        Ok(saved) => {
            let row = SavedRow {
                id: saved.id,
                html: row_html(staff, &saved, tz)?,
                published: saved.published,
            };
            let notice = saved_notice(staff, &saved);
            Ok(live_forms::saved(json, "/desk/news-feed", &notice, row))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            let errors = FormErrors::from_workflow(e, lang, FIELDS)?;
            failed(f, errors, status).await
        }
    }
}

/// The item `staff` may see with this id (another writer's draft is not found).
async fn load(app: &AppState, staff: &DeskStaff, id: i64) -> Result<FeedItem, AppError> {
    app.workflows(Channel::Desk)
        .feed_item_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, staff.lang()))
}

async fn edit_page(
    app: &AppState,
    staff: &DeskStaff,
    item: &FeedItem,
    f: FeedItemForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let (media, author_hint) = pickers(app).await?;
    let title = lang.t_s("desk-live-feed-edit-title", "headline", &item.headline);
    let page = FeedEditTemplate {
        layout: Layout::new(title, Some(staff)).error(errors.summary.clone()),
        id: item.id,
        f,
        errors,
        published: item.published,
        media,
        author_hint,
        editions: EditionChoices::load(app).await?,
        tz: chrome.site.time_zone.clone(),
        may_publish: staff.staff.role.may(Action::PublishOwnArticle),
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub(super) async fn edit_form(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let item = load(&app, &staff, id).await?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let f = FeedItemForm::from_item(&item, tz);
    edit_page(
        &app,
        &staff,
        &item,
        f,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub(super) async fn update(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<FeedItemForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let item = load(&app, staff, id).await?;
    let f = form.form;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let new = match f.to_new(f.publish(item.published), tz, lang) {
        Ok(new) => new,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return edit_page(&app, staff, &item, f, errors, status).await;
        }
    };
    match app
        .workflows(Channel::Desk)
        .update_feed_item(staff.actor(), id, new, f.version)
        .await
    {
        Ok(saved) => {
            let notice = saved_notice(staff, &saved);
            Ok(live_forms::redirect_with_notice("/desk/news-feed", &notice))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            let errors = FormErrors::from_workflow(e, lang, FIELDS)?;
            edit_page(&app, staff, &item, f, errors, status).await
        }
    }
}

/// A form that carries only its CSRF token.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct EmptyForm {}

pub(super) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<EmptyForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let item = load(&app, staff, id).await?;
    app.workflows(Channel::Desk)
        .delete_feed_item(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, lang))?;
    let notice = lang.t_s("desk-live-feed-notice-deleted", "headline", &item.headline);
    Ok(live_forms::redirect_with_notice("/desk/news-feed", &notice))
}
