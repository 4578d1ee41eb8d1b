//! Subscribers, for editors: import (addresses whose consent exists already, added as
//! confirmed, with a per-line report), export as CSV, and removal.

use byline_domain::staff::Action;
use chrono::Utc;
use serde::Serialize;

use super::error::{FieldError, Message, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Most lines one import reads.
pub const MAX_IMPORT_LINES: usize = 100_000;

/// A line an import did not take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub line: usize,
    pub value: String,
    /// Why (the address checker's words).
    pub error: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub rejected: Vec<Rejected>,
}

impl Rejected {
    /// "Line 3: “x” rejected: …" as a catalog message.
    pub fn message(&self) -> Message {
        Message::new("wf-import-rejected-line")
            .num("line", self.line)
            .text("value", &self.value)
            .text("detail", &self.error)
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

impl Workflows<'_> {
    /// Imports addresses (one per line, or CSV with the address first) as confirmed on `list`.
    pub async fn import_subscribers(
        &self,
        actor: Actor<'_>,
        list: &str,
        csv: &str,
    ) -> WorkflowResult<ImportReport> {
        policy::require(actor, Action::Curate)?;
        let list = list.trim();
        if self.store.newsletter(list).await?.is_none() {
            return Err(WorkflowError::field(
                FieldError::new("list", "wf-no-such-list").text("list", list),
            ));
        }
        let mut report = ImportReport::default();
        for (n, line) in csv.lines().enumerate().take(MAX_IMPORT_LINES) {
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
                    self.store
                        .add_confirmed(
                            &email.to_lowercase(),
                            &[list.to_owned()],
                            &crate::auth::token::random_token(),
                            Utc::now(),
                        )
                        .await?;
                    report.imported += 1;
                }
                Err(e) => report.rejected.push(Rejected {
                    line: n + 1,
                    value: first.to_owned(),
                    error: e.to_string(),
                }),
            }
        }
        self.audit(
            actor,
            "subscriber.import",
            list,
            &format!(
                "{} imported, {} rejected",
                report.imported,
                report.rejected.len()
            ),
        )
        .await;
        Ok(report)
    }

    /// Every subscriber as CSV: email, lists with their state, bounced, subscribed at.
    pub async fn export_subscribers(&self, actor: Actor<'_>) -> WorkflowResult<String> {
        policy::require(actor, Action::Curate)?;
        let mut csv = String::from("email,lists,bounced,subscribed_at\n");
        let mut offset = 0;
        let mut rows = 0;
        loop {
            let batch = self.store.subscribers("", 1000, offset).await?;
            if batch.is_empty() {
                break;
            }
            for s in &batch {
                let lists: Vec<String> =
                    s.lists.iter().map(|(l, st)| format!("{l}:{st}")).collect();
                let cells = [
                    csv_cell(&s.email),
                    csv_cell(&lists.join(" ")),
                    s.bounced.to_string(),
                    s.created_at.to_rfc3339(),
                ];
                csv.push_str(&cells.join(","));
                csv.push('\n');
                rows += 1;
            }
            offset += 1000;
        }
        self.audit(actor, "subscriber.export", "", &format!("{rows} rows"))
            .await;
        Ok(csv)
    }

    /// Removes a subscriber and their subscriptions; unknown addresses are not found.
    pub async fn remove_subscriber(&self, actor: Actor<'_>, email: &str) -> WorkflowResult<()> {
        policy::require(actor, Action::Curate)?;
        let email = email.trim().to_lowercase();
        if !self.store.remove_subscriber(&email).await? {
            return Err(WorkflowError::NotFound);
        }
        self.audit(actor, "subscriber.remove", &email, "").await;
        Ok(())
    }
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
