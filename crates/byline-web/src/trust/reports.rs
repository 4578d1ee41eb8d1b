//! Reader error reports on the public site: the form page (`GET /corrections/report`,
//! reached from every article's "Report an error" link and working without JavaScript),
//! its post (`POST /corrections/report`), and the thank-you page. The article page's
//! script (`assets/report.js`) posts the same form from a dialog and asks for JSON.
//!
//! Limits, in the order they are checked: a cross-site post is refused (403, as for
//! subscriptions: the link sits on cached pages, so the check is on the request's origin);
//! `report_limit` posts per client address (IPv6 by /64) in 10 minutes, then 429 with
//! `Retry-After`; a body over [`MAX_BODY`] is 413; each field has its cap (quote 1,000
//! characters, comment 3,000, address 254) and a report needs a quote or a comment (422,
//! the text kept); a filled honeypot is answered as a success and stores nothing; the
//! article must be a published one (404, or 422 for an unreadable or foreign reference).
//! Against a flood from many addresses the store caps reports per article per hour and
//! untriaged reports in all ([`byline_store::ReportLimits`]; 429 when reached). No client
//! address is stored; the reader's address serves only the reply.

use std::sync::Arc;

use askama::Template;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use byline_domain::reports::{MAX_COMMENT, MAX_EMAIL, MAX_QUOTE};
use byline_domain::Article;
use byline_i18n::Lang;
use byline_store::{Filed, NewReport, ReportLimits};
use serde::Deserialize;

use super::report_form::{resolve, BadArticle, Problem, ReportForm};
use crate::chrome::Chrome;
use crate::client_ip::ClientIp;
use crate::view::{paths, Meta};
use crate::{AppError, AppState};

/// Largest report body accepted, in bytes (every field at its cap in Cyrillic, encoded).
pub const MAX_BODY: usize = 32 * 1024;
/// The window of the per-client limit.
pub const LIMIT_WINDOW_SECS: u64 = 600;
/// What `Retry-After` says when the store's caps are reached.
const CAP_RETRY_SECS: u64 = 3_600;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/corrections/report", get(form_page).post(submit))
        .route("/corrections/report/sent", get(sent_page))
}

/// The script of the article page's report dialog.
pub fn script_href() -> &'static str {
    crate::site::assets::report_script_href()
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ArticleQuery {
    article: String,
}

/// The article the form is about, as the page names it.
struct ArticleRef {
    headline: String,
    url: String,
    slug: String,
    version: i64,
}

impl ArticleRef {
    fn of(article: &Article) -> Self {
        Self {
            headline: article.headline.clone(),
            url: paths::article(&article.slug),
            slug: article.slug.clone(),
            version: article.version,
        }
    }
}

#[derive(Template)]
#[template(path = "trust/report_form.html")]
struct FormTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lang: Lang,
    article: Option<ArticleRef>,
    form: ReportForm,
    /// A message over the form (refusals, limits, the summary of problems).
    notice: String,
    problems: Vec<Problem>,
    max_quote: usize,
    max_comment: usize,
    max_email: usize,
}

impl FormTemplate {
    /// The problem next to `field`, if any.
    fn problem(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }
}

#[derive(Template)]
#[template(path = "trust/report_sent.html")]
struct SentTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lang: Lang,
    article: Option<ArticleRef>,
}

fn meta(app: &AppState, chrome: &Chrome, title: &str) -> Meta {
    Meta {
        title: format!("{title} | {}", chrome.site.name),
        description: chrome.lang.t("report-meta-description"),
        canonical: app.absolute("/corrections/report"),
        og_type: "website",
        noindex: true,
        ..Meta::default()
    }
}

/// How the answer is wanted: the page (a form post) or JSON (the dialog's fetch).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    Page,
    Json,
}

impl Answer {
    fn of(headers: &HeaderMap) -> Self {
        let json = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
        if json {
            Self::Json
        } else {
            Self::Page
        }
    }
}

/// The answer to a report that did not go through: the form again (text kept) or JSON.
struct Refusal {
    status: StatusCode,
    notice: String,
    problems: Vec<Problem>,
    retry_after: Option<u64>,
}

impl Refusal {
    fn new(status: StatusCode, notice: String) -> Self {
        Self {
            status,
            notice,
            problems: Vec::new(),
            retry_after: None,
        }
    }

    async fn answer(
        self,
        app: &AppState,
        answer: Answer,
        article: Option<ArticleRef>,
        form: ReportForm,
    ) -> Result<Response, AppError> {
        let mut response = match answer {
            Answer::Json => {
                let errors: serde_json::Map<String, serde_json::Value> = self
                    .problems
                    .iter()
                    .map(|p| (p.field.to_owned(), p.message.clone().into()))
                    .collect();
                let body = serde_json::json!({
                    "ok": false,
                    "message": self.notice,
                    "errors": errors,
                });
                (self.status, axum::Json(body)).into_response()
            }
            Answer::Page => {
                let chrome = app.chrome.get(app.store.as_ref()).await?;
                let lang = chrome.lang;
                let html = FormTemplate {
                    meta: meta(app, &chrome, &lang.t("report-heading")),
                    chrome,
                    lang,
                    article,
                    form,
                    notice: self.notice,
                    problems: self.problems,
                    max_quote: MAX_QUOTE,
                    max_comment: MAX_COMMENT,
                    max_email: MAX_EMAIL,
                }
                .render()?;
                (self.status, Html(html)).into_response()
            }
        };
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Ok(response)
    }
}

/// `GET /corrections/report?article=…`: the form, for the article named (or with a field
/// for its address when none is named; 404 with the message when it names none we have).
async fn form_page(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ArticleQuery>,
) -> Result<Response, AppError> {
    let lang = crate::chrome::language(&app).await?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let form = ReportForm {
        article: q.article.trim().to_owned(),
        ..ReportForm::default()
    };
    let (status, article, notice) = if form.article.is_empty() {
        (StatusCode::OK, None, String::new())
    } else {
        match resolve(&app, host, &form.article).await? {
            Ok(a) => (StatusCode::OK, Some(ArticleRef::of(&a)), String::new()),
            Err(bad) => (status_of(bad), None, bad.message(lang)),
        }
    };
    let refusal = Refusal {
        problems: if notice.is_empty() {
            Vec::new()
        } else {
            vec![Problem {
                field: "article",
                message: notice.clone(),
            }]
        },
        ..Refusal::new(status, notice)
    };
    refusal.answer(&app, Answer::Page, article, form).await
}

fn status_of(bad: BadArticle) -> StatusCode {
    match bad {
        BadArticle::Unknown => StatusCode::NOT_FOUND,
        BadArticle::Unreadable | BadArticle::Foreign => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// `POST /corrections/report`: checks, stores, and answers 303 to the thank-you page
/// (JSON `{"ok": true, "message": …}` for the dialog).
async fn submit(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let lang = crate::chrome::language(&app).await?;
    let answer = Answer::of(&headers);
    if crate::newsletters::origin::cross_site(&app, &headers) {
        let refusal = Refusal::new(StatusCode::FORBIDDEN, lang.t("report-cross-site"));
        return refusal
            .answer(&app, answer, None, ReportForm::default())
            .await;
    }
    if !app.report_limiter.allow(&crate::live::hub::client_key(&ip)) {
        // The text is kept (the reader may copy it), but nothing else is looked up.
        let form = match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(b) => ReportForm::parse(&b).unwrap_or_default(),
            Err(_) => ReportForm::default(),
        };
        let refusal = Refusal {
            retry_after: Some(LIMIT_WINDOW_SECS),
            ..Refusal::new(StatusCode::TOO_MANY_REQUESTS, lang.t("report-too-many"))
        };
        return refusal.answer(&app, answer, None, form).await;
    }
    let bytes = axum::body::to_bytes(body, MAX_BODY).await;
    let form = bytes
        .as_ref()
        .ok()
        .and_then(|b| ReportForm::parse(b))
        .unwrap_or_default();
    if bytes.is_err() {
        let refusal = Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, lang.t("report-too-large"));
        return refusal
            .answer(&app, answer, None, ReportForm::default())
            .await;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let article = resolve(&app, host, &form.article).await?;
    let shown = article.as_ref().ok().map(ArticleRef::of);
    let mut problems = form.problems(lang);
    let article = match article {
        Ok(a) => Some(a),
        Err(bad) => {
            problems.insert(
                0,
                Problem {
                    field: "article",
                    message: bad.message(lang),
                },
            );
            if problems.len() == 1 && !form.honeypot {
                let refusal = Refusal {
                    problems,
                    ..Refusal::new(status_of(bad), bad.message(lang))
                };
                return refusal.answer(&app, answer, None, form).await;
            }
            None
        }
    };
    // A bot filled the hidden field: it is told what a person would be told.
    if form.honeypot {
        return success(lang, answer, shown.as_ref()).await;
    }
    let Some(article) = article.filter(|_| problems.is_empty()) else {
        let refusal = Refusal {
            problems,
            ..Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, lang.t("report-problems"))
        };
        return refusal.answer(&app, answer, shown, form).await;
    };
    let report = NewReport {
        article_id: article.id,
        article_version: form.version_of(&article),
        quote: form.quote.clone(),
        comment: form.comment.clone(),
        email: (!form.email.is_empty()).then(|| form.email.clone()),
        at: chrono::Utc::now(),
    };
    match app
        .store
        .file_report(&report, ReportLimits::default())
        .await?
    {
        Filed::Stored(id) => {
            tracing::info!(report = id, article = %article.slug, "reader error report filed");
            success(lang, answer, shown.as_ref()).await
        }
        Filed::ArticleBusy | Filed::DeskFull => {
            let refusal = Refusal {
                retry_after: Some(CAP_RETRY_SECS),
                ..Refusal::new(StatusCode::TOO_MANY_REQUESTS, lang.t("report-desk-busy"))
            };
            refusal.answer(&app, answer, shown, form).await
        }
    }
}

async fn success(
    lang: Lang,
    answer: Answer,
    article: Option<&ArticleRef>,
) -> Result<Response, AppError> {
    Ok(match answer {
        Answer::Json => axum::Json(serde_json::json!({
            "ok": true,
            "message": lang.t("report-sent-message"),
        }))
        .into_response(),
        Answer::Page => {
            let location = match article {
                Some(a) => format!("/corrections/report/sent?article={}", a.slug),
                None => "/corrections/report/sent".to_owned(),
            };
            Redirect::to(&location).into_response()
        }
    })
}

/// `GET /corrections/report/sent`: thanks, and the way back to the article.
async fn sent_page(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ArticleQuery>,
) -> Result<Response, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let article = if q.article.trim().is_empty() {
        None
    } else {
        resolve(&app, host, &q.article)
            .await?
            .ok()
            .map(|a| ArticleRef::of(&a))
    };
    let html = SentTemplate {
        meta: meta(&app, &chrome, &lang.t("report-sent-heading")),
        chrome,
        lang,
        article,
    }
    .render()?;
    Ok(Html(html).into_response())
}
