//! Table tests for address validation and mailbox parsing.

use super::*;

#[test]
fn good_addresses_are_normalised() {
    let long_local = "a".repeat(64);
    let cases: &[(&str, &str)] = &[
        ("jane@example.com", "jane@example.com"),
        ("  Jane.Doe@Example.COM ", "Jane.Doe@example.com"),
        (
            "first.last+tag@sub.example.co.uk",
            "first.last+tag@sub.example.co.uk",
        ),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("x_y-z@my-host.example", "x_y-z@my-host.example"),
        ("123@456.example", "123@456.example"),
        (
            &format!("{long_local}@example.com"),
            &format!("{long_local}@example.com"),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            validate_address(input).as_deref(),
            Ok(*expected),
            "input {input:?}"
        );
    }
}

#[test]
fn bad_addresses_are_rejected() {
    let too_long = format!("{}@{}.com", "a".repeat(60), "b".repeat(200));
    let long_local = format!("{}@example.com", "a".repeat(65));
    let cases: &[&str] = &[
        "",
        "   ",
        "jane.example.com",
        "jane@",
        "@example.com",
        "jane@localhost",
        "jane@@example.com",
        "ja@ne@example.com",
        "jane doe@example.com",
        "jane@exa mple.com",
        "jane@example.com\r\nBcc: victim@example.com",
        "jane\n@example.com",
        "jane\t@example.com",
        "jane@example.com\n",
        "\r\njane@example.com",
        "jane..doe@example.com",
        ".jane@example.com",
        "jane.@example.com",
        "jane@example..com",
        "jane@.example.com",
        "jane@example.com.",
        "jane@-example.com",
        "jane@example-.com",
        "jane@exa_mple.com",
        "\"jane\"@example.com",
        "jane<x>@example.com",
        "jane,doe@example.com",
        "jäne@example.com",
        "jane@exämple.com",
        "Jane <jane@example.com>",
        &too_long,
        &long_local,
    ];
    for input in cases {
        let result = validate_address(input);
        assert!(
            matches!(result, Err(MailError::InvalidMessage(_))),
            "{input:?} gave {result:?}"
        );
    }
}

#[test]
fn mailboxes_with_and_without_names() {
    let plain = parse_mailbox("reader@example.com").unwrap();
    assert_eq!(plain.name, None);
    assert_eq!(plain.email.to_string(), "reader@example.com");

    let named = parse_mailbox("Jane Reader <Reader@Example.com>").unwrap();
    assert_eq!(named.name.as_deref(), Some("Jane Reader"));
    assert_eq!(named.email.to_string(), "Reader@example.com");

    let quoted = parse_mailbox(r#""Reader, \"Jane\"" <jane@example.com>"#).unwrap();
    assert_eq!(quoted.name.as_deref(), Some(r#"Reader, "Jane""#));

    let bare_brackets = parse_mailbox("<jane@example.com>").unwrap();
    assert_eq!(bare_brackets.name, None);
}

#[test]
fn mailbox_injection_and_garbage_are_rejected() {
    for input in [
        "Jane\r\nBcc: victim@example.com <jane@example.com>",
        "Jane\n <jane@example.com>",
        "Jane <jane@example.com>\r\n",
        "Jane <jane@example.com> trailing",
        "Jane <not-an-address>",
        "Jane <>",
    ] {
        let result = parse_mailbox(input);
        assert!(
            matches!(result, Err(MailError::InvalidMessage(_))),
            "{input:?} gave {result:?}"
        );
    }
    assert!(mailbox("Evil\r\nName", "jane@example.com").is_err());
}
