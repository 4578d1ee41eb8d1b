//! Section, tag and author pages: paginated lists of published articles.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use byline_store::ArticleQuery;

use crate::chrome::Chrome;
use crate::editions::RequestEdition;
use crate::view::{feed_links, paths, Card, Meta, Pagination};
use crate::{AppError, AppState, Rendered};

#[derive(Template)]
#[template(path = "site/listing.html")]
struct ListingTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    kind: String,
    heading: String,
    intro: String,
    photo: Option<String>,
    feed_base: String,
    cards: Vec<Card>,
    pagination: Pagination,
}

/// What is being listed, resolved from its slug.
struct Subject {
    /// Catalog key of the kicker ("Section", "Topic" …).
    kind: &'static str,
    path: String,
    heading: String,
    intro: String,
    photo: Option<String>,
    feed_base: String,
    section: String,
    query: ArticleQuery,
    dep: String,
    /// The edition whose chrome the page wears (`None`: the default edition).
    edition: Option<String>,
    /// A list every edition has (tag and author pages): under the edition's prefix, of
    /// its articles only, with `hreflang` alternates.
    edition_wide: bool,
}

pub(super) async fn section(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    super::PageNumber(page): super::PageNumber,
) -> Result<Rendered, AppError> {
    let section = app.store.section(&slug).await?.ok_or(AppError::NotFound)?;
    let path = paths::section(&slug);
    render(
        &app,
        page,
        Subject {
            kind: "site-kind-section",
            heading: section.name,
            intro: section.description,
            photo: None,
            feed_base: path.clone(),
            path,
            section: slug.clone(),
            query: ArticleQuery {
                section: Some(slug.clone()),
                ..ArticleQuery::default()
            },
            dep: format!("section:{slug}"),
            edition: Some(section.edition),
            edition_wide: false,
        },
    )
    .await
}

pub(super) async fn tag(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    super::PageNumber(page): super::PageNumber,
    edition: RequestEdition,
) -> Result<Rendered, AppError> {
    let tag = app.store.tag(&slug).await?.ok_or(AppError::NotFound)?;
    render(
        &app,
        page,
        Subject {
            kind: "site-kind-topic",
            path: paths::tag(&slug),
            heading: tag.name,
            intro: String::new(),
            photo: None,
            feed_base: String::new(),
            section: String::new(),
            query: ArticleQuery {
                tag: Some(slug.clone()),
                ..ArticleQuery::default()
            },
            dep: format!("tag:{slug}"),
            edition: edition.0,
            edition_wide: true,
        },
    )
    .await
}

pub(super) async fn author(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    super::PageNumber(page): super::PageNumber,
    edition: RequestEdition,
) -> Result<Rendered, AppError> {
    let author = app.store.author(&slug).await?.ok_or(AppError::NotFound)?;
    render(
        &app,
        page,
        Subject {
            kind: if author.kind == byline_domain::AuthorKind::Desk {
                "site-kind-desk"
            } else {
                "site-kind-author"
            },
            path: paths::author(&slug),
            heading: author.name,
            intro: author.bio,
            photo: author.photo.as_deref().map(paths::media),
            feed_base: String::new(),
            section: String::new(),
            query: ArticleQuery {
                author: Some(slug.clone()),
                ..ArticleQuery::default()
            },
            dep: format!("author:{slug}"),
            edition: edition.0,
            edition_wide: true,
        },
    )
    .await
}

async fn render(app: &AppState, page: i64, mut subject: Subject) -> Result<Rendered, AppError> {
    let per_page = app.config.page_size;
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), subject.edition.as_deref())
        .await?;
    let mut alternates = Vec::new();
    if subject.edition_wide {
        subject.query.languages = Some(chrome.languages());
        alternates = chrome.edition_alternates(app, &subject.path);
        subject.path = chrome.path(&subject.path);
    }
    let total = app.store.count_articles(&subject.query).await?;
    let lang = chrome.lang;
    let pagination = Pagination::new(&subject.path, page, total, per_page, lang);
    if page > pagination.pages {
        return Err(AppError::NotFound);
    }
    let query = ArticleQuery {
        limit: per_page,
        offset: (page - 1) * per_page,
        ..subject.query
    };
    let articles = app.store.list_articles(&query).await?;
    let title = if page > 1 {
        let heading = lang.t_args(
            "site-listing-title-page",
            &[
                ("heading", subject.heading.as_str().into()),
                ("page", page.into()),
            ],
        );
        format!("{heading} | {}", chrome.site.name)
    } else {
        format!("{} | {}", subject.heading, chrome.site.name)
    };
    let canonical = if page > 1 {
        format!("{}?page={page}", subject.path)
    } else {
        subject.path.clone()
    };
    let meta = Meta {
        title,
        description: if subject.intro.is_empty() {
            lang.t_s2(
                "site-listing-description",
                "heading",
                &subject.heading,
                "site",
                &chrome.site.name,
            )
        } else {
            subject.intro.clone()
        },
        canonical: app.absolute(&canonical),
        og_type: "website",
        feeds: if subject.feed_base.is_empty() {
            Vec::new()
        } else if subject.feed_base.starts_with("/sections/") {
            crate::view::feed_links_with_podcast(&subject.feed_base, &subject.heading, lang)
        } else {
            feed_links(&subject.feed_base, &subject.heading, lang)
        },
        section: subject.section,
        alternates,
        ..Meta::default()
    };
    let mut cards = Card::list(&articles, chrome.tz, lang);
    crate::view::add_srcsets(
        app.store.as_ref(),
        cards.iter_mut().filter_map(|c| c.image.as_mut()).collect(),
    )
    .await?;
    let html = ListingTemplate {
        cards,
        chrome,
        meta,
        kind: lang.t(subject.kind),
        heading: subject.heading,
        intro: subject.intro,
        photo: subject.photo,
        feed_base: subject.feed_base,
        pagination,
    }
    .render()?;
    Ok(Rendered::html(html, vec![subject.dep]).language(lang))
}
