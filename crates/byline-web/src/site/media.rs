//! Uploaded media (hero images, portraits) served from storage.

use axum::extract::{Path, State};

use crate::{AppError, AppState, Rendered};

pub(super) async fn show(
    State(app): State<AppState>,
    Path(name): Path<String>,
) -> Result<Rendered, AppError> {
    let file = app.store.media(&name).await?.ok_or(AppError::NotFound)?;
    let content_type = match file.content_type.as_str() {
        "image/svg+xml" => "image/svg+xml",
        "image/jpeg" => "image/jpeg",
        "image/png" => "image/png",
        "image/webp" => "image/webp",
        "image/gif" => "image/gif",
        "image/avif" => "image/avif",
        _ => "application/octet-stream",
    };
    Ok(
        Rendered::with_type(content_type, file.bytes, vec![format!("media:{name}")])
            .cache_control("public, max-age=86400"),
    )
}
