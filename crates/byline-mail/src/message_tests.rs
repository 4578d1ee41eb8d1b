//! Unit tests for Message-IDs and extra headers.

use super::*;

#[test]
fn message_ids_are_normalised_or_rejected() {
    assert_eq!(
        normalise_message_id("abc@example.com").unwrap(),
        "<abc@example.com>"
    );
    assert_eq!(
        normalise_message_id(" <a.b-c@x.example> ").unwrap(),
        "<a.b-c@x.example>"
    );
    for bad in [
        "",
        "<>",
        "abc",
        "@example.com",
        "abc@",
        "a b@c.d",
        "a@b\r\nX: y",
        "<a@b@c>",
    ] {
        assert!(normalise_message_id(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn generated_ids_are_unique_and_use_the_sender_domain() {
    let a = generate_message_id("news.example");
    let b = generate_message_id("news.example");
    assert_ne!(a, b);
    assert!(a.starts_with('<') && a.ends_with("@news.example>"), "{a}");
}

#[test]
fn extra_headers_are_checked() {
    let ok = vec![(
        "List-Unsubscribe".to_owned(),
        "<https://x.example/u>".to_owned(),
    )];
    assert_eq!(extra_headers(&ok).map(|v| v.len()), Ok(1));
    let cases = [
        ("Bcc", "victim@example.com"),
        ("message-ID", "<x@y.z>"),
        ("Bad Name", "v"),
        ("Bad:Name", "v"),
        ("X-Evil\r\nBcc", "v"),
        ("", "v"),
        ("X-Thing", "line\r\nBcc: victim@example.com"),
        ("X-Thing", "line\nmore"),
    ];
    for (name, value) in cases {
        let headers = vec![(name.to_owned(), value.to_owned())];
        assert!(extra_headers(&headers).is_err(), "{name:?}: {value:?}");
    }
    let twice = vec![
        ("X-A".to_owned(), "1".to_owned()),
        ("x-a".to_owned(), "2".to_owned()),
    ];
    assert!(extra_headers(&twice).is_err());
}
