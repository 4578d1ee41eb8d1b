//! `GET /desk/search`: the staff's search, drafts included. Which drafts a staff member
//! finds is the one policy's: editors and admins every article, authors and contributors
//! the published ones and their own (`workflow::policy::may_view`).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;

use super::page::PageLinks;
use super::params::{query_of, Asked, Problem, KEY_PARAMS};
use super::results::{run, Failure};
use crate::auth::DeskStaff;
use crate::cache::key::{self, CachedRoute, Keyed};
use crate::desk::Layout;
use crate::view::TimeView;
use crate::workflow::policy;
use crate::{AppError, AppState};

/// Read like the public search's key (same parameters, same normalising), never cached.
const DESK_SEARCH: CachedRoute = CachedRoute {
    pattern: "/desk/search",
    params: KEY_PARAMS,
};

pub(crate) struct DeskHit {
    edit_url: String,
    headline_html: String,
    snippet_html: String,
    status: String,
    section: String,
    date: String,
}

#[derive(Template)]
#[template(path = "desk/search.html")]
struct DeskSearchTemplate {
    layout: Layout,
    asked: Asked,
    notice: String,
    summary: String,
    hits: Vec<DeskHit>,
    prev: Option<String>,
    next: Option<String>,
    page_status: String,
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    uri: Uri,
) -> Result<Response, AppError> {
    staff.require(Action::UseDesk)?;
    let lang = staff.lang();
    let key = match key::for_request(&DESK_SEARCH, &uri) {
        Keyed::Key(key) => key,
        Keyed::Invalid(e) => return Err(e),
        Keyed::Redirect(_) => return Err(AppError::NotFound),
    };
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let mut view = DeskSearchTemplate {
        layout: Layout::new(lang.t("search-desk-title"), Some(&staff)),
        asked: Asked::from_key(&key),
        notice: String::new(),
        summary: String::new(),
        hits: Vec::new(),
        prev: None,
        next: None,
        page_status: String::new(),
    };
    let query = match query_of(&key, None, true) {
        Ok(query) => query,
        Err(Problem::Empty) => return page(&view, StatusCode::OK),
        Err(problem) => {
            view.notice = lang.t(problem.message_key());
            return page(&view, StatusCode::BAD_REQUEST);
        }
    };
    let me = &staff.staff;
    match run(&app, query, |article| policy::may_view(me, article)).await {
        Ok(found) => {
            let links = PageLinks::new(&view.asked, "/desk/search", found.total, lang);
            view.hits = found
                .results
                .iter()
                .map(|r| DeskHit {
                    edit_url: format!("/desk/articles/{}/edit", r.id),
                    headline_html: r.headline_html.clone(),
                    snippet_html: r.snippet_html.clone(),
                    status: if r.published {
                        String::new()
                    } else {
                        lang.t("search-desk-unpublished")
                    },
                    section: r.section_name.clone(),
                    date: r
                        .published_at
                        .map(|t| TimeView::in_lang(t, chrome.tz, lang).display)
                        .unwrap_or_default(),
                })
                .collect();
            (view.summary, view.notice) = (links.summary, links.notice);
            (view.prev, view.next, view.page_status) = (links.prev, links.next, links.status);
            page(&view, StatusCode::OK)
        }
        Err(Failure::Problem(problem)) => {
            view.notice = lang.t(problem.message_key());
            page(&view, StatusCode::BAD_REQUEST)
        }
        Err(Failure::Unavailable) => {
            view.notice = lang.t("search-unavailable");
            page(&view, StatusCode::SERVICE_UNAVAILABLE)
        }
        Err(Failure::Store(e)) => Err(e.into()),
    }
}

fn page(view: &DeskSearchTemplate, status: StatusCode) -> Result<Response, AppError> {
    let mut response = (status, Html(view.render()?)).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.extensions_mut().insert(super::IndexNotReady);
    }
    Ok(response)
}
