//! The article list and the bin: filters by status, section and byline, pages of 30.
//! The editor is in [`super::editor`], the bin's actions and curation in [`super::bin`],
//! previews in [`super::preview`].

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;
use byline_domain::{ArticleStatus, ArticleSummary, Section};
use byline_store::DeskQuery;
use serde::Deserialize;

use super::Layout;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::policy;
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
    let lang = staff.lang();
    let page = crate::site::parse_page(Some(q.page.as_str()).filter(|p| !p.is_empty()))?;
    let status = match q.status.as_str() {
        "" => None,
        s => Some(
            ArticleStatus::parse(s)
                .ok_or_else(|| AppError::bad_request(lang.t_s("wf-status-unknown", "value", s)))?,
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
    let rows = articles.iter().map(|a| row(a, tz, lang)).collect();
    let base_query = format!(
        "/desk/?status={}&section={}&author={}{}",
        q.status,
        q.section,
        q.author,
        if filter.deleted { "&bin=1" } else { "" }
    );
    let title = if filter.deleted {
        lang.t("wf-page-bin")
    } else {
        lang.t("wf-page-articles")
    };
    let mut layout = Layout::new(title, Some(&staff));
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

fn row(a: &ArticleSummary, tz: chrono_tz::Tz, lang: byline_i18n::Lang) -> Row {
    let t = TimeView::in_lang(a.updated_at, tz, lang);
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
