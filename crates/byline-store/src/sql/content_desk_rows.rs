//! Rows of the desk-side content queries (`content_desk.rs`): media library entries and
//! revisions.

pub(crate) const MEDIA_INFO_COLUMNS: &str =
    "name, content_type, CAST(LENGTH(bytes) AS BIGINT) AS size, alt, caption, credit, width, height, variant_of";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RevisionRow {
    pub version: i64,
    pub snapshot: String,
    pub author_name: String,
    pub created_at: i64,
}
