//! Optional TOTP two-factor sign-in (RFC 6238: SHA-1, 6 digits, 30-second steps). A code is
//! good once: callers record the time step it belongs to with
//! [`byline_store::StaffStore::accept_totp_step`], which refuses that step and older ones.

use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds per time step.
pub const STEP_SECS: u64 = 30;

/// A new random secret, base32-encoded for authenticator apps.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret_b32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECS, bytes).ok()
}

/// The time step whose code `code` is, looking at the step of `unix_secs` and one step either
/// side (clock drift); `None` when it is none of them. Every candidate is compared in
/// constant time.
pub fn matching_step(secret_b32: &str, code: &str, unix_secs: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = totp(secret_b32)?;
    let now = unix_secs / STEP_SECS;
    let mut found = None;
    for step in [now.saturating_sub(1), now, now + 1] {
        if super::token::same(&totp.generate(step * STEP_SECS), &code) {
            found = i64::try_from(step).ok();
        }
    }
    found
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0)
}

/// The current code (for tests and the setup page's self-check).
pub fn current(secret_b32: &str) -> Option<String> {
    totp(secret_b32)?.generate_current().ok()
}

/// The code of the time step `step` (for tests).
pub fn at_step(secret_b32: &str, step: i64) -> Option<String> {
    Some(totp(secret_b32)?.generate(u64::try_from(step).ok()? * STEP_SECS))
}

/// `otpauth://` URL to add the account to an authenticator app.
pub fn provisioning_url(secret_b32: &str, account: &str) -> String {
    let account = super::extract::url_encode(account);
    format!("otpauth://totp/Byline:{account}?secret={secret_b32}&issuer=Byline&algorithm=SHA1&digits=6&period=30")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_their_own_step_or_a_neighbour() {
        let secret = new_secret();
        let now = 1_700_000_000;
        let step = i64::try_from(now / STEP_SECS).expect("step");
        let code = at_step(&secret, step).expect("code");
        assert_eq!(matching_step(&secret, &code, now), Some(step));
        assert_eq!(
            matching_step(&secret, &format!(" {} {} ", &code[..3], &code[3..]), now),
            Some(step),
            "spaces are ignored"
        );
        let previous = at_step(&secret, step - 1).expect("code");
        assert_eq!(
            matching_step(&secret, &previous, now),
            Some(step - 1),
            "one step of drift"
        );
        let old = at_step(&secret, step - 2).expect("code");
        if old != code && old != previous && Some(old.clone()) != at_step(&secret, step + 1) {
            assert_eq!(matching_step(&secret, &old, now), None, "two steps old");
        }
        assert_eq!(matching_step(&secret, "", now), None);
        assert_eq!(matching_step("not base32!", &code, now), None);
        assert_eq!(current(&secret).map(|c| c.len()), Some(6));
    }
}
