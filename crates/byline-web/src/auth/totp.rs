//! Optional TOTP two-factor sign-in (RFC 6238: SHA-1, 6 digits, 30-second steps).

use totp_rs::{Algorithm, Secret, TOTP};

/// A new random secret, base32-encoded for authenticator apps.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret_b32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes).ok()
}

/// True when `code` is valid now (one step of clock drift allowed).
pub fn check(secret_b32: &str, code: &str) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    totp(secret_b32).is_some_and(|t| t.check_current(&code).unwrap_or(false))
}

/// The current code (for tests and the setup page's self-check).
pub fn current(secret_b32: &str) -> Option<String> {
    totp(secret_b32)?.generate_current().ok()
}

/// `otpauth://` URL to add the account to an authenticator app.
pub fn provisioning_url(secret_b32: &str, account: &str) -> String {
    let account = super::extract::url_encode(account);
    format!("otpauth://totp/Byline:{account}?secret={secret_b32}&issuer=Byline&algorithm=SHA1&digits=6&period=30")
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_verify_and_wrong_codes_fail() {
        let secret = super::new_secret();
        let code = super::current(&secret).expect("code");
        assert!(super::check(&secret, &code));
        assert!(!super::check(&secret, "000000") || code == "000000");
        assert!(!super::check("not base32!", &code));
    }
}
