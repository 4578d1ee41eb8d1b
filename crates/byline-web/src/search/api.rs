//! `GET /api/search`: the public search as JSON, `{ results: [{url, headline, snippet,
//! published_at, section, language}], total, page }`. A query that cannot be searched is
//! a 400 with a stable `code` and the sentence the page would show; an index that is not
//! ready yet is a 503 with `Retry-After`.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::json;

use super::params::{query_of, Asked};
use super::results::{run, Failure};
use crate::cache::key::CacheKey;
use crate::{AppError, AppState, Rendered};

pub(super) async fn search(
    State(app): State<AppState>,
    Extension(key): Extension<CacheKey>,
    edition: crate::editions::RequestEdition,
) -> Result<Response, AppError> {
    let lang = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?
        .lang;
    let asked = Asked::from_key(&key);
    let query = match query_of(&key, Some(super::edition_of(lang)), false) {
        Ok(query) => query,
        Err(problem) => {
            return Ok(refused(
                StatusCode::BAD_REQUEST,
                problem.code(),
                &lang.t(problem.message_key()),
            ))
        }
    };
    let found = match run(&app, query, super::results::is_public).await {
        Ok(found) => found,
        Err(Failure::Problem(problem)) => {
            return Ok(refused(
                StatusCode::BAD_REQUEST,
                problem.code(),
                &lang.t(problem.message_key()),
            ))
        }
        Err(Failure::Unavailable) => {
            let mut response = refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "search_unavailable",
                &lang.t("search-unavailable"),
            );
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(crate::error::RETRY_AFTER_SECS),
            );
            response.extensions_mut().insert(super::IndexNotReady);
            return Ok(response);
        }
        Err(Failure::Store(e)) => return Err(e.into()),
    };
    let results: Vec<_> = found
        .results
        .iter()
        .map(|r| {
            json!({
                "url": app.absolute(&r.path),
                "slug": r.slug,
                "headline": r.headline,
                "headline_html": r.headline_html,
                "snippet": r.snippet_html,
                "published_at": r.published_at,
                "section": r.section_slug,
                "section_name": r.section_name,
                "language": r.language,
                "score": r.score,
            })
        })
        .collect();
    let body = json!({ "results": results, "total": found.total, "page": asked.page });
    Ok(Rendered::with_type(
        "application/json",
        body.to_string(),
        vec![super::SEARCH_TAG.to_owned()],
    )
    .language(lang)
    .into_response())
}

/// A JSON refusal: `{ "error": { "code", "message" } }`.
fn refused(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "error": { "code": code, "message": message } });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use byline_i18n::Lang;

    use crate::search::params::Problem;

    /// The keys are not literal `.t("…")` calls, so the catalog test cannot see them.
    #[test]
    fn every_problem_is_worded_in_every_language() {
        let problems = [
            Problem::Empty,
            Problem::TooLong,
            Problem::NoTerms,
            Problem::BadDate,
            Problem::BadSort,
            Problem::BadPage,
            Problem::BadLanguage,
        ];
        for lang in Lang::ALL {
            for p in problems {
                assert!(lang.has(p.message_key()), "{lang}: {}", p.message_key());
            }
        }
    }
}
