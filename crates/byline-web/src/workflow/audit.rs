//! The audit log's one writer: every workflow appends its entry here, after its write has
//! committed, naming the actor, the action, the target and the path it came by.

use byline_store::AuditEntry;

use super::{Actor, Workflows};

/// Which door a workflow came through; kept in the entry's detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Desk,
    Api,
    Cli,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Desk => "desk",
            Self::Api => "api",
            Self::Cli => "cli",
        }
    }
}

impl Workflows<'_> {
    /// Appends an audit entry; a failure is logged (the action itself has committed).
    pub(crate) async fn audit(&self, actor: Actor<'_>, action: &str, target: &str, detail: &str) {
        let via = self.channel.as_str();
        let entry = AuditEntry {
            staff_id: actor.staff_id(),
            actor: actor.audit_name(),
            action: action.to_owned(),
            target: target.to_owned(),
            detail: if detail.is_empty() {
                format!("via {via}")
            } else {
                format!("{detail} (via {via})")
            },
            at: chrono::Utc::now(),
        };
        if let Err(e) = self.store.record_audit(&entry).await {
            tracing::error!(error = %e, action, target, "cannot write the audit log");
        }
    }
}
