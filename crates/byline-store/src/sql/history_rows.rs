//! Rows of the corrections and history tables and their domain types.

use byline_domain::{Correction, CorrectionKind, PublishedRevision, RevisionExclusion};

use super::shared::to_time;

/// Columns of [`CorrectionRow`] from `article_corrections c`.
pub(crate) const CORRECTION_COLUMNS: &str =
    "c.id, c.article_id, c.version, c.kind, c.body, c.staff_name, c.created_at";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CorrectionRow {
    pub id: i64,
    pub article_id: i64,
    pub version: i64,
    pub kind: String,
    pub body: String,
    pub staff_name: String,
    pub created_at: i64,
}

impl CorrectionRow {
    pub fn into_correction(self) -> Correction {
        let kind = CorrectionKind::parse(&self.kind).unwrap_or_else(|| {
            tracing::warn!(id = self.id, kind = %self.kind, "unknown correction kind, shown as a correction");
            CorrectionKind::Correction
        });
        Correction {
            id: self.id,
            article_id: self.article_id,
            version: self.version,
            kind,
            text: self.body,
            staff_name: self.staff_name,
            created_at: to_time(self.created_at),
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ListedCorrectionRow {
    #[sqlx(flatten)]
    pub correction: CorrectionRow,
    pub slug: String,
    pub headline: String,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PublishedRevisionRow {
    pub version: i64,
    pub published_at: i64,
    pub update_note: String,
    pub reason: Option<String>,
    pub excluded_by: Option<String>,
    pub excluded_at: Option<i64>,
}

impl PublishedRevisionRow {
    pub fn into_revision(self) -> PublishedRevision {
        let exclusion = match (self.reason, self.excluded_at) {
            (Some(reason), Some(at)) => Some(RevisionExclusion {
                version: self.version,
                reason,
                staff_name: self.excluded_by.unwrap_or_default(),
                created_at: to_time(at),
            }),
            _ => None,
        };
        PublishedRevision {
            version: self.version,
            published_at: to_time(self.published_at),
            update_note: self.update_note,
            exclusion,
        }
    }
}
