//! Article files: TOML front matter between `+++` lines, then the Markdown body.
//! Used by `byline article add` and by the bundled demo newsroom.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::article::{ArticleDraft, ArticleStatus, FieldError, HeroImage};
use crate::Slug;

/// Why an article file was refused; always names the field (or the line) at fault.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FrontMatterError {
    #[error(
        "the file must start with a `+++` line, then TOML front matter, then a closing `+++` line"
    )]
    MissingDelimiters,
    #[error("front matter: {0}")]
    Toml(String),
    #[error("field `{}`: {}", .0.field, .0.message)]
    Field(#[from] FieldError),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: Option<String>,
    headline: String,
    #[serde(default)]
    standfirst: String,
    section: String,
    #[serde(default)]
    tags: Vec<String>,
    authors: Vec<String>,
    #[serde(default)]
    dateline: String,
    #[serde(default)]
    status: Option<String>,
    published_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    editors_pick: bool,
    #[serde(default)]
    hero_image: String,
    #[serde(default)]
    hero_alt: String,
    #[serde(default)]
    hero_caption: String,
    #[serde(default)]
    hero_credit: String,
}

fn default_language() -> String {
    "en".into()
}

/// Splits and parses an article file. `now` is used when a published article gives no time.
pub fn parse_article(source: &str, now: DateTime<Utc>) -> Result<ArticleDraft, FrontMatterError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let rest = source
        .strip_prefix("+++\n")
        .or_else(|| source.strip_prefix("+++\r\n"))
        .ok_or(FrontMatterError::MissingDelimiters)?;
    let end = rest
        .find("\n+++\n")
        .or_else(|| rest.find("\n+++\r\n"))
        .or_else(|| rest.strip_suffix("\n+++").map(str::len))
        .ok_or(FrontMatterError::MissingDelimiters)?;
    let toml_src = &rest[..end];
    let body = rest[end + 1..]
        .trim_start_matches("+++")
        .trim_start_matches(['\r', '\n']);
    let fm: FrontMatter =
        toml::from_str(toml_src).map_err(|e| FrontMatterError::Toml(one_line(&e, toml_src)))?;

    let slug = match &fm.slug {
        Some(s) => Slug::parse(s).map_err(|e| FieldError::new("slug", e.to_string()))?,
        None => Slug::from_title_in(&fm.headline, &fm.language)
            .ok_or_else(|| FieldError::new("slug", "cannot derive a slug from the headline"))?,
    };
    let status = match fm.status.as_deref() {
        None => ArticleStatus::Published,
        Some(s) => ArticleStatus::parse(s).ok_or_else(|| {
            FieldError::new(
                "status",
                format!("`{s}` is not one of draft, scheduled, published, unpublished"),
            )
        })?,
    };
    let published_at = match (status, fm.published_at) {
        (ArticleStatus::Published, None) => Some(now),
        (ArticleStatus::Scheduled, None) => {
            return Err(FieldError::new(
                "published_at",
                "a scheduled article needs a publication time",
            )
            .into())
        }
        (_, t) => t,
    };
    let hero = if fm.hero_image.trim().is_empty() {
        None
    } else {
        Some(HeroImage {
            src: fm.hero_image.trim().to_owned(),
            alt: fm.hero_alt,
            caption: fm.hero_caption,
            credit: fm.hero_credit,
        })
    };
    let draft = ArticleDraft {
        slug,
        headline: fm.headline.trim().to_owned(),
        standfirst: fm.standfirst.trim().to_owned(),
        body_markdown: body.to_owned(),
        section: fm.section,
        tags: fm.tags,
        authors: fm.authors,
        status,
        published_at,
        updated_at: fm.updated_at,
        dateline: fm.dateline,
        language: fm.language,
        hero,
        editors_pick: fm.editors_pick,
    };
    draft.validate()?;
    Ok(draft)
}

/// One readable line: the message plus the front-matter line (and so the field) at fault.
fn one_line(e: &toml::de::Error, src: &str) -> String {
    let msg = e.message().trim();
    match e.span() {
        Some(span) => {
            let line_no = src[..span.start.min(src.len())].matches('\n').count() + 1;
            let line = src.lines().nth(line_no - 1).unwrap_or("").trim();
            // Front matter starts on line 2 of the file, after the opening `+++`.
            format!("line {}: `{line}`: {msg}", line_no + 1)
        }
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    const GOOD: &str = "+++\nheadline = \"Port reopens\"\nsection = \"news\"\nauthors = [\"news-desk\"]\ntags = [\"Trade\"]\n+++\nBody **text**.\n";

    #[test]
    fn parses_a_minimal_file() {
        let d = parse_article(GOOD, now()).expect("valid file");
        assert_eq!(d.slug.as_str(), "port-reopens");
        assert_eq!(d.status, ArticleStatus::Published);
        assert_eq!(d.published_at, Some(now()));
        assert_eq!(d.body_markdown, "Body **text**.\n");
        assert_eq!(d.language, "en");
    }

    #[test]
    fn names_the_unknown_or_wrong_field() {
        let unknown = GOOD.replace("tags", "tagz");
        let err = parse_article(&unknown, now()).unwrap_err().to_string();
        assert!(err.contains("tagz"), "{err}");
        let wrong_type = GOOD.replace("[\"Trade\"]", "5");
        let err = parse_article(&wrong_type, now()).unwrap_err().to_string();
        assert!(err.contains("tags"), "{err}");
        let bad_status = GOOD.replace("section", "status = \"live\"\nsection");
        let err = parse_article(&bad_status, now()).unwrap_err().to_string();
        assert!(err.starts_with("field `status"), "{err}");
        let bad_time = GOOD.replace("section", "published_at = \"yesterday\"\nsection");
        let err = parse_article(&bad_time, now()).unwrap_err().to_string();
        assert!(
            err.contains("published_at") || err.contains("datetime"),
            "{err}"
        );
    }

    #[test]
    fn requires_delimiters_and_alt_text() {
        assert_eq!(
            parse_article("headline = 1", now()),
            Err(FrontMatterError::MissingDelimiters)
        );
        let no_alt = GOOD.replace("section", "hero_image = \"a.svg\"\nsection");
        let err = parse_article(&no_alt, now()).unwrap_err().to_string();
        assert!(err.contains("hero_alt"), "{err}");
    }
}
