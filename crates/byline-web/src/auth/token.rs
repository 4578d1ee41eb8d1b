//! Opaque random tokens (sessions, API tokens, invitations, resets). The holder keeps the
//! token; the database keeps only its SHA-256, so a leaked database grants nothing.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe base64 without padding.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares secrets in constant time.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = super::random_token();
        assert_ne!(a, super::random_token());
        assert_eq!(a.len(), 43);
        assert_eq!(super::hash_token("x"), super::hash_token("x"));
        assert_eq!(super::hash_token("x").len(), 64);
        assert!(super::same("abc", "abc") && !super::same("abc", "abd") && !super::same("a", "ab"));
    }
}
