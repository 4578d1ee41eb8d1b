//! Static pages: about, privacy policy, cookie policy, copyright, support us.

use askama::Template;
use axum::extract::{Path, State};

use crate::chrome::Chrome;
use crate::view::{paths, Meta, TimeView};
use crate::{AppError, AppState, Rendered};

/// The page the footer links as "Copyright and reprints".
const COPYRIGHT: &str = "copyright";

#[derive(Template)]
#[template(path = "site/page.html")]
struct PageTemplate {
    chrome: std::sync::Arc<Chrome>,
    meta: Meta,
    title: String,
    body_html: String,
    updated: TimeView,
    /// On the copyright page: the reprint policy, worded from the `excerpt_cap` setting.
    reprint_policy: Option<String>,
}

pub(super) async fn show(
    State(app): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Rendered, AppError> {
    let page = app.store.page(&slug).await?.ok_or(AppError::NotFound)?;
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let body = byline_domain::markdown::render_in(&page.body_markdown, lang);
    let meta = Meta {
        title: format!("{} | {}", page.title, chrome.site.name),
        description: byline_domain::excerpt::excerpt(
            &byline_domain::markdown::plain_text(&page.body_markdown),
            160,
        ),
        canonical: app.absolute(&paths::page(&slug)),
        og_type: "website",
        ..Meta::default()
    };
    let reprint_policy = (slug == COPYRIGHT)
        .then(|| crate::trust::reprint::ReprintPolicy::of(&chrome.site, lang).text);
    let html = PageTemplate {
        reprint_policy,
        updated: TimeView::in_lang(page.updated_at, chrome.tz, lang),
        chrome,
        meta,
        title: page.title,
        body_html: body.html,
    }
    .render()?;
    Ok(Rendered::html(html, vec![format!("page:{slug}")]).language(lang))
}
