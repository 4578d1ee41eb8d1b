//! `GET /search`: the reader's search page. A search box and filters (section, author,
//! dates, language, sort) that work without JavaScript, highlighted results, pagination,
//! and a clear sentence instead of results for an empty, too long or odd query (400) or
//! while the index is rebuilt (503 with `Retry-After`).

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use byline_i18n::Lang;

use super::params::{query_of, Asked, Problem, PER_PAGE};
use super::results::{run, Failure, ResultView};
use crate::cache::key::CacheKey;
use crate::chrome::Chrome;
use crate::view::{Meta, TimeView};
use crate::{AppError, AppState, Rendered};

/// Path of the search page.
pub const SEARCH_PATH: &str = "/search";

/// One result line on the page.
pub(crate) struct ResultLine {
    pub url: String,
    pub headline_html: String,
    pub snippet_html: String,
    pub date: Option<TimeView>,
    pub section_name: String,
    pub section_url: String,
    /// "Draft" on the desk's search, empty on the public page.
    pub status: String,
}

impl ResultLine {
    pub(crate) fn new(r: &ResultView, tz: chrono_tz::Tz, lang: Lang) -> Self {
        Self {
            url: r.path.clone(),
            headline_html: r.headline_html.clone(),
            snippet_html: r.snippet_html.clone(),
            date: r.published_at.map(|t| TimeView::in_lang(t, tz, lang)),
            section_name: r.section_name.clone(),
            section_url: crate::view::paths::section(&r.section_slug),
            status: String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "search/page.html")]
struct SearchTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    asked: Asked,
    /// The sentence shown instead of results (a problem, no match, unavailable).
    notice: String,
    /// "12 results".
    summary: String,
    results: Vec<ResultLine>,
    prev: Option<String>,
    next: Option<String>,
    /// "Page 2 of 5".
    page_status: String,
    /// The form's target: `/search` in the page's edition.
    action: String,
}

pub(super) async fn show(
    State(app): State<AppState>,
    Extension(key): Extension<CacheKey>,
    edition: crate::editions::RequestEdition,
) -> Result<Response, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let lang = chrome.lang;
    let action = chrome.path(SEARCH_PATH);
    let asked = Asked::from_key(&key);
    let mut view = SearchTemplate {
        meta: Meta {
            title: format!("{} | {}", lang.t("search-title"), chrome.site.name),
            description: lang.t("search-description"),
            canonical: app.absolute(&action),
            alternates: chrome.edition_alternates(&app, SEARCH_PATH),
            og_type: "website",
            noindex: true,
            ..Meta::default()
        },
        chrome: Arc::clone(&chrome),
        asked,
        notice: String::new(),
        summary: String::new(),
        results: Vec::new(),
        prev: None,
        next: None,
        page_status: String::new(),
        action,
    };
    let query = match query_of(&key, Some(super::edition_of(lang)), false) {
        Ok(query) => query,
        // An empty box is the page itself, not an error.
        Err(Problem::Empty) => return page(view, StatusCode::OK, lang),
        Err(problem) => {
            view.notice = lang.t(problem.message_key());
            return page(view, StatusCode::BAD_REQUEST, lang);
        }
    };
    match run(&app, query, super::results::is_public).await {
        Ok(found) => {
            fill(&mut view, found.total, &found.results, lang);
            page(view, StatusCode::OK, lang)
        }
        Err(Failure::Problem(problem)) => {
            view.notice = lang.t(problem.message_key());
            page(view, StatusCode::BAD_REQUEST, lang)
        }
        Err(Failure::Unavailable) => {
            view.notice = lang.t("search-unavailable");
            page(view, StatusCode::SERVICE_UNAVAILABLE, lang)
        }
        Err(Failure::Store(e)) => Err(e.into()),
    }
}

/// Puts a page of results (or the no-match sentence) and the page links into `view`.
fn fill(view: &mut SearchTemplate, total: usize, results: &[ResultView], lang: Lang) {
    let tz = view.chrome.tz;
    view.results = results
        .iter()
        .map(|r| ResultLine::new(r, tz, lang))
        .collect();
    let links = PageLinks::new(&view.asked, &view.action, total, lang);
    view.summary = links.summary;
    view.notice = links.notice;
    view.prev = links.prev;
    view.next = links.next;
    view.page_status = links.status;
}

/// The count, pagination links and no-match sentence of a result page.
pub(crate) struct PageLinks {
    pub summary: String,
    pub notice: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub status: String,
}

impl PageLinks {
    pub(crate) fn new(asked: &Asked, action: &str, total: usize, lang: Lang) -> Self {
        let pages = total.div_ceil(PER_PAGE).max(1);
        let page = asked.page;
        let href = |p: usize| format!("{action}?{}", asked.query_string(p));
        Self {
            summary: lang.t_n("search-count", total as i64),
            notice: if total == 0 {
                lang.t_s("search-no-results", "query", &asked.q)
            } else {
                String::new()
            },
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            status: if pages > 1 {
                lang.t_args(
                    "site-pagination-status",
                    &[
                        ("page", (page as i64).into()),
                        ("pages", (pages as i64).into()),
                    ],
                )
            } else {
                String::new()
            },
        }
    }
}

/// The page with `status`: a 200 is cached (it depends on the index), errors are not; a
/// 503 asks the reader to come back and says it is the index, not the store, that is out.
fn page(view: SearchTemplate, status: StatusCode, lang: Lang) -> Result<Response, AppError> {
    let html = view.render()?;
    if status == StatusCode::OK {
        let rendered = Rendered::html(html, vec![super::SEARCH_TAG.to_owned()]).language(lang);
        return Ok(rendered.into_response());
    }
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(crate::error::RETRY_AFTER_SECS),
        );
        response.extensions_mut().insert(super::IndexNotReady);
    }
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    Ok(response)
}
