//! Excluding a revision from public history (legal takedowns), on the revisions view:
//! admins pick a published revision and record the reason; the one workflow
//! (`Workflows::exclude_revision`) writes it and the audit entry. The revision itself is
//! kept; public pages show the notice instead of its text.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use byline_domain::corrections::MAX_EXCLUSION_REASON;
use byline_domain::staff::Action;
use serde::Deserialize;

use super::errors::app_error;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::Channel;
use crate::{AppError, AppState};

/// A revision already excluded, for the list under the form.
pub(crate) struct ExcludedRow {
    pub version: i64,
    pub at: TimeView,
    pub by: String,
    pub reason: String,
}

/// What the revisions view shows of public history.
pub(crate) struct PublicHistory {
    /// The staff member may exclude (admins).
    pub may_exclude: bool,
    /// Published revisions that may still be excluded (not the current one).
    pub excludable: Vec<i64>,
    pub excluded: Vec<ExcludedRow>,
    pub max_reason: usize,
    pub public_url: String,
}

impl PublicHistory {
    pub(crate) async fn load(
        app: &AppState,
        staff: &DeskStaff,
        article: &byline_domain::Article,
        tz: chrono_tz::Tz,
    ) -> Result<Self, AppError> {
        let revisions = app.store.published_revisions(article.id).await?;
        Ok(Self {
            may_exclude: staff.actor().may(Action::ExcludeRevision),
            excludable: revisions
                .iter()
                .rev()
                .filter(|r| r.exclusion.is_none() && r.version != article.version)
                .map(|r| r.version)
                .collect(),
            excluded: revisions
                .iter()
                .filter_map(|r| {
                    r.exclusion.as_ref().map(|x| ExcludedRow {
                        version: r.version,
                        at: TimeView::in_lang(x.created_at, tz, staff.lang()),
                        by: x.staff_name.clone(),
                        reason: x.reason.clone(),
                    })
                })
                .collect(),
            max_reason: MAX_EXCLUSION_REASON,
            public_url: format!("/articles/{}/history", article.slug),
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ExcludeForm {
    version: String,
    reason: String,
}

/// `POST /desk/articles/{id}/revisions/exclude`.
pub(super) async fn exclude(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<ExcludeForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let article = app
        .workflows(Channel::Desk)
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, lang))?;
    let version: i64 = form.form.version.trim().parse().map_err(|_| {
        AppError::bad_input(
            "trust-history-bad-revision",
            &[("value", &form.form.version)],
        )
    })?;
    app.workflows(Channel::Desk)
        .exclude_revision(staff.actor(), &article, version, &form.form.reason)
        .await
        .map_err(|e| app_error(e, lang))?;
    Ok(Redirect::to(&format!("/desk/articles/{id}/revisions")).into_response())
}
