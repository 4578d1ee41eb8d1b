//! Rows of the newsletter queries (`newsletters.rs`).

use super::shared::to_time;

pub(crate) const NEWSLETTER_COLUMNS: &str = "n.id, n.slug, n.name, n.description, n.sender_name, n.sender_address, \
    n.position, n.last_sent_at, n.edition, (SELECT COUNT(*) FROM subscriptions x WHERE x.newsletter_id = n.id AND x.status = 'confirmed') AS subscribers";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NewsletterRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub sender_name: String,
    pub sender_address: String,
    pub position: i64,
    pub last_sent_at: Option<i64>,
    pub edition: String,
    pub subscribers: i64,
}

impl From<NewsletterRow> for crate::Newsletter {
    fn from(r: NewsletterRow) -> Self {
        Self {
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            sender_name: r.sender_name,
            sender_address: r.sender_address,
            position: r.position,
            last_sent_at: r.last_sent_at.map(to_time),
            subscribers: r.subscribers,
            edition: r.edition,
        }
    }
}
