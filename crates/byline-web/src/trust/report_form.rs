//! The report form's fields: reading them from a form body, their limits, and what the
//! `article` field may name (an article URL of this site, absolute or a path, its id or
//! its slug).

use byline_domain::reports::{MAX_COMMENT, MAX_EMAIL, MAX_QUOTE};
use byline_domain::{Article, ArticleStatus};
use byline_i18n::Lang;

use crate::{AppError, AppState};

/// The fields as sent (trimmed), kept to show the form again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ReportForm {
    pub article: String,
    /// The article version the page showed (optional; the current one otherwise).
    pub revision: String,
    pub quote: String,
    pub comment: String,
    pub email: String,
    /// The hidden honeypot field: people leave it empty, bots fill it.
    pub honeypot: bool,
}

/// One problem, next to its field (`article`, `quote`, `comment`, `email`; `form` for
/// the report as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub field: &'static str,
    pub message: String,
}

impl ReportForm {
    /// Reads an urlencoded body; None when it is not one.
    pub fn parse(body: &[u8]) -> Option<Self> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
        let field = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.replace("\r\n", "\n").trim().to_owned())
                .unwrap_or_default()
        };
        Some(Self {
            article: field("article"),
            revision: field("revision"),
            quote: field("quote"),
            comment: field("comment"),
            email: field("email"),
            honeypot: !field("website").is_empty(),
        })
    }

    /// Problems with the text fields (not the article), in `lang`.
    pub fn problems(&self, lang: Lang) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut too_long = |field: &'static str, value: &str, max: usize| {
            if value.chars().count() > max {
                out.push(Problem {
                    field,
                    message: lang.t_n("report-too-long", max),
                });
            }
        };
        too_long("quote", &self.quote, MAX_QUOTE);
        too_long("comment", &self.comment, MAX_COMMENT);
        too_long("email", &self.email, MAX_EMAIL);
        if self.quote.is_empty() && self.comment.is_empty() {
            out.push(Problem {
                field: "comment",
                message: lang.t("report-empty"),
            });
        }
        if !self.email.is_empty()
            && self.email.chars().count() <= MAX_EMAIL
            && byline_mail::validate_address(&self.email).is_err()
        {
            out.push(Problem {
                field: "email",
                message: lang.t("report-email-invalid"),
            });
        }
        out
    }

    /// The version the report refers to: the one the page named if it is one the
    /// article had, else the current one.
    pub fn version_of(&self, article: &Article) -> i64 {
        self.revision
            .parse::<i64>()
            .ok()
            .filter(|v| (1..=article.version).contains(v))
            .unwrap_or(article.version)
    }
}

/// Why the `article` field names no reportable article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadArticle {
    /// Empty, or not a URL, path, id or slug at all (422).
    Unreadable,
    /// A URL of another site (422).
    Foreign,
    /// No published article by that name (404).
    Unknown,
}

impl BadArticle {
    pub fn message(self, lang: Lang) -> String {
        lang.t(match self {
            Self::Unreadable => "report-article-unreadable",
            Self::Foreign => "report-article-foreign",
            Self::Unknown => "report-article-unknown",
        })
    }
}

/// The authority (`host[:port]`, lowercased) of an `http(s)://` URL.
fn authority(url: &str) -> Option<(String, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some((rest[..end].to_ascii_lowercase(), &rest[end..]))
}

/// The slug or id an `article` value names, if it is readable: `https://this.site/articles/x`,
/// `/articles/x`, `x`, `42`. `host` is the request's own `Host` (also this site).
pub(crate) fn article_key(
    app: &AppState,
    host: Option<&str>,
    raw: &str,
) -> Result<String, BadArticle> {
    let raw = raw.trim();
    let path = if raw.contains("://") {
        let (authority, path) = authority(raw).ok_or(BadArticle::Unreadable)?;
        let ours = authority_of_base(&app.config.base_url);
        let same = ours.as_deref() == Some(authority.as_str())
            || host.is_some_and(|h| h.eq_ignore_ascii_case(&authority));
        if !same {
            return Err(BadArticle::Foreign);
        }
        path
    } else {
        raw
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let key = match path.strip_prefix("/articles/") {
        Some(rest) => rest.trim_end_matches('/'),
        None if path.starts_with('/') => return Err(BadArticle::Unreadable),
        None => path,
    };
    let readable = !key.is_empty()
        && key.len() <= 200
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '%');
    if !readable {
        return Err(BadArticle::Unreadable);
    }
    Ok(percent_encoding::percent_decode_str(key)
        .decode_utf8()
        .map_err(|_| BadArticle::Unreadable)?
        .into_owned())
}

fn authority_of_base(base: &str) -> Option<String> {
    authority(base).map(|(a, _)| a)
}

/// The published article `raw` names.
pub(crate) async fn resolve(
    app: &AppState,
    host: Option<&str>,
    raw: &str,
) -> Result<Result<Article, BadArticle>, AppError> {
    let key = match article_key(app, host, raw) {
        Ok(k) => k,
        Err(bad) => return Ok(Err(bad)),
    };
    let found = match key.parse::<i64>() {
        Ok(id) if !key.starts_with('0') => match app.store.article_by_id(id).await? {
            Some(a) => Some(a),
            None => app.store.article(&key).await?,
        },
        _ => app.store.article(&key).await?,
    };
    Ok(found
        .filter(|a| a.status == ArticleStatus::Published && a.deleted_at.is_none())
        .ok_or(BadArticle::Unknown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_trimmed_and_limited() {
        let form = ReportForm::parse(b"article=x&quote=+a+&comment=&email=nope&website=")
            .unwrap_or_default();
        assert_eq!(form.quote, "a");
        assert!(!form.honeypot);
        let problems = form.problems(Lang::En);
        assert_eq!(
            problems.iter().map(|p| p.field).collect::<Vec<_>>(),
            vec!["email"]
        );
        let empty = ReportForm::default().problems(Lang::En);
        assert_eq!(
            empty.iter().map(|p| p.field).collect::<Vec<_>>(),
            vec!["comment"]
        );
        let long = ReportForm {
            quote: "я".repeat(MAX_QUOTE + 1),
            comment: "c".repeat(MAX_COMMENT),
            ..ReportForm::default()
        };
        assert_eq!(
            long.problems(Lang::Uk)
                .iter()
                .map(|p| p.field)
                .collect::<Vec<_>>(),
            vec!["quote"]
        );
    }
}
