//! News Feed items over the Admin API: JSON in, the live coverage workflows, JSON out
//! (live pages in [`super::live_pages`], their entries in [`super::live_entries`], the
//! banner in [`super::live_banner`]).
//!
//! A body without `published` means "publish if my role may, else a draft": an author's
//! or editor's `{"headline": …}` is public at once, a contributor's is a draft. A
//! contributor sending `"published": true` is refused (403), as for articles.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{FeedItem, NewFeedItem};
use byline_store::FeedQuery;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::articles::{JsonBody, ListOrText};
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::{policy, Channel, FieldError, WorkflowError};
use crate::AppState;

/// A feed item as sent; absent fields keep their current value on PATCH/PUT.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FeedItemJson {
    headline: Option<String>,
    body: Option<String>,
    /// An http(s) address, or `/articles/{slug}` (or the absolute URL of one) of this site.
    link: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    image_credit: Option<String>,
    breaking: Option<bool>,
    pinned: Option<bool>,
    published: Option<bool>,
    authors: Option<ListOrText>,
    /// RFC 3339; absent keeps the stored time (now, for a new item).
    published_at: Option<String>,
    /// The version this edit starts from; a newer stored version answers 409.
    version: Option<i64>,
    /// The edition's code; absent: the default edition (kept on PATCH/PUT).
    edition: Option<String>,
}

/// An RFC 3339 time of `field`, or a field error naming it.
pub(super) fn parse_time(
    staff: &ApiStaff,
    field: &'static str,
    text: Option<&str>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => DateTime::parse_from_rfc3339(t)
            .map(|d| Some(d.with_timezone(&Utc)))
            .map_err(|_| {
                ApiError::invalid(
                    FieldError::new(field, "wf-live-time-format").text("value", t),
                    staff.lang(),
                )
            }),
    }
}

/// The authors of a body as byline slugs.
pub(super) fn slugs(authors: &ListOrText) -> Vec<String> {
    authors
        .joined()
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl FeedItemJson {
    fn apply(self, staff: &ApiStaff, mut item: NewFeedItem) -> Result<NewFeedItem, ApiError> {
        macro_rules! set {
            ($($field:ident),*) => { $(if let Some(v) = self.$field { item.$field = v; })* };
        }
        set!(
            headline,
            body,
            image,
            image_alt,
            image_credit,
            breaking,
            pinned,
            published,
            edition
        );
        if let Some(link) = self.link {
            // A new link replaces the article link too (the workflow resolves it again).
            item.link = link;
            item.article.clear();
        }
        if let Some(a) = &self.authors {
            item.authors = slugs(a);
        }
        if let Some(at) = parse_time(staff, "published_at", self.published_at.as_deref())? {
            item.published_at = Some(at);
        }
        Ok(item)
    }
}

/// A stored item as the input that would save it unchanged.
fn as_input(item: &FeedItem) -> NewFeedItem {
    NewFeedItem {
        headline: item.headline.clone(),
        body: item.body_markdown.clone(),
        article: item
            .article
            .as_ref()
            .map(|a| a.slug.clone())
            .unwrap_or_default(),
        link: item.link.clone(),
        image: item.image.clone(),
        image_alt: item.image_alt.clone(),
        image_credit: item.image_credit.clone(),
        breaking: item.breaking,
        pinned: item.pinned,
        published: item.published,
        authors: item.authors.iter().map(|a| a.slug.clone()).collect(),
        published_at: None,
        edition: item.edition.clone(),
    }
}

#[derive(Serialize)]
pub(super) struct FeedItemOut {
    id: i64,
    /// The item's public permalink.
    url: String,
    headline: String,
    body: String,
    /// The linked article's slug, if any.
    article: Option<String>,
    /// The external link, or the linked article's URL.
    link: String,
    image: String,
    image_alt: String,
    image_credit: String,
    breaking: bool,
    pinned: bool,
    published: bool,
    published_at: String,
    updated_at: String,
    version: i64,
    authors: Vec<String>,
    /// The edition's code.
    edition: String,
}

fn out(app: &AppState, item: &FeedItem) -> FeedItemOut {
    let article = item.article.as_ref().map(|a| a.slug.clone());
    let link = match &article {
        Some(slug) => app.absolute(&format!("/articles/{slug}")),
        None => item.link.clone(),
    };
    FeedItemOut {
        id: item.id,
        url: app.absolute(&format!("/news-feed/{}", item.id)),
        headline: item.headline.clone(),
        body: item.body_markdown.clone(),
        article,
        link,
        image: item.image.clone(),
        image_alt: item.image_alt.clone(),
        image_credit: item.image_credit.clone(),
        breaking: item.breaking,
        pinned: item.pinned,
        published: item.published,
        published_at: item.published_at.to_rfc3339(),
        updated_at: item.updated_at.to_rfc3339(),
        version: item.version,
        authors: item.authors.iter().map(|a| a.slug.clone()).collect(),
        edition: item.edition.clone(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct Page {
    pub(super) limit: Option<i64>,
    pub(super) offset: Option<i64>,
}

impl Page {
    pub(super) fn limit(&self) -> i64 {
        self.limit.unwrap_or(50).clamp(1, 200)
    }

    pub(super) fn offset(&self) -> i64 {
        self.offset.unwrap_or(0).clamp(0, 10_000)
    }
}

/// `GET /api/admin/feed-items`: newest first; drafts of others are left out for
/// contributors and authors.
pub(super) async fn list(
    State(app): State<AppState>,
    staff: ApiStaff,
    Query(page): Query<Page>,
) -> Result<Json<Vec<FeedItemOut>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let (limit, offset) = (page.limit(), page.offset());
    let items = match policy::list_scope(&staff.staff) {
        None => {
            let query = FeedQuery {
                limit,
                offset,
                ..FeedQuery::default()
            };
            app.store.feed_items(&query).await?
        }
        // Published items and the writer's own: both lists up to the page's end, merged.
        Some(own) => {
            let window = offset + limit;
            let published = FeedQuery {
                published_only: true,
                limit: window,
                ..FeedQuery::default()
            };
            let mine = FeedQuery {
                owner_id: Some(own),
                limit: window,
                ..FeedQuery::default()
            };
            let mut all = app.store.feed_items(&published).await?;
            for item in app.store.feed_items(&mine).await? {
                if !all.iter().any(|i| i.id == item.id) {
                    all.push(item);
                }
            }
            all.sort_by_key(|i| std::cmp::Reverse((i.published_at, i.id)));
            all.into_iter()
                .skip(usize::try_from(offset).unwrap_or(0))
                .take(usize::try_from(limit).unwrap_or(0))
                .collect()
        }
    };
    Ok(Json(items.iter().map(|i| out(&app, i)).collect()))
}

/// `POST /api/admin/feed-items` → 201.
pub(super) async fn create(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<FeedItemJson>,
) -> Result<(StatusCode, Json<FeedItemOut>), ApiError> {
    let lang = staff.lang();
    let fresh = NewFeedItem {
        published: policy::publishes_by_default(staff.actor()),
        ..NewFeedItem::default()
    };
    let item = body.apply(&staff, fresh)?;
    let saved = app
        .workflows(Channel::Api)
        .create_feed_item(staff.actor(), item)
        .await
        .map_err(|e| ApiError::workflow(e, lang))?;
    Ok((StatusCode::CREATED, Json(out(&app, &saved))))
}

/// `GET /api/admin/feed-items/{id}`.
pub(super) async fn show(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<FeedItemOut>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let item = app
        .workflows(Channel::Api)
        .feed_item_for(staff.actor(), id)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(out(&app, &item)))
}

/// `PATCH` or `PUT /api/admin/feed-items/{id}`: the fields sent replace the stored ones.
pub(super) async fn update(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<FeedItemJson>,
) -> Result<Json<FeedItemOut>, ApiError> {
    let lang = staff.lang();
    let workflows = app.workflows(Channel::Api);
    let existing = workflows
        .feed_item_for(staff.actor(), id)
        .await
        .map_err(|e| ApiError::workflow(e, lang))?;
    let version = body.version;
    let item = body.apply(&staff, as_input(&existing))?;
    let saved = workflows
        .update_feed_item(staff.actor(), id, item, version)
        .await
        .map_err(|e| ApiError::workflow(e, lang))?;
    Ok(Json(out(&app, &saved)))
}

/// `DELETE /api/admin/feed-items/{id}` → 204.
pub(super) async fn delete(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    app.workflows(Channel::Api)
        .delete_feed_item(staff.actor(), id)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A workflow error as the API answers it to `staff` (in their language).
pub(super) fn wf_error(staff: &ApiStaff) -> impl Fn(WorkflowError) -> ApiError + '_ {
    move |e| ApiError::workflow(e, staff.lang())
}
