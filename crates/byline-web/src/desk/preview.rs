//! Preview without saving: the full public page as it would look, or (for the live
//! preview beside the editor) the rendered body alone.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;
use byline_domain::{Article, ArticleDraft, ArticleStatus, ArticleSummary, Slug, Tag};

use super::article_form::ArticleFields;
use crate::auth::csrf::CsrfForm;
use crate::workflow::policy;
use crate::{AppError, AppState};

/// An unsaved draft as a full article, for previews.
async fn preview_article(
    app: &AppState,
    draft: &ArticleDraft,
    lang: byline_i18n::Lang,
) -> Result<Article, AppError> {
    let section = app.store.section(&draft.section).await?.ok_or_else(|| {
        AppError::bad_request(lang.t_s("wf-section-unknown", "value", &draft.section))
    })?;
    let mut authors = Vec::new();
    for slug in &draft.authors {
        authors.push(
            app.store.author(slug).await?.ok_or_else(|| {
                AppError::bad_request(lang.t_s("wf-author-unknown", "value", slug))
            })?,
        );
    }
    // Tags are romanised by the outlet's language, as the store does when saving.
    let language = app
        .chrome
        .get(app.store.as_ref())
        .await?
        .site
        .language
        .clone();
    let tags = draft
        .tags
        .iter()
        .filter_map(|t| {
            Slug::from_title_in(t, &language).map(|s| Tag {
                slug: s.to_string(),
                name: t.clone(),
            })
        })
        .collect();
    let now = chrono::Utc::now();
    Ok(Article {
        summary: ArticleSummary {
            id: 0,
            slug: draft.slug.to_string(),
            headline: draft.headline.clone(),
            standfirst: draft.standfirst.clone(),
            section,
            authors,
            tags,
            status: draft.status,
            published_at: draft.published_at.or(Some(now)),
            updated_at: now,
            dateline: draft.dateline.clone(),
            language: draft.language.clone(),
            hero: draft.hero.clone(),
            editors_pick: draft.editors_pick,
            reading_minutes: byline_domain::reading_time::reading_minutes(
                &byline_domain::markdown::plain_text(&draft.body_markdown),
            ),
            version: 0,
            deleted_at: None,
            update_note: None,
            owner_id: None,
            home_position: None,
        },
        body_markdown: draft.body_markdown.clone(),
    })
}

/// Preview without saving: the full public page, or (for the live preview) the body.
pub(super) async fn preview(
    State(app): State<AppState>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    form.staff.require(Action::UseDesk)?;
    let staff = form.staff;
    let f = form.form;
    if f.fragment == "1" {
        // The body as readers will see it: in the site's language.
        let site_lang = app.chrome.get(app.store.as_ref()).await?.lang;
        let body = byline_domain::markdown::render_in(&f.body.replace("\r\n", "\n"), site_lang);
        let targets = byline_domain::markdown::read_also_targets(&f.body);
        let headlines: HashMap<String, String> =
            app.store.headlines(&targets).await?.into_iter().collect();
        let html = byline_domain::markdown::fill_read_also_in(
            &body.html,
            &headlines,
            crate::view::paths::article,
            site_lang,
        );
        return Ok(Html(html).into_response());
    }
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let existing = match Slug::parse(f.slug.trim()) {
        Ok(slug) => app
            .store
            .article(slug.as_str())
            .await?
            .filter(|a| policy::may_view(&staff.staff, a)),
        Err(_) => None,
    };
    let draft = f
        .to_draft(ArticleStatus::Draft, existing.as_ref(), tz)
        .map_err(|e| AppError::bad_request(e.render(staff.lang())))?;
    let article = preview_article(&app, &draft, staff.lang()).await?;
    let (html, _) = crate::site::article::render(&app, &article, true).await?;
    Ok(Html(html).into_response())
}
