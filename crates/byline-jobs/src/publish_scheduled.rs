//! `publish_scheduled`: flips a scheduled article to published when its time comes.
//! Idempotent: the store only publishes an article that is still scheduled and due.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::job::{Job, JobContext, Outcome};

/// Publishes a scheduled article at its time.
pub struct PublishScheduled;

/// The article to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledPublication {
    pub slug: String,
}

impl Job for PublishScheduled {
    const KIND: &'static str = "publish_scheduled";
    const MAX_ATTEMPTS: i64 = 10;
    type Payload = ScheduledPublication;

    /// One job per article and time: rescheduling to another time is another job.
    fn idempotency_key(payload: &ScheduledPublication, run_at: DateTime<Utc>) -> Option<String> {
        Some(format!("publish:{}:{}", payload.slug, run_at.timestamp()))
    }

    async fn run(&self, ctx: &JobContext, payload: ScheduledPublication) -> Outcome {
        match ctx
            .store
            .publish_if_scheduled(&payload.slug, Utc::now())
            .await
        {
            Ok(true) => {
                tracing::info!(slug = %payload.slug, "scheduled article published");
                sign_and_narrate(ctx, &payload.slug).await;
                Outcome::Done
            }
            // Rescheduled, unpublished or published by hand meanwhile: nothing to do.
            Ok(false) => Outcome::Done,
            Err(e) => Outcome::Retry(e.to_string()),
        }
    }
}

/// Signs the revision just made public and queues its narration. A failure is logged,
/// not retried here: the publication stands, and the first render of the page signs it
/// (the safety net).
async fn sign_and_narrate(ctx: &JobContext, slug: &str) {
    let article = match ctx.store.article(slug).await {
        Ok(Some(article)) => article,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(%slug, "cannot read the published article to sign it: {e}");
            return;
        }
    };
    let narration = crate::narrate_article::Narration {
        article_id: article.id,
        version: article.version,
        force: false,
    };
    if let Err(e) =
        crate::enqueue::<crate::NarrateArticle>(ctx.store.as_ref(), &narration, Utc::now()).await
    {
        tracing::warn!(%slug, "cannot queue narration: {e}");
    }
    let Some(signer) = &ctx.signer else { return };
    if let Err(e) = signer
        .sign_published(ctx.store.as_ref(), &ctx.base_url, &article)
        .await
    {
        tracing::warn!(%slug, "cannot sign the published revision: {e}");
    }
}
