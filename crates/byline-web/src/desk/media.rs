//! The media library on the desk: browse, and upload through the media workflow (type
//! detected from content, metadata such as GPS stripped, responsive variants generated).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::staff::Action;
use byline_store::MediaInfo;

use super::errors::app_error;
use super::Layout;
use crate::auth::token::same;
use crate::auth::DeskStaff;
pub use crate::workflow::media::{Upload, MAX_UPLOAD};
use crate::workflow::{Channel, FieldError, WorkflowError};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "desk/media.html")]
struct LibraryTemplate {
    layout: Layout,
    items: Vec<MediaInfo>,
    max_mb: usize,
}

async fn library_page(
    app: &AppState,
    staff: &DeskStaff,
    notice: &str,
    error: &str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = LibraryTemplate {
        layout: Layout::new(staff.lang().t("wf-page-media"), Some(staff))
            .notice(notice)
            .error(error),
        items: app.store.media_library(120, 0).await?,
        max_mb: MAX_UPLOAD / 1024 / 1024,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub(super) async fn library(
    State(app): State<AppState>,
    staff: DeskStaff,
) -> Result<Response, AppError> {
    staff.require(Action::UseDesk)?;
    library_page(&app, &staff, "", "", StatusCode::OK).await
}

fn unreadable(key: &'static str) -> WorkflowError {
    WorkflowError::field(FieldError::new("file", key).num("mb", MAX_UPLOAD / 1024 / 1024))
}

/// Reads the multipart fields of an upload (desk form and API), refusing oversized files.
pub async fn read_upload(mut multipart: Multipart) -> Result<Upload, WorkflowError> {
    let mut upload = Upload::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| unreadable("wf-upload-cut-off"))?
    {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            upload.file_name = field.file_name().unwrap_or("upload").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| unreadable("wf-upload-cut-off"))?;
            if bytes.len() > MAX_UPLOAD {
                return Err(unreadable("wf-upload-too-large"));
            }
            upload.bytes = bytes.to_vec();
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| unreadable("wf-upload-cut-off"))?;
            match name.as_str() {
                "alt" => upload.alt = text.trim().to_owned(),
                "caption" => upload.caption = text.trim().to_owned(),
                "credit" => upload.credit = text.trim().to_owned(),
                "_csrf" => upload.csrf = text,
                _ => {}
            }
        }
    }
    Ok(upload)
}

/// The multipart form carries its CSRF token as the `_csrf` field.
pub(super) async fn upload(
    State(app): State<AppState>,
    staff: DeskStaff,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let upload = read_upload(multipart).await;
    let csrf_ok = upload.as_ref().is_ok_and(|u| same(&u.csrf, staff.csrf()));
    if !csrf_ok {
        return Err(AppError::Forbidden(staff.lang().t("wf-csrf-stale")));
    }
    staff.require(Action::UseDesk)?;
    let lang = staff.lang();
    let result = match upload {
        Ok(u) => {
            app.workflows(Channel::Desk)
                .upload_media(staff.actor(), u)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/desk/media").into_response()),
        Err(e @ WorkflowError::Invalid(_)) => {
            let error = lang.t_s("wf-not-uploaded", "problem", &e.render(lang));
            library_page(&app, &staff, "", &error, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(app_error(e, lang)),
    }
}
