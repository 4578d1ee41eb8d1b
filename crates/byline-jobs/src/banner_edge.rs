//! `banner_edge`: at a banner's start (when set for later) and at its end, records a
//! change of the `site` and `banner` tags, so every cached page drops or shows the banner
//! on time rather than when it is next edited. Idempotent: a change with no write only
//! makes pages render again.

use byline_store::live::BANNER;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::job::{Job, JobContext, Outcome};

/// Touches the banner's pages at one of its edges.
pub struct BannerEdge;

/// Which banner and which edge (its start or end time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BannerEdgeAt {
    pub banner_id: i64,
    pub at: DateTime<Utc>,
}

impl Job for BannerEdge {
    const KIND: &'static str = "banner_edge";
    const MAX_ATTEMPTS: i64 = 10;
    type Payload = BannerEdgeAt;

    fn idempotency_key(edge: &BannerEdgeAt, _run_at: DateTime<Utc>) -> Option<String> {
        Some(format!(
            "banner-edge:{}:{}",
            edge.banner_id,
            edge.at.timestamp()
        ))
    }

    async fn run(&self, ctx: &JobContext, edge: BannerEdgeAt) -> Outcome {
        // `site`: the tag of every page that shows the site chrome (the banner is part of it).
        let tags = ["site".to_owned(), BANNER.to_owned()];
        match ctx.store.touch(&tags).await {
            Ok(_) => {
                tracing::debug!(banner = edge.banner_id, at = %edge.at, "banner edge: pages refreshed");
                Outcome::Done
            }
            Err(e) => Outcome::Retry(e.to_string()),
        }
    }
}
