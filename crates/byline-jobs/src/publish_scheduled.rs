//! `publish_scheduled`: flips a scheduled article to published when its time comes.
//! Idempotent: the store only publishes an article that is still scheduled and due.

use byline_store::{NewJob, Store};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::runner::Outcome;

pub const KIND: &str = "publish_scheduled";

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    slug: String,
}

pub fn job(slug: &str, at: DateTime<Utc>) -> NewJob {
    NewJob {
        kind: KIND.into(),
        payload: serde_json::json!({ "slug": slug }),
        idempotency_key: Some(format!("publish:{slug}:{}", at.timestamp())),
        run_at: at,
        max_attempts: 10,
    }
}

pub async fn run(store: &dyn Store, payload: &serde_json::Value) -> Outcome {
    let Ok(p) = serde_json::from_value::<Payload>(payload.clone()) else {
        return Outcome::Fatal("bad payload".into());
    };
    match store.publish_if_scheduled(&p.slug, Utc::now()).await {
        Ok(true) => {
            tracing::info!(slug = %p.slug, "scheduled article published");
            Outcome::Done
        }
        // Rescheduled, unpublished or published by hand meanwhile: nothing to do.
        Ok(false) => Outcome::Done,
        Err(e) => Outcome::Retry(e.to_string()),
    }
}
