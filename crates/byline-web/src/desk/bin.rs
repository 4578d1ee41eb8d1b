//! The bin (editors move articles there and back) and curation: Editors' Picks and the
//! front-page position.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::editor::load;
use super::errors::app_error;
use super::login::Empty;
use crate::auth::csrf::CsrfForm;
use crate::auth::extract::url_encode;
use crate::workflow::Channel;
use crate::{AppError, AppState};

async fn bin(
    app: &AppState,
    id: i64,
    form: CsrfForm<Empty>,
    deleted: bool,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    staff.require(byline_domain::staff::Action::ManageAllArticles)?;
    let article = load(app, staff, id).await?;
    app.workflows(Channel::Desk)
        .bin_article(staff.actor(), &article, deleted)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    let key = if deleted {
        "wf-notice-binned"
    } else {
        "wf-notice-restored"
    };
    let notice = url_encode(&staff.lang().t(key));
    Ok(Redirect::to(&format!("/desk/?saved={notice}")).into_response())
}

pub(super) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<Empty>,
) -> Result<Response, AppError> {
    bin(&app, id, form, true).await
}

pub(super) async fn restore(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<Empty>,
) -> Result<Response, AppError> {
    bin(&app, id, form, false).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CurationForm {
    editors_pick: Option<String>,
    home_position: String,
}

pub(super) async fn curate(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<CurationForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    staff.require(byline_domain::staff::Action::Curate)?;
    let article = load(&app, staff, id).await?;
    let position = match form.form.home_position.trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| {
            AppError::bad_request(
                crate::workflow::FieldError::new("home_position", "wf-home-position-range")
                    .num("max", crate::workflow::articles::MAX_HOME_POSITION)
                    .render(lang),
            )
        })?),
    };
    app.workflows(Channel::Desk)
        .curate(
            staff.actor(),
            &article,
            form.form.editors_pick.is_some(),
            position,
        )
        .await
        .map_err(|e| app_error(e, lang))?;
    Ok(Redirect::to(&format!("/desk/articles/{id}/edit")).into_response())
}
