//! Staff authentication: argon2id passwords, opaque random tokens stored only as hashes,
//! hardened session cookies, CSRF tokens, TOTP two-factor codes, login throttling, and the
//! extractors that enforce sign-in and roles on desk pages and Admin API routes.

pub mod csrf;
pub mod extract;
pub mod password;
pub mod session;
pub mod throttle;
pub mod token;
pub mod totp;

pub use extract::{ApiStaff, DeskStaff};
