//! Signed articles on the site: the published key list (`/.well-known/byline-keys.json`),
//! each article's signature with its canonical text (`/articles/{slug}/signature.json`),
//! and the signature the article page embeds. A published article rendered without a
//! signature for its current version is signed then (the safety net; the first signature
//! of a revision stands). Format: the README (*Signed articles*).

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;
use byline_domain::{Article, ArticleStatus};
use byline_store::signing::KEYS_TAG;
use byline_store::ArticleSignature;
use byline_trust::keys::KEYS_PATH;

use crate::cache::key::CachedRoute;
use crate::{AppError, AppState, Rendered};

/// The `type` of the page's signature element and of the `<link rel="alternate">`.
pub const SIGNATURE_TYPE: &str = byline_trust::page::SIGNATURE_TYPE;

pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: KEYS_PATH,
        params: &[],
    },
    CachedRoute {
        pattern: "/articles/{slug}/signature.json",
        params: &[],
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(KEYS_PATH, get(keys))
        .route("/articles/{slug}/signature.json", get(signature))
}

/// The outlet's public keys with their validity periods, oldest first.
async fn keys(State(app): State<AppState>) -> Result<Rendered, AppError> {
    let list = byline_jobs::signing::key_list(app.store.as_ref())
        .await
        .map_err(internal)?;
    let body = serde_json::to_vec_pretty(&list).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Rendered::with_type(
        "application/json",
        body,
        vec![KEYS_TAG.to_owned()],
    ))
}

/// `{"signed": manifest + proof, "canonical_text": …}` of the article's current revision.
async fn signature(
    State(app): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Rendered, AppError> {
    let article = app.store.article(&slug).await?.ok_or(AppError::NotFound)?;
    if article.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    match article.status {
        ArticleStatus::Published => {}
        ArticleStatus::Unpublished => return Err(AppError::Gone),
        ArticleStatus::Draft | ArticleStatus::Scheduled => return Err(AppError::NotFound),
    }
    let stored = signature_of(&app, &article)
        .await?
        .ok_or(AppError::NotFound)?;
    let document = serde_json::json!({
        "signed": secured(&stored)?,
        "canonical_text": stored.canonical_text,
    });
    let body =
        serde_json::to_vec_pretty(&document).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Rendered::with_type(
        "application/json",
        body,
        vec![format!("article:{}", article.slug)],
    ))
}

/// The stored signature of the article's current revision, signing it now if it has
/// none (and this node holds the current key).
pub(crate) async fn signature_of(
    app: &AppState,
    article: &Article,
) -> Result<Option<ArticleSignature>, AppError> {
    if let Some(stored) = app
        .store
        .article_signature(article.id, article.version)
        .await?
    {
        return Ok(Some(stored));
    }
    let Some(signer) = &app.signer else {
        return Ok(None);
    };
    match signer
        .sign_published(app.store.as_ref(), &app.config.base_url, article)
        .await
    {
        Ok(signed) => Ok(signed),
        Err(byline_jobs::SigningError::Store(e)) => Err(e.into()),
        Err(e) => {
            // A page is served unsigned rather than not at all.
            tracing::error!(slug = %article.slug, "cannot sign the revision: {e}");
            Ok(None)
        }
    }
}

/// The manifest with its proof, as one JSON object.
fn secured(stored: &ArticleSignature) -> Result<serde_json::Value, AppError> {
    let mut manifest: serde_json::Value =
        serde_json::from_str(&stored.manifest).map_err(|e| AppError::Internal(e.to_string()))?;
    let proof: serde_json::Value =
        serde_json::from_str(&stored.proof).map_err(|e| AppError::Internal(e.to_string()))?;
    if let Some(object) = manifest.as_object_mut() {
        object.insert("proof".into(), proof);
    }
    Ok(manifest)
}

/// What the article page embeds: the signature JSON (safe inside `<script>`) and the
/// signature document's path, or nothing for a page without one (previews, no key).
pub(crate) struct PageSignature {
    pub json: String,
    pub href: String,
}

/// The embed for a published article's page.
pub(crate) async fn for_page(
    app: &AppState,
    article: &Article,
) -> Result<Option<PageSignature>, AppError> {
    let Some(stored) = signature_of(app, article).await? else {
        return Ok(None);
    };
    Ok(Some(PageSignature {
        json: crate::view::script_safe(&secured(&stored)?),
        href: format!("/articles/{}/signature.json", article.slug),
    }))
}

fn internal(e: byline_jobs::SigningError) -> AppError {
    match e {
        byline_jobs::SigningError::Store(e) => e.into(),
        other => AppError::Internal(other.to_string()),
    }
}
