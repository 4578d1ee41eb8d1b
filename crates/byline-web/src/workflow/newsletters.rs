//! Newsletters and campaigns: lists (editors), writing a campaign (the same limits on the
//! desk and in the API: a one-line subject of 1 to 250 characters, a body of at most
//! 512 KB, or an automatic digest), and sending it now or at a time.

use byline_domain::staff::Action;
use byline_i18n::Lang;
use byline_store::{Campaign, NewNewsletter, Newsletter, WriteMode};
use chrono::{DateTime, Duration, Utc};

use super::error::{FieldError, Message, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Longest campaign subject, in characters.
pub const MAX_SUBJECT: usize = 250;
/// Largest campaign body (Markdown), in bytes.
pub const MAX_CAMPAIGN_BODY: usize = 512 * 1024;

/// A campaign as written on the desk or sent to the API.
#[derive(Debug, Clone, Default)]
pub struct CampaignInput {
    pub list: String,
    pub subject: String,
    pub body: String,
    /// With an empty body: list the articles published since the list's last send.
    pub digest: bool,
}

fn invalid(field: &'static str, key: &'static str) -> WorkflowError {
    WorkflowError::field(FieldError::new(field, key))
}

/// Checks what the store does not: names and the sender name are one line, the sender
/// address is valid.
fn check_list(n: &NewNewsletter) -> WorkflowResult<()> {
    if n.name.trim().is_empty() {
        return Err(invalid("name", "wf-required"));
    }
    if n.name.chars().count() > MAX_SUBJECT {
        return Err(WorkflowError::field(
            FieldError::new("name", "wf-too-long").num("max", MAX_SUBJECT),
        ));
    }
    if n.name.contains(['\r', '\n']) {
        return Err(invalid("name", "wf-single-line"));
    }
    if n.sender_name.contains(['\r', '\n']) {
        return Err(invalid("sender_name", "wf-single-line"));
    }
    if !n.sender_address.trim().is_empty() {
        byline_mail::validate_address(n.sender_address.trim()).map_err(|e| {
            WorkflowError::field(
                FieldError::new("sender_address", "wf-email-invalid").text("detail", e.to_string()),
            )
        })?;
    }
    Ok(())
}

fn no_list(slug: &str) -> WorkflowError {
    WorkflowError::field(FieldError::new("list", "wf-no-such-list").text("list", slug))
}

impl Workflows<'_> {
    /// Creates a list (a taken slug is refused, never overwritten) or updates one.
    pub async fn save_newsletter(
        &self,
        actor: Actor<'_>,
        list: NewNewsletter,
        mode: WriteMode,
    ) -> WorkflowResult<Newsletter> {
        policy::require(actor, Action::Curate)?;
        check_list(&list)?;
        let slug = list.slug.trim().to_owned();
        let list = NewNewsletter { slug, ..list };
        let saved = match self.store.save_newsletter(&list, mode).await {
            Err(byline_store::StoreError::Conflict(_)) if mode == WriteMode::Create => {
                return Err(WorkflowError::Conflict(
                    Message::new("wf-slug-taken").text("slug", &list.slug),
                ))
            }
            other => other?,
        };
        self.audit(actor, "newsletter.save", &saved.slug, &saved.name)
            .await;
        Ok(saved)
    }

    /// Writes a campaign (a draft until it is sent).
    pub async fn create_campaign(
        &self,
        actor: Actor<'_>,
        input: CampaignInput,
    ) -> WorkflowResult<Campaign> {
        policy::require(actor, Action::Curate)?;
        let subject = input.subject.trim();
        if subject.is_empty() {
            return Err(invalid("subject", "wf-required"));
        }
        if subject.chars().count() > MAX_SUBJECT {
            return Err(WorkflowError::field(
                FieldError::new("subject", "wf-too-long").num("max", MAX_SUBJECT),
            ));
        }
        if subject.contains(['\r', '\n']) {
            return Err(invalid("subject", "wf-single-line"));
        }
        let list = input.list.trim();
        if self.store.newsletter(list).await?.is_none() {
            return Err(no_list(list));
        }
        let body = if input.digest && input.body.trim().is_empty() {
            self.digest_body(list).await?
        } else {
            input.body.clone()
        };
        if body.trim().is_empty() {
            return Err(invalid("body", "wf-campaign-body-required"));
        }
        if body.len() > MAX_CAMPAIGN_BODY {
            return Err(WorkflowError::field(
                FieldError::new("body", "wf-too-large").num("kb", MAX_CAMPAIGN_BODY / 1024),
            ));
        }
        let campaign = self
            .store
            .create_campaign(list, subject, &body, actor.staff_id())
            .await?;
        self.audit(
            actor,
            "campaign.create",
            &campaign.id.to_string(),
            &format!("{list}: {subject}"),
        )
        .await;
        Ok(campaign)
    }

    /// Sends a draft campaign now, or schedules it for `at` (a time in the future); a
    /// campaign already scheduled, sending or sent is left as it is.
    pub async fn send_campaign(
        &self,
        actor: Actor<'_>,
        id: i64,
        at: Option<DateTime<Utc>>,
    ) -> WorkflowResult<Campaign> {
        policy::require(actor, Action::Curate)?;
        let campaign = self
            .store
            .campaign(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        if campaign.status != "draft" {
            return Ok(campaign);
        }
        let now = Utc::now();
        let detail = match at.filter(|at| *at > now) {
            Some(at) => {
                self.store.schedule_campaign(id).await?;
                self.enqueue::<byline_jobs::send_campaign::SendCampaign>(
                    &byline_jobs::send_campaign::CampaignRun { campaign_id: id },
                    at,
                )
                .await?;
                format!("{} at {}", campaign.newsletter, at.to_rfc3339())
            }
            None => {
                let n = self.store.start_campaign(id, now).await?;
                self.enqueue::<byline_jobs::send_campaign::SendCampaign>(
                    &byline_jobs::send_campaign::CampaignRun { campaign_id: id },
                    now,
                )
                .await?;
                format!("{} to {n}", campaign.newsletter)
            }
        };
        let action = if at.is_some_and(|at| at > now) {
            "campaign.schedule"
        } else {
            "campaign.send"
        };
        self.audit(actor, action, &id.to_string(), &detail).await;
        self.store
            .campaign(id)
            .await?
            .ok_or(WorkflowError::NotFound)
    }

    /// A digest body: the articles of the list's edition published since its last send (or
    /// the last day), in the edition's language, each a teaser within the reprint policy: the headline linked, the extract cut to the
    /// outlet's cap and a "read the full article" link back.
    pub async fn digest_body(&self, list: &str) -> WorkflowResult<String> {
        let newsletter = self
            .store
            .newsletter(list)
            .await?
            .ok_or_else(|| no_list(list))?;
        let since = newsletter
            .last_sent_at
            .unwrap_or_else(|| Utc::now() - Duration::days(1));
        // The list's edition: its articles, in its language.
        let site = self.store.settings().await?;
        let site_lang = site.lang().unwrap_or(Lang::En);
        let editions = self.store.editions().await?;
        let edition = crate::editions::edition_of(&editions, &newsletter.edition);
        let (languages, lang) = match edition {
            Some(e) => (
                Some(crate::editions::language_filter(
                    &editions,
                    e,
                    site_lang.code(),
                )),
                if e.is_default { site_lang } else { e.lang() },
            ),
            None => (None, site_lang),
        };
        let query = byline_store::ArticleQuery {
            published_since: Some(since),
            languages,
            ..byline_store::ArticleQuery::latest(30)
        };
        let articles = self.store.list_articles(&query).await?;
        if articles.is_empty() {
            return Err(invalid("body", "wf-digest-empty"));
        }
        let policy = crate::trust::reprint::ReprintPolicy::of(&site, lang);
        let read_more = lang.t("reprint-read-more");
        let mut body = String::new();
        for a in articles {
            let url = self.absolute(&crate::view::paths::article(&a.slug));
            body.push_str(&format!(
                "## [{}]({url})\n\n",
                a.headline.replace(['[', ']'], ""),
            ));
            let excerpt = policy.excerpt(&a.standfirst);
            if !excerpt.is_empty() {
                body.push_str(&format!("{excerpt}\n\n"));
            }
            body.push_str(&format!("[{read_more}]({url})\n\n"));
        }
        Ok(body)
    }
}
