//! Rows of the campaign queries (`campaigns.rs`).

use super::shared::to_time;

pub(crate) const CAMPAIGN_FROM: &str = "c.id, n.slug AS newsletter, c.subject, c.body_markdown, c.status, c.created_at, c.started_at, \
    c.finished_at FROM campaigns c JOIN newsletters n ON n.id = c.newsletter_id";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CampaignRow {
    pub id: i64,
    pub newsletter: String,
    pub subject: String,
    pub body_markdown: String,
    pub status: String,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
}

impl From<CampaignRow> for crate::Campaign {
    fn from(r: CampaignRow) -> Self {
        Self {
            id: r.id,
            newsletter: r.newsletter,
            subject: r.subject,
            body_markdown: r.body_markdown,
            status: r.status,
            created_at: to_time(r.created_at),
            started_at: r.started_at.map(to_time),
            finished_at: r.finished_at.map(to_time),
        }
    }
}
