//! Reader error reports: what a reader sends about an article ("this sentence is wrong"),
//! the states an editor moves it through, and the limits every report keeps.
//!
//! States: `new` (just sent) → `accepted` (the desk agrees and will fix it) or `rejected`
//! (no error); `accepted` → `fixed` (the article was corrected) or `rejected`; a rejected
//! report may be reconsidered (→ `accepted`). `fixed` is final. Nothing else is allowed.

use serde::{Deserialize, Serialize};

/// Longest quote of the article text a report may carry, in characters.
pub const MAX_QUOTE: usize = 1_000;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 3_000;
/// Longest reader address (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;
/// Longest reply an editor may send to the reader, in characters.
pub const MAX_REPLY: usize = 5_000;

/// Where a report stands in the desk's triage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportState {
    New,
    Accepted,
    Rejected,
    Fixed,
}

impl ReportState {
    pub const ALL: [ReportState; 4] = [Self::New, Self::Accepted, Self::Rejected, Self::Fixed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Fixed => "fixed",
        }
    }

    /// The state named exactly `s` (`new`, `accepted`, `rejected`, `fixed`).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Still waiting for the desk (counted in the desk's navigation).
    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Accepted)
    }

    /// The states this one may move to.
    pub fn next(self) -> &'static [ReportState] {
        match self {
            Self::New => &[Self::Accepted, Self::Rejected],
            Self::Accepted => &[Self::Fixed, Self::Rejected],
            Self::Rejected => &[Self::Accepted],
            Self::Fixed => &[],
        }
    }

    /// True when `self` → `to` is an allowed transition.
    pub fn may_become(self, to: ReportState) -> bool {
        self.next().contains(&to)
    }
}

impl std::fmt::Display for ReportState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ReportState::{self, *};

    #[test]
    fn transitions_follow_the_table() {
        let allowed = [
            (New, Accepted),
            (New, Rejected),
            (Accepted, Fixed),
            (Accepted, Rejected),
            (Rejected, Accepted),
        ];
        for from in ReportState::ALL {
            for to in ReportState::ALL {
                assert_eq!(
                    from.may_become(to),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}"
                );
            }
        }
        assert!(New.is_open() && Accepted.is_open() && !Rejected.is_open() && !Fixed.is_open());
    }

    #[test]
    fn parses_exact_names_only() {
        for s in ReportState::ALL {
            assert_eq!(ReportState::parse(s.as_str()), Some(s));
        }
        for bad in ["", "New", "closed", "fixed ", "accepted;drop"] {
            assert_eq!(ReportState::parse(bad), None, "{bad:?}");
        }
    }
}
