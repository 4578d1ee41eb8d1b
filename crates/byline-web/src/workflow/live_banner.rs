//! The site-wide banner workflow: editors and admins set (text, link, style, start and
//! end) or clear it. Every cached page shows it through the `site` tag the store records;
//! the `banner_edge` job touches that tag again at the start (if later than now) and at the
//! end, so cached pages show and drop it on time. Audited as `banner.set` / `banner.clear`.

use byline_domain::{Banner, NewBanner};
use byline_jobs::banner_edge::{BannerEdge, BannerEdgeAt};
use chrono::Utc;

use super::error::WorkflowResult;
use super::live_input::checked_banner;
use super::{policy, Actor, Workflows};

impl Workflows<'_> {
    /// Sets the banner (`Some`, a new banner with a new id, so readers who dismissed the
    /// old one see it) or clears it (`None`).
    pub async fn set_banner(
        &self,
        actor: Actor<'_>,
        banner: Option<NewBanner>,
    ) -> WorkflowResult<Option<Banner>> {
        policy::check_banner(actor)?;
        let now = Utc::now();
        let banner = banner.map(|b| checked_banner(b, now)).transpose()?;
        let saved = self.store.set_banner(banner.as_ref(), now).await?;
        match &saved {
            Some(set) => {
                for at in [Some(set.starts_at).filter(|t| *t > now), set.ends_at]
                    .into_iter()
                    .flatten()
                {
                    let edge = BannerEdgeAt {
                        banner_id: set.id,
                        at,
                    };
                    self.enqueue::<BannerEdge>(&edge, at).await?;
                }
                let detail = format!("{} {:?}", set.style.as_str(), set.text);
                self.audit(actor, "banner.set", "banner", &detail).await;
            }
            None => self.audit(actor, "banner.clear", "banner", "").await,
        }
        Ok(saved)
    }

    /// The banner as set now (shown or not yet / no longer shown), for the desk and the API.
    pub async fn banner(&self, actor: Actor<'_>) -> WorkflowResult<Option<Banner>> {
        policy::require(actor, byline_domain::staff::Action::UseDesk)?;
        Ok(self.store.banner().await?)
    }
}
