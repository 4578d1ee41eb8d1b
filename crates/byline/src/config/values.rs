//! Reading one setting's text: numbers with a lower bound, durations, switches, URLs.
//! Each function answers the reason a text is refused, for the one-line start-up error
//! that names the setting and the value.

use std::str::FromStr;
use std::time::Duration;

/// A whole number of at least `min`; `what` names the unit ("seconds").
pub fn whole<T>(text: &str, what: &str, min: T) -> Result<T, String>
where
    T: FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let n: T = text
        .trim()
        .parse()
        .map_err(|_| format!("not a whole number of {what}"))?;
    if n < min {
        return Err(format!("must be at least {min}"));
    }
    Ok(n)
}

/// Whole seconds, at least one.
pub fn seconds(text: &str) -> Result<Duration, String> {
    whole::<u64>(text, "seconds", 1).map(Duration::from_secs)
}

/// Whole milliseconds, at least one.
pub fn millis(text: &str) -> Result<Duration, String> {
    whole::<u64>(text, "milliseconds", 1).map(Duration::from_millis)
}

/// A rate per second: a finite number, zero or more.
pub fn rate(text: &str, what: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && r >= 0.0 => Ok(r),
        Ok(_) => Err(format!("must be a number of {what}, 0 or more")),
        Err(_) => Err(format!("not a number of {what}")),
    }
}

/// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`).
pub fn switch(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err("not true or false".into()),
    }
}

/// An absolute `http://` or `https://` origin, without a trailing slash.
pub fn origin(text: &str) -> Result<String, String> {
    let url = text.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("not an http:// or https:// address")?;
    if rest.is_empty() || rest.chars().any(char::is_whitespace) {
        return Err("not an http:// or https:// address".into());
    }
    Ok(url.to_owned())
}

/// Text that may not be empty.
pub fn text(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("must not be empty".into());
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_name_their_unit_and_bound() {
        assert_eq!(seconds("30"), Ok(Duration::from_secs(30)));
        assert_eq!(seconds("soon"), Err("not a whole number of seconds".into()));
        assert_eq!(seconds("0"), Err("must be at least 1".into()));
        assert_eq!(seconds("-3"), Err("not a whole number of seconds".into()));
        assert_eq!(
            rate("fast", "mails per second"),
            Err("not a number of mails per second".into())
        );
        assert_eq!(rate("2.5", "mails per second"), Ok(2.5));
        assert!(rate("-1", "mails per second").is_err());
        assert!(rate("inf", "mails per second").is_err());
    }

    #[test]
    fn switches_and_origins() {
        assert_eq!(switch("Yes"), Ok(true));
        assert_eq!(switch("0"), Ok(false));
        assert!(switch("maybe").is_err());
        assert_eq!(
            origin("https://news.example/"),
            Ok("https://news.example".into())
        );
        assert!(origin("news.example").is_err());
        assert!(origin("http://").is_err());
    }
}
