//! `byline article add`: Markdown files with TOML front matter, through the article
//! import workflow (validated, audited, scheduled articles get their publication job).

use std::path::Path;

use anyhow::{anyhow, Context};
use byline_domain::front_matter::parse_article;
use byline_domain::{Article, MediaFile};
use byline_i18n::Lang;
use byline_store::Store;
use byline_web::workflow::{Actor, WorkflowError};

/// Content type of an image file from its extension.
pub fn image_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        _ => return None,
    })
}

/// Imports one article file. A hero image that is not in the media library yet is read
/// from beside the file. Errors name the file and the field.
pub async fn add_article_file(store: &dyn Store, path: &Path) -> anyhow::Result<Article> {
    let source = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read file", path.display()))?;
    let draft = parse_article(&source, chrono::Utc::now())
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    if let Some(hero) = &draft.hero {
        if store.media(&hero.src).await?.is_none() {
            let local = path.parent().unwrap_or(Path::new(".")).join(&hero.src);
            if local.is_file() {
                let content_type = image_type(&hero.src).ok_or_else(|| {
                    anyhow!(
                        "{}: field `hero_image`: unsupported image type",
                        path.display()
                    )
                })?;
                let name = local
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let bytes = std::fs::read(&local)
                    .with_context(|| format!("cannot read {}", local.display()))?;
                crate::staff_cli::workflows(store, "")
                    .import_media_file(
                        Actor::Operator,
                        MediaFile {
                            name,
                            content_type: content_type.into(),
                            bytes,
                        },
                    )
                    .await?;
            }
        }
    }
    let flows = crate::staff_cli::workflows(store, "");
    flows
        .import_article(Actor::Operator, &draft)
        .await
        .map_err(|e| match e {
            WorkflowError::Invalid(fields) => {
                let problems: Vec<String> = fields
                    .iter()
                    .map(|f| format!("field `{}`: {}", f.field, f.render(Lang::En)))
                    .collect();
                anyhow!("{}: {}", path.display(), problems.join("; "))
            }
            other => anyhow!(other),
        })
}
