//! What the live-coverage desk forms (News Feed, live pages, the banner) share: the
//! workflow's field errors keyed by input name so each shows next to its field, how a
//! form answers (a redirect for a plain post, JSON for the desk script's `fetch`), and
//! small parsing helpers. Words come from `desk-live.ftl`.

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use byline_i18n::Lang;
use chrono::{DateTime, Utc};

use super::errors::app_error;
use crate::workflow::{FieldError, WorkflowError};
use crate::AppError;

/// Problems with a submitted form: one message per input (by its `name`), and one for the
/// whole form (a refusal, a conflict, or a field the form does not show).
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    fields: Vec<(String, String)>,
    /// Shown above the form.
    pub summary: String,
}

impl FormErrors {
    /// The message for input `name`, empty when it is fine.
    pub fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(f, _)| f == name)
            .map_or("", |(_, m)| m.as_str())
    }

    /// Whether input `name` has a problem.
    pub fn has(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.summary.is_empty()
    }

    /// Adds a problem with input `name`.
    pub fn add(&mut self, name: &str, message: String) {
        match self.fields.iter_mut().find(|(f, _)| f == name) {
            Some((_, m)) => {
                m.push(' ');
                m.push_str(&message);
            }
            None => self.fields.push((name.to_owned(), message)),
        }
    }

    /// One field's problem found on the desk (a time that does not parse), under `name`.
    pub fn field(name: &str, e: &FieldError, lang: Lang) -> Self {
        let mut out = Self::default();
        out.add(name, e.render(lang));
        out.summary = lang.t_s("desk-live-not-saved", "problem", &e.render(lang));
        out
    }

    /// The workflow's answer as form errors, or the error page when the form cannot help
    /// (not found, the store unreachable). `shown` lists the inputs the form has; a field
    /// error on another one is told in the summary only.
    pub fn from_workflow(e: WorkflowError, lang: Lang, shown: &[&str]) -> Result<Self, AppError> {
        let mut out = Self::default();
        match &e {
            WorkflowError::Invalid(fields) => {
                for f in fields {
                    if shown.contains(&f.field) {
                        out.add(f.field, f.render(lang));
                    }
                }
                out.summary = lang.t_s("desk-live-not-saved", "problem", &e.render(lang));
            }
            WorkflowError::Conflict(_) => {
                out.summary = lang.t_s("desk-live-not-saved-conflict", "problem", &e.render(lang));
            }
            WorkflowError::Refused(_) => {
                out.summary = lang.t_s("desk-live-not-saved", "problem", &e.render(lang));
            }
            _ => return Err(app_error(e, lang)),
        }
        Ok(out)
    }

    /// The HTTP status a form re-rendered with these errors answers.
    pub fn status(e: &WorkflowError) -> StatusCode {
        match e {
            WorkflowError::Conflict(_) => StatusCode::CONFLICT,
            WorkflowError::Refused(_) => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// ` aria-invalid="true" aria-describedby="{prefix}-{name}-error"` on an input with a
    /// problem, else nothing (`prefix` and `name` are literals of the template).
    pub fn aria(&self, prefix: &str, name: &str) -> String {
        if self.has(name) {
            format!(" aria-invalid=\"true\" aria-describedby=\"{prefix}-{name}-error\"")
        } else {
            String::new()
        }
    }

    /// The message span of input `name` (hidden while fine, so the desk script can fill it).
    pub fn span(&self, prefix: &str, name: &str) -> String {
        let hidden = if self.has(name) { "" } else { " hidden" };
        format!(
            "<span id=\"{prefix}-{name}-error\" class=\"field-error\"{hidden}>{}</span>",
            byline_domain::markdown::escape_html(self.get(name))
        )
    }

    /// The errors as the desk script reads them: `{"error": …, "fields": {name: message}}`.
    pub fn to_json(&self, status: StatusCode) -> Response {
        let fields: serde_json::Map<String, serde_json::Value> = self
            .fields
            .iter()
            .map(|(f, m)| (f.clone(), serde_json::Value::String(m.clone())))
            .collect();
        (
            status,
            Json(serde_json::json!({ "error": self.summary, "fields": fields })),
        )
            .into_response()
    }
}

/// Whether the request came from the desk script (`Accept: application/json`), which
/// wants JSON instead of a redirect or a page.
pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// The row a save added, for the desk script to show without a reload.
pub struct SavedRow {
    pub id: i64,
    /// The list row, rendered as the page renders it.
    pub html: String,
    pub published: bool,
}

/// A saved form's answer: for the desk script the new row's HTML and the notice (201);
/// for a plain post a redirect to `back` with the notice (post, redirect, get).
pub fn saved(json: bool, back: &str, notice: &str, row: SavedRow) -> Response {
    if json {
        return (
            StatusCode::CREATED,
            Json(serde_json::json!({
                "id": row.id,
                "html": row.html,
                "published": row.published,
                "notice": notice,
            })),
        )
            .into_response();
    }
    redirect_with_notice(back, notice)
}

/// A redirect to `path` showing `notice` on arrival.
pub fn redirect_with_notice(path: &str, notice: &str) -> Response {
    let join = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!(
        "{path}{join}saved={}",
        crate::auth::extract::url_encode(notice)
    ))
    .into_response()
}

/// A checkbox: present (any value) when ticked.
pub fn ticked(value: &Option<String>) -> bool {
    value.is_some()
}

/// A time for a `datetime-local` input, in the outlet's zone.
pub fn local_input(t: DateTime<Utc>, tz: chrono_tz::Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// A local time from a `datetime-local` input (or RFC 3339); empty is None. Its
/// problem, if any, is reported under `name`.
pub fn parse_local(
    value: &str,
    tz: chrono_tz::Tz,
    name: &str,
    lang: Lang,
) -> Result<Option<DateTime<Utc>>, FormErrors> {
    super::article_form::parse_time(value, tz).map_err(|e| FormErrors::field(name, &e, lang))
}

/// The page number of `?page=` (1 when absent); a bad one is a clear 400.
pub fn page_number(page: &str) -> Result<i64, AppError> {
    crate::site::parse_page(Some(page).filter(|p| !p.is_empty()))
}

/// Byline slugs of a comma-separated field.
pub fn bylines(field: &str) -> Vec<String> {
    super::article_form::split_list(field)
}

/// Byline slugs as the field shows them.
pub fn bylines_field(authors: &[byline_domain::Author]) -> String {
    authors
        .iter()
        .map(|a| a.slug.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Byline names for a list row.
pub fn byline_names(authors: &[byline_domain::Author]) -> String {
    authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first `max` characters of `text` on one line, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max).collect();
    out.push('…');
    out
}

/// The editions a News Feed item or live page may be put in, for the form's select (shown
/// only when the outlet has more than one edition).
#[derive(Debug, Clone, Default)]
pub struct EditionChoices {
    /// (code, name), the default edition first.
    pub options: Vec<(String, String)>,
    /// The default edition's code (preselected for new content).
    pub default_code: String,
}

impl EditionChoices {
    pub async fn load(app: &crate::AppState) -> Result<Self, AppError> {
        let mut editions = app.store.editions().await?;
        editions.sort_by_key(|e| !e.is_default);
        Ok(Self {
            default_code: editions
                .iter()
                .find(|e| e.is_default)
                .map(|e| e.code.clone())
                .unwrap_or_default(),
            options: editions.into_iter().map(|e| (e.code, e.name)).collect(),
        })
    }

    /// Whether the form shows the select.
    pub fn shown(&self) -> bool {
        self.options.len() > 1
    }

    /// Whether `code` is the option to select for a form holding `current`.
    pub fn selected(&self, current: &str, code: &str) -> bool {
        if current.is_empty() {
            code == self.default_code
        } else {
            code == current
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::Message;

    #[test]
    fn field_errors_land_on_their_inputs_and_the_rest_in_the_summary() {
        let e = WorkflowError::Invalid(vec![
            FieldError::new("headline", "wf-required"),
            FieldError::new("mystery", "wf-required"),
        ]);
        let errors = FormErrors::from_workflow(e, Lang::En, &["headline", "body"]).expect("form");
        assert!(errors.has("headline"));
        assert!(!errors.has("mystery") && !errors.has("body"));
        assert!(
            errors.summary.starts_with("Not saved:"),
            "{}",
            errors.summary
        );
        let refused =
            WorkflowError::Refused(Message::new("wf-refused-role").text("role", "author"));
        let errors = FormErrors::from_workflow(refused.clone(), Lang::Uk, &[]).expect("form");
        assert!(!errors.summary.is_empty() && !errors.summary.contains("desk-live-"));
        assert_eq!(FormErrors::status(&refused), StatusCode::FORBIDDEN);
        assert!(FormErrors::from_workflow(WorkflowError::NotFound, Lang::En, &[]).is_err());
        let mut e = FormErrors::default();
        e.add("body", "<b>too long</b>".into());
        assert_eq!(e.aria("fi", "headline"), "");
        assert!(e.aria("fi", "body").contains("fi-body-error"));
        assert!(e.span("fi", "body").contains("&lt;b&gt;too long"));
        assert!(e.span("fi", "headline").contains(" hidden>"));
    }

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("Київ  під\nобстрілом", 30), "Київ під обстрілом");
        assert_eq!(excerpt("Київ під обстрілом", 4), "Київ…");
    }
}
