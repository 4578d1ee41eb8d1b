//! Session cookies: a random id (stored hashed) in an HttpOnly, SameSite=Lax cookie that is
//! Secure when the site is served over TLS; a new id at every sign-in; revocable.

use axum::http::header::{self, HeaderMap, HeaderValue};
use byline_store::{Session, StaffStore, StoreResult};
use chrono::{Duration, Utc};

use super::token::{hash_token, random_token};

pub const SESSION_COOKIE: &str = "byline_session";
/// Not a secret: tells the public pages' tiny script to show "Edit post".
pub const STAFF_HINT_COOKIE: &str = "byline_staff";
/// Double-submit CSRF cookie for the sign-in form, before any session exists.
pub const LOGIN_CSRF_COOKIE: &str = "byline_login_csrf";
/// How long a desk session lasts.
pub const SESSION_HOURS: i64 = 12;

/// The value of cookie `name` in a request.
pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A Set-Cookie value; `max_age` 0 deletes the cookie.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age: i64,
    http_only: bool,
    secure: bool,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; SameSite=Lax; Max-Age={max_age}");
    if http_only {
        c.push_str("; HttpOnly");
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or(HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// Starts a session for `staff_id`: returns the cookie token (never stored) and the session.
pub async fn start(store: &dyn StaffStore, staff_id: i64) -> StoreResult<(String, Session)> {
    let token = random_token();
    let now = Utc::now();
    let session = Session {
        id_hash: hash_token(&token),
        staff_id,
        csrf_token: random_token(),
        created_at: now,
        expires_at: now + Duration::hours(SESSION_HOURS),
    };
    store.create_session(&session).await?;
    Ok((token, session))
}

/// Cookies that sign a browser in.
pub fn sign_in_cookies(token: &str, secure: bool) -> [HeaderValue; 2] {
    let age = SESSION_HOURS * 3600;
    [
        set_cookie(SESSION_COOKIE, token, age, true, secure),
        set_cookie(STAFF_HINT_COOKIE, "1", age, false, secure),
    ]
}

/// Cookies that sign a browser out.
pub fn sign_out_cookies(secure: bool) -> [HeaderValue; 2] {
    [
        set_cookie(SESSION_COOKIE, "", 0, true, secure),
        set_cookie(STAFF_HINT_COOKIE, "", 0, false, secure),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_and_builds_hardened_ones() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; byline_session=tok; b=2"),
        );
        assert_eq!(read_cookie(&h, SESSION_COOKIE).as_deref(), Some("tok"));
        assert_eq!(read_cookie(&h, "c"), None);
        let c = set_cookie(SESSION_COOKIE, "v", 60, true, true);
        let c = c.to_str().expect("ascii");
        assert!(
            c.contains("HttpOnly") && c.contains("Secure") && c.contains("SameSite=Lax"),
            "{c}"
        );
    }
}
