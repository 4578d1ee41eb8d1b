//! The demo newsroom bundled in the binary: an invented outlet with sections, bylines,
//! static pages, illustrations and original articles. Publication times are shifted so
//! the newest story is minutes old whenever the demo is loaded.

use anyhow::{anyhow, Context};
use byline_domain::front_matter::parse_article;
use byline_domain::{ArticleDraft, MediaFile, NewAuthor, NewPage, NewSection, SiteSettings};
use byline_store::{EditionedContent, NewNewsletter, Store, StoreError};
use chrono::{Duration, Utc};
use include_dir::{include_dir, Dir};
use serde::Deserialize;

static DEMO: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/demo");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Newsroom {
    site: SiteSettings,
    sections: Vec<NewSection>,
    authors: Vec<NewAuthor>,
    pages: Vec<NewPage>,
    #[serde(default)]
    newsletters: Vec<NewNewsletter>,
}

/// What was loaded, for the log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub sections: usize,
    pub authors: usize,
    pub pages: usize,
    pub images: usize,
    pub articles: usize,
    pub newsletters: usize,
    /// Editions added besides the default one.
    pub editions: usize,
}

/// Loads the demo newsroom. Refuses a database that already has content.
pub async fn load(store: &dyn Store) -> anyhow::Result<DemoSummary> {
    if !store.is_empty().await? {
        return Err(anyhow!(
            "the database already has content; the demo loads only into an empty one"
        ));
    }
    let newsroom: Newsroom =
        toml::from_str(file_text("newsroom.toml")?).context("demo/newsroom.toml")?;
    let mut summary = DemoSummary::default();
    store.save_settings(&newsroom.site).await?;
    for (position, section) in newsroom.sections.iter().enumerate() {
        // Navigation follows the order of newsroom.toml.
        let section = NewSection {
            position: i64::try_from(position).unwrap_or(0),
            ..section.clone()
        };
        store.upsert_section(&section).await?;
        summary.sections += 1;
    }
    if let Some(images) = DEMO.get_dir("images") {
        for file in images.files() {
            let name = file
                .path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let content_type = crate::import::image_type(&name)
                .ok_or_else(|| anyhow!("demo image {name}: unknown type"))?;
            store
                .put_media(&MediaFile {
                    name,
                    content_type: content_type.into(),
                    bytes: file.contents().to_vec(),
                })
                .await?;
            summary.images += 1;
        }
    }
    for author in &newsroom.authors {
        store.upsert_author(author).await?;
        summary.authors += 1;
    }
    for page in &newsroom.pages {
        store.upsert_page(page).await?;
        summary.pages += 1;
    }
    for (position, newsletter) in newsroom.newsletters.iter().enumerate() {
        let newsletter = NewNewsletter {
            position: i64::try_from(position).unwrap_or(0),
            ..newsletter.clone()
        };
        store.upsert_newsletter(&newsletter).await?;
        summary.newsletters += 1;
    }
    let editions: DemoEditions =
        toml::from_str(file_text("editions.toml")?).context("demo/editions.toml")?;
    editions.save_before_articles(store).await?;
    summary.newsletters += editions.newsletters.len();
    summary.articles = save_articles(store, articles()?).await?;
    editions.link_translations(store).await?;
    summary.editions = editions.editions.len();
    Ok(summary)
}

/// `demo/editions.toml`: the demo's other editions, their sections, and which of the
/// bundled articles translate which.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEditions {
    editions: Vec<DemoEdition>,
    sections: Vec<DemoSection>,
    translations: Vec<DemoTranslation>,
    /// Newsletters of these editions (saved once the editions exist).
    #[serde(default)]
    newsletters: Vec<NewNewsletter>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEdition {
    code: String,
    name: String,
    path_prefix: String,
    time_zone: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSection {
    edition: String,
    slug: String,
    name: String,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTranslation {
    article: String,
    source: String,
}

impl DemoEditions {
    async fn save_before_articles(&self, store: &dyn Store) -> anyhow::Result<()> {
        for (position, e) in self.editions.iter().enumerate() {
            store
                .save_edition(&byline_domain::Edition {
                    code: e.code.clone(),
                    name: e.name.clone(),
                    path_prefix: e.path_prefix.clone(),
                    time_zone: e.time_zone.clone(),
                    position: i64::try_from(position + 1).unwrap_or(1),
                    is_default: false,
                })
                .await
                .with_context(|| format!("demo edition {}", e.code))?;
        }
        for (position, s) in self.sections.iter().enumerate() {
            let section = store
                .upsert_section(&NewSection {
                    slug: s.slug.clone(),
                    name: s.name.clone(),
                    description: s.description.clone(),
                    position: i64::try_from(position).unwrap_or(0),
                })
                .await?;
            store
                .set_content_edition(EditionedContent::Section, section.id, &s.edition)
                .await
                .with_context(|| format!("demo section {}", s.slug))?;
        }
        for n in &self.newsletters {
            store
                .upsert_newsletter(n)
                .await
                .with_context(|| format!("demo newsletter {}", n.slug))?;
        }
        Ok(())
    }

    async fn link_translations(&self, store: &dyn Store) -> anyhow::Result<()> {
        for t in &self.translations {
            let id = |slug: &str| {
                let slug = slug.to_owned();
                async move {
                    store
                        .article(&slug)
                        .await?
                        .map(|a| a.id)
                        .ok_or_else(|| anyhow!("demo translation: no article {slug}"))
                }
            };
            let (article, source) = (id(&t.article).await?, id(&t.source).await?);
            store.link_translation(article, source).await?;
        }
        Ok(())
    }
}

fn file_text(path: &str) -> anyhow::Result<&'static str> {
    DEMO.get_file(path)
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| anyhow!("demo file {path} is missing from the build"))
}

/// The bundled articles, with times shifted so the newest is 20 minutes old.
fn articles() -> anyhow::Result<Vec<ArticleDraft>> {
    let dir = DEMO
        .get_dir("articles")
        .ok_or_else(|| anyhow!("demo articles are missing from the build"))?;
    let mut files: Vec<_> = dir.files().collect();
    files.sort_by_key(|f| f.path().to_owned());
    let now = Utc::now();
    let mut drafts = Vec::with_capacity(files.len());
    for file in files {
        let name = file.path().display().to_string();
        let text = file
            .contents_utf8()
            .ok_or_else(|| anyhow!("{name}: not UTF-8"))?;
        drafts.push(parse_article(text, now).map_err(|e| anyhow!("{name}: {e}"))?);
    }
    let newest = drafts
        .iter()
        .filter_map(|d| d.published_at)
        .max()
        .unwrap_or(now);
    let shift = (now - Duration::minutes(20)) - newest;
    for d in &mut drafts {
        d.published_at = d.published_at.map(|t| t + shift);
        d.updated_at = d.updated_at.map(|t| t + shift);
    }
    Ok(drafts)
}

/// Saves drafts whose "Read also" targets exist first, then the rest, until none is left.
/// Articles that link each other (A reads-also B and B reads-also A) are saved the way a
/// desk would: first without the links, then again in full.
async fn save_articles(store: &dyn Store, mut pending: Vec<ArticleDraft>) -> anyhow::Result<usize> {
    let mut saved = 0;
    loop {
        let before = pending.len();
        let mut waiting = Vec::new();
        let mut last_error = String::new();
        for draft in pending {
            match store.save_article(&draft).await {
                Ok(_) => saved += 1,
                Err(StoreError::Invalid(e)) if e.field == "body" => {
                    last_error = format!("{}: {e}", draft.slug);
                    waiting.push(draft);
                }
                Err(e) => return Err(anyhow!("demo article {}: {e}", draft.slug)),
            }
        }
        if waiting.is_empty() {
            return Ok(saved);
        }
        if waiting.len() == before {
            for draft in &waiting {
                let mut unlinked = draft.clone();
                unlinked.body_markdown = without_read_also(&draft.body_markdown);
                store
                    .save_article(&unlinked)
                    .await
                    .map_err(|e| anyhow!("demo article {}: {e}", draft.slug))?;
            }
            for draft in &waiting {
                store
                    .save_article(draft)
                    .await
                    .map_err(|e| anyhow!("demo article {}: {e} ({last_error})", draft.slug))?;
                saved += 1;
            }
            return Ok(saved);
        }
        pending = waiting;
    }
}

fn without_read_also(markdown: &str) -> String {
    markdown
        .lines()
        .filter(|l| !l.trim().starts_with("[[read-also:"))
        .collect::<Vec<_>>()
        .join("\n")
}
