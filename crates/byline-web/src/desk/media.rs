//! The media library: upload (type detected from content, metadata such as GPS stripped,
//! responsive variants generated), browse.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::staff::Action;
use byline_domain::MediaFile;
use byline_store::{MediaInfo, NewMedia};

use super::{audit, Layout};
use crate::auth::token::same;
use crate::auth::DeskStaff;
use crate::{AppError, AppState};

/// Largest upload, in bytes.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

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
        layout: Layout::new("Media library", Some(staff))
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

/// One upload: the image and its description.
#[derive(Debug, Default)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// The desk form's CSRF token (the API uses a bearer token instead).
    pub csrf: String,
}

/// Reads the multipart fields of an upload, refusing oversized files.
pub async fn read_upload(mut multipart: Multipart) -> Result<Upload, String> {
    let mut upload = Upload::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| format!("The upload could not be read: {e}"))?
    {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            upload.file_name = field.file_name().unwrap_or("upload").to_owned();
            let bytes = field.bytes().await.map_err(|_| {
                format!(
                    "The file is larger than {} MB or the upload was cut off.",
                    MAX_UPLOAD / 1024 / 1024
                )
            })?;
            if bytes.len() > MAX_UPLOAD {
                return Err(format!(
                    "The file is larger than {} MB.",
                    MAX_UPLOAD / 1024 / 1024
                ));
            }
            upload.bytes = bytes.to_vec();
        } else {
            let text = field
                .text()
                .await
                .map_err(|e| format!("The field {name} could not be read: {e}"))?;
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

impl Upload {
    /// The checks an upload must pass before processing.
    pub fn validate(&self) -> Result<(), String> {
        if self.bytes.is_empty() {
            return Err("Choose an image file to upload.".into());
        }
        if self.alt.is_empty() {
            return Err(
                "Alt text is required: describe the picture for readers who cannot see it.".into(),
            );
        }
        Ok(())
    }
}

/// Processes and stores an upload with its variants; returns the original's media name.
pub async fn store_upload(app: &AppState, upload: Upload) -> Result<MediaInfo, String> {
    let bytes = upload.bytes;
    let processed = tokio::task::spawn_blocking(move || {
        byline_media::process(&bytes, &byline_media::Limits::default())
    })
    .await
    .map_err(|e| format!("The image could not be processed: {e}"))?
    .map_err(|e| e.to_string())?;
    let stem = byline_domain::Slug::from_title(
        upload
            .file_name
            .rsplit_once('.')
            .map_or(upload.file_name.as_str(), |(s, _)| s),
    )
    .map_or_else(|| "image".to_owned(), |s| s.to_string());
    let id = &crate::auth::token::random_token()[..8];
    let base = format!(
        "{stem}-{}",
        id.to_ascii_lowercase().replace(['_', '-'], "x")
    );
    let name = format!("{base}.{}", processed.kind.extension());
    let (width, height) = (i64::from(processed.width), i64::from(processed.height));
    let original = NewMedia {
        file: MediaFile {
            name: name.clone(),
            content_type: processed.kind.mime().into(),
            bytes: processed.original,
        },
        alt: upload.alt.clone(),
        caption: upload.caption.clone(),
        credit: upload.credit.clone(),
        width: Some(width),
        height: Some(height),
        variant_of: None,
    };
    // Variants first, so the original never appears without them.
    for v in processed.variants {
        let media = NewMedia {
            file: MediaFile {
                name: format!("{base}-{}w.{}", v.width, v.format.extension()),
                content_type: v.format.mime().into(),
                bytes: v.bytes,
            },
            alt: upload.alt.clone(),
            caption: String::new(),
            credit: String::new(),
            width: Some(i64::from(v.width)),
            height: Some(i64::from(v.height)),
            variant_of: Some(name.clone()),
        };
        app.store
            .put_media_item(&media)
            .await
            .map_err(|e| e.to_string())?;
    }
    app.store
        .put_media_item(&original)
        .await
        .map_err(|e| e.to_string())?;
    app.store
        .media_info(&name)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "The image was not stored.".to_owned())
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
        return Err(AppError::Forbidden(
            "The form's security token is missing or out of date. Reload the page and try again."
                .into(),
        ));
    }
    staff.require(Action::UseDesk)?;
    let upload = match upload.and_then(|u| u.validate().map(|()| u)) {
        Ok(u) => u,
        Err(msg) => {
            return library_page(&app, &staff, "", &msg, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    };
    match store_upload(&app, upload).await {
        Ok(info) => {
            audit(&app, &staff.staff, "media.upload", &info.name, "").await;
            Ok(Redirect::to("/desk/media").into_response())
        }
        Err(msg) => {
            library_page(
                &app,
                &staff,
                "",
                &format!("Not uploaded: {msg}"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
