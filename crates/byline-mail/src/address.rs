//! Mail address checks: plain addresses and `Name <address>` mailboxes.
//!
//! Rules are deliberately stricter than RFC 5321 allows: Byline only sends to
//! ordinary `local@domain.tld` addresses, so quoted local parts, IP literals
//! and dotless domains are refused instead of half-supported.

use lettre::message::Mailbox;
use lettre::Address;

use crate::MailError;

/// Longest address accepted, as limited by RFC 5321's forward path.
const MAX_ADDRESS_LEN: usize = 254;
/// Longest local part (before the `@`) allowed by RFC 5321.
const MAX_LOCAL_LEN: usize = 64;
/// Longest DNS label.
const MAX_LABEL_LEN: usize = 63;

/// Checks a bare address and returns it normalised: surrounding spaces trimmed,
/// domain lowercased (the local part keeps its case, which servers may treat
/// as significant).
///
/// Refused with [`MailError::InvalidMessage`]: empty input, no or several `@`,
/// CR, LF or other control characters anywhere (even at the ends), inner
/// whitespace, more than 254 characters, an empty or over-long local part, a
/// domain without a dot, leading, trailing or consecutive dots, characters
/// outside RFC 5322 `atext` in the local part, domain labels other than
/// letters, digits and inner hyphens, and non-ASCII addresses (SMTPUTF8 is not
/// supported).
pub fn validate_address(s: &str) -> Result<String, MailError> {
    // CR/LF are refused even at the ends: trimming them would hide an attempt
    // at header injection instead of reporting it.
    check_header_text("address", s)?;
    let trimmed = s.trim();
    let bad = |why: &str| MailError::InvalidMessage(format!("address {trimmed:?}: {why}"));
    if trimmed.is_empty() {
        return Err(MailError::InvalidMessage("address is empty".to_owned()));
    }
    if trimmed.chars().any(char::is_whitespace) {
        return Err(bad("contains whitespace"));
    }
    if trimmed.len() > MAX_ADDRESS_LEN {
        return Err(bad("longer than 254 characters"));
    }
    if !trimmed.is_ascii() {
        return Err(bad("non-ASCII addresses are not supported"));
    }
    let Some((local, domain)) = trimmed.split_once('@') else {
        return Err(bad("missing @"));
    };
    if domain.contains('@') {
        return Err(bad("more than one @"));
    }
    check_local(local).map_err(bad)?;
    let domain = domain.to_ascii_lowercase();
    check_domain(&domain).map_err(bad)?;
    // Final word to lettre, so nothing accepted here is refused at send time.
    Address::new(local, &domain).map_err(|e| bad(&e.to_string()))?;
    Ok(format!("{local}@{domain}"))
}

fn check_local(local: &str) -> Result<(), &'static str> {
    if local.is_empty() {
        return Err("empty local part");
    }
    if local.len() > MAX_LOCAL_LEN {
        return Err("local part longer than 64 characters");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("misplaced or consecutive dots in local part");
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    if !local.chars().all(atext) {
        return Err("unsupported character in local part");
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<(), &'static str> {
    if domain.is_empty() {
        return Err("empty domain");
    }
    if !domain.contains('.') {
        return Err("domain has no dot");
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err("misplaced or consecutive dots in domain");
        }
        if label.len() > MAX_LABEL_LEN {
            return Err("domain label longer than 63 characters");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("domain label starts or ends with a hyphen");
        }
        if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err("unsupported character in domain");
        }
    }
    Ok(())
}

/// Rejects CR, LF and other control characters (tab allowed) in anything
/// that ends up in a header: `what` names the field in the error.
pub(crate) fn check_header_text(what: &str, value: &str) -> Result<(), MailError> {
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(MailError::InvalidMessage(format!(
            "{what} contains CR, LF or another control character"
        )));
    }
    Ok(())
}

/// Parses `address` or `Display Name <address>` (the name optionally in
/// double quotes) into a lettre mailbox, validating both halves.
pub(crate) fn parse_mailbox(input: &str) -> Result<Mailbox, MailError> {
    check_header_text("mailbox", input)?;
    let trimmed = input.trim();
    let (name, address) = match trimmed.strip_suffix('>').and_then(|t| t.rsplit_once('<')) {
        Some((name, address)) => (unquote(name.trim()), address),
        None => (String::new(), trimmed),
    };
    mailbox(&name, address)
}

/// Builds a mailbox from a display name (empty for none) and an address.
pub(crate) fn mailbox(name: &str, address: &str) -> Result<Mailbox, MailError> {
    check_header_text("display name", name)?;
    let address = validate_address(address)?;
    let address: Address = address
        .parse()
        .map_err(|e| MailError::InvalidMessage(format!("address {address:?}: {e}")))?;
    let name = name.trim();
    Ok(Mailbox::new(
        (!name.is_empty()).then(|| name.to_owned()),
        address,
    ))
}

/// Strips one pair of surrounding double quotes and undoes `\"` / `\\` escapes.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[path = "address_tests.rs"]
mod tests;
