//! Password hashing with argon2id (the argon2 crate's default algorithm and parameters).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Shortest password accepted for a staff account.
pub const MIN_LENGTH: usize = 12;

/// Why a new password is refused.
pub fn check_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_LENGTH {
        return Err(format!("Use at least {MIN_LENGTH} characters."));
    }
    if password.chars().count() > 1024 {
        return Err("Use at most 1024 characters.".into());
    }
    Ok(())
}

/// An argon2id PHC string for `password`.
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// True when `password` matches the stored PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash to verify against when the account does not exist, so timing does not reveal it.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("not a real password, only a decoy").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let phc = super::hash("correct horse battery staple").expect("hash");
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(super::verify("correct horse battery staple", &phc));
        assert!(!super::verify("wrong", &phc));
        assert!(!super::verify("x", "not a hash"));
        assert!(super::check_strength("short").is_err());
        assert!(super::check_strength("long enough passphrase").is_ok());
    }
}
