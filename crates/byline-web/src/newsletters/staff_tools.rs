//! Newsletter helpers for staff, shared by the desk and the Admin API: checking a list's
//! sender, importing and exporting subscribers as CSV, and a digest of recent articles as
//! a campaign body.

use chrono::{Duration, Utc};

use super::notice::site_lang;
use crate::auth::token::random_token;
use crate::{AppError, AppState};

/// A CSV line refused by an import.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rejected {
    pub line: usize,
    pub value: String,
    pub error: String,
}

/// Checks what the store does not: the sender name is one line and the
/// sender address is valid. Errors name the field.
pub fn check_sender(n: &byline_store::NewNewsletter) -> Result<(), (&'static str, String)> {
    if n.sender_name.contains(['\r', '\n']) || n.name.contains(['\r', '\n']) {
        return Err(("sender_name", "must be a single line".into()));
    }
    if !n.sender_address.trim().is_empty() {
        byline_mail::validate_address(n.sender_address.trim())
            .map_err(|e| ("sender_address", e.to_string()))?;
    }
    Ok(())
}

/// Imports addresses (one per line, or CSV with the address first) as confirmed on `list`.
pub async fn import_csv(
    app: &AppState,
    list: &str,
    csv: &str,
) -> Result<(usize, Vec<Rejected>), AppError> {
    if app.store.newsletter(list).await?.is_none() {
        let lang = site_lang(app).await?;
        return Err(AppError::bad_request(lang.t_s(
            "nl-form-unknown-list",
            "list",
            list,
        )));
    }
    let mut rejected = Vec::new();
    let mut imported = 0;
    for (n, line) in csv.lines().enumerate().take(100_000) {
        let first = line
            .split([',', ';', '\t'])
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if first.is_empty() || first.eq_ignore_ascii_case("email") {
            continue;
        }
        match byline_mail::validate_address(first) {
            Ok(email) => {
                app.store
                    .add_confirmed(
                        &email.to_lowercase(),
                        &[list.to_owned()],
                        &random_token(),
                        Utc::now(),
                    )
                    .await?;
                imported += 1;
            }
            Err(e) => rejected.push(Rejected {
                line: n + 1,
                value: first.to_owned(),
                error: e.to_string(),
            }),
        }
    }
    Ok((imported, rejected))
}

/// Every subscriber as CSV: address, lists with status, bounced, first subscription time.
pub async fn subscribers_csv(app: &AppState) -> Result<String, AppError> {
    let mut csv = String::from("email,lists,bounced,subscribed_at\n");
    let mut offset = 0;
    loop {
        let batch = app.store.subscribers("", 1000, offset).await?;
        if batch.is_empty() {
            return Ok(csv);
        }
        for s in &batch {
            let lists: Vec<String> = s.lists.iter().map(|(l, st)| format!("{l}:{st}")).collect();
            let cells = [
                csv_cell(&s.email),
                csv_cell(&lists.join(" ")),
                s.bounced.to_string(),
                s.created_at.to_rfc3339(),
            ];
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        offset += 1000;
    }
}

/// One quoted CSV cell. A value a spreadsheet would run as a formula (starting with `=`,
/// `+`, `-`, `@`, tab or CR; addresses like `=cmd|'/C calc'!A0@x.example` are valid) gets
/// a leading single quote, as OWASP's CSV injection guidance says; quotes are doubled.
pub fn csv_cell(value: &str) -> String {
    let guard = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        "'"
    } else {
        ""
    };
    format!("\"{guard}{}\"", value.replace('"', "\"\""))
}

/// A digest body: the articles published since the list's last send (or the last day).
pub async fn digest_body(app: &AppState, list: &str) -> Result<String, AppError> {
    let lang = site_lang(app).await?;
    let newsletter = app
        .store
        .newsletter(list)
        .await?
        .ok_or_else(|| AppError::bad_request(lang.t_s("nl-form-unknown-list", "list", list)))?;
    let since = newsletter
        .last_sent_at
        .unwrap_or_else(|| Utc::now() - Duration::days(1));
    let query = byline_store::ArticleQuery {
        published_since: Some(since),
        ..byline_store::ArticleQuery::latest(30)
    };
    let articles = app.store.list_articles(&query).await?;
    if articles.is_empty() {
        return Err(AppError::bad_request(lang.t("nl-digest-empty")));
    }
    let mut body = String::new();
    for a in articles {
        body.push_str(&format!(
            "## [{}]({})\n\n{}\n\n",
            a.headline.replace(['[', ']'], ""),
            app.absolute(&crate::view::paths::article(&a.slug)),
            a.standfirst
        ));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_cannot_become_formulas() {
        assert_eq!(csv_cell("=cmd|' /C calc'!A0"), "\"'=cmd|' /C calc'!A0\"");
        for bad in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_cell(bad).starts_with("\"'"), "{bad:?}");
        }
        assert_eq!(csv_cell("reader@example.org"), "\"reader@example.org\"");
        assert_eq!(csv_cell("a\"b"), "\"a\"\"b\"");
    }
}
