//! "Read also" suggestions in the editor: articles of the same edition like the text being
//! written, from the search index (`crate::search::read_also_suggestions`). The editor
//! shows them for the text as loaded or saved (no script needed); `POST /desk/read-also`
//! answers them as JSON for the text in the form now (the editor script's "Suggest").

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::auth::csrf::CsrfForm;
use crate::{AppError, AppState};

/// Suggestions shown at most.
const SHOWN: usize = 6;

/// One suggestion: the card's line to put in the body, with what it links.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Suggestion {
    pub slug: String,
    pub headline: String,
    /// `[[read-also:slug]]`, a paragraph of its own in the body.
    pub line: String,
}

/// Suggestions for a draft with this headline, standfirst and body in edition `language`
/// (the site's language when empty), leaving out article `exclude`.
pub(super) async fn for_text(
    app: &AppState,
    parts: [&str; 3],
    language: &str,
    exclude: Option<i64>,
) -> Result<Vec<Suggestion>, AppError> {
    let text = parts.join("\n\n");
    let language = if language.trim().is_empty() {
        app.chrome
            .get(app.store.as_ref())
            .await?
            .site_lang
            .code()
            .to_owned()
    } else {
        language.trim().to_owned()
    };
    Ok(
        crate::search::read_also_suggestions(app, &text, &language, exclude, SHOWN)
            .await?
            .into_iter()
            .map(|a| Suggestion {
                line: format!("[[read-also:{}]]", a.slug),
                slug: a.slug,
                headline: a.headline,
            })
            .collect(),
    )
}

/// The form of `POST /desk/read-also`: the editor's text fields as they are now.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SuggestForm {
    headline: String,
    standfirst: String,
    body: String,
    language: String,
    /// The article being edited (left out of its own suggestions).
    exclude: Option<i64>,
}

/// `POST /desk/read-also` → `{"suggestions": [{slug, headline, line}]}`.
pub(super) async fn suggest(
    State(app): State<AppState>,
    form: CsrfForm<SuggestForm>,
) -> Result<Response, AppError> {
    let f = form.form;
    let suggestions = for_text(
        &app,
        [&f.headline, &f.standfirst, &f.body],
        &f.language,
        f.exclude,
    )
    .await?;
    Ok(Json(serde_json::json!({ "suggestions": suggestions })).into_response())
}
