//! Media upload: the type is detected from the content, metadata such as GPS is stripped,
//! responsive variants are generated, and the file lands in the library under a name
//! that is never given other bytes.

use byline_domain::staff::Action;
use byline_domain::MediaFile;
use byline_store::{MediaInfo, NewMedia};

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Largest upload, in bytes.
pub const MAX_UPLOAD: usize = 20 * 1024 * 1024;

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

impl Upload {
    /// The checks an upload must pass before processing.
    pub fn validate(&self) -> WorkflowResult<()> {
        if self.bytes.is_empty() {
            return Err(WorkflowError::field(FieldError::new(
                "file",
                "wf-upload-choose",
            )));
        }
        if self.bytes.len() > MAX_UPLOAD {
            return Err(WorkflowError::field(
                FieldError::new("file", "wf-upload-too-large").num("mb", MAX_UPLOAD / 1024 / 1024),
            ));
        }
        if self.alt.trim().is_empty() {
            return Err(WorkflowError::field(FieldError::new(
                "alt",
                "wf-alt-required",
            )));
        }
        Ok(())
    }
}

fn not_processed(detail: impl std::fmt::Display) -> WorkflowError {
    WorkflowError::field(
        FieldError::new("file", "wf-upload-unreadable").text("detail", detail.to_string()),
    )
}

impl Workflows<'_> {
    /// Processes and stores an upload with its variants; returns the original's entry.
    pub async fn upload_media(
        &self,
        actor: Actor<'_>,
        upload: Upload,
    ) -> WorkflowResult<MediaInfo> {
        policy::require(actor, Action::UseDesk)?;
        upload.validate()?;
        // One decode at a time: a decoded photo can take a few hundred megabytes, and
        // uploads are rare enough that a short queue costs nobody anything.
        static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
        let _decode = tokio::time::timeout(std::time::Duration::from_secs(60), DECODES.acquire())
            .await
            .map_err(|_| WorkflowError::field(FieldError::new("file", "wf-upload-busy")))?
            .map_err(|e| WorkflowError::Internal(e.to_string()))?;
        let bytes = upload.bytes;
        let processed = tokio::task::spawn_blocking(move || {
            byline_media::process(&bytes, &byline_media::Limits::default())
        })
        .await
        .map_err(|e| WorkflowError::Internal(format!("image processing: {e}")))?
        .map_err(not_processed)?;
        let stem = byline_domain::Slug::from_title(
            upload
                .file_name
                .rsplit_once('.')
                .map_or(upload.file_name.as_str(), |(s, _)| s),
        )
        .map_or_else(|| "image".to_owned(), |s| s.to_string());
        // A random 12-hex-digit part makes the name unique to this upload: it is never given
        // other bytes, so it is served as immutable (see `site::media::is_upload_name`).
        let id = rand::random::<u64>() & 0xffff_ffff_ffff;
        let base = format!("{stem}.{id:012x}");
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
            self.store.put_media_item(&media).await?;
        }
        self.store.put_media_item(&original).await?;
        let info = self
            .store
            .media_info(&name)
            .await?
            .ok_or_else(|| WorkflowError::Internal(format!("media {name} not stored")))?;
        self.audit(
            actor,
            "media.upload",
            &info.name,
            &format!("{width}x{height}"),
        )
        .await;
        Ok(info)
    }
}

impl Workflows<'_> {
    /// Stores a file under its own name as it is (an imported article's hero image, read
    /// from beside the article file): the import keeps the name the article refers to.
    pub async fn import_media_file(&self, actor: Actor<'_>, file: MediaFile) -> WorkflowResult<()> {
        policy::require(actor, Action::ManageAllArticles)?;
        if file.bytes.len() > MAX_UPLOAD {
            return Err(WorkflowError::field(
                FieldError::new("file", "wf-upload-too-large").num("mb", MAX_UPLOAD / 1024 / 1024),
            ));
        }
        self.store.put_media(&file).await?;
        self.audit(actor, "media.import", &file.name, &file.content_type)
            .await;
        Ok(())
    }
}
