//! Without an SMTP URL, mail lands as parseable `.eml` files in the outbox.

use byline_mail::sink::ReceivedMail;
use byline_mail::{Mailer, OutgoingMail};

use crate::config;

#[tokio::test]
async fn folder_mode_writes_one_eml_per_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outbox = dir.path().join("outbox").join("nested");
    let mailer = Mailer::new(&byline_mail::MailConfig {
        outbox_dir: outbox.clone(),
        ..config(None)
    })
    .expect("config");
    assert_eq!(mailer.describe(), format!("folder {}", outbox.display()));

    let mail = OutgoingMail {
        html: Some("<p>Grüße</p>\n".to_owned()),
        headers: vec![(
            "List-Unsubscribe".to_owned(),
            "<https://byline.example/u/1>".to_owned(),
        )],
        ..OutgoingMail::new("Jane <jane@example.org>", "Grüße — test", "Grüße\n")
    };
    let first = mailer.send(&mail).await.expect("written");
    let second = mailer.send(&mail).await.expect("written");
    assert_ne!(first.message_id, second.message_id);

    let mut files: Vec<_> = std::fs::read_dir(&outbox)
        .expect("outbox exists")
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let name = files[0]
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    assert!(
        name.ends_with(".eml") && name.contains("@byline.example"),
        "{name}"
    );
    assert!(!name.contains(['<', '>']), "{name}");

    let bytes = std::fs::read(&files[0]).expect("read eml");
    let eml = ReceivedMail {
        mail_from: String::new(),
        rcpt_to: Vec::new(),
        data: String::from_utf8(bytes).expect("ASCII message"),
        auth: None,
    };
    assert!(eml.data.is_ascii() && eml.data.contains("\r\n"));
    assert_eq!(eml.header("Subject").as_deref(), Some("Grüße — test"));
    assert_eq!(eml.header("To").as_deref(), Some("Jane <jane@example.org>"));
    assert_eq!(
        eml.header("From").as_deref(),
        Some("\"The Byline\" <newsroom@byline.example>")
    );
    assert_eq!(
        eml.header("List-Unsubscribe").as_deref(),
        Some("<https://byline.example/u/1>")
    );
    assert!(eml.header("Date").is_some());
    let ids = [first.message_id, second.message_id];
    assert!(ids.contains(&eml.header("Message-ID").unwrap_or_default()));
    assert_eq!(eml.text_part().as_deref(), Some("Grüße\n"));
    assert_eq!(eml.html_part().as_deref(), Some("<p>Grüße</p>\n"));
}

#[tokio::test]
async fn folder_and_smtp_carry_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = Mailer::new(&byline_mail::MailConfig {
        outbox_dir: dir.path().to_owned(),
        ..config(None)
    })
    .expect("config");
    let (sink, smtp) = crate::sink_and_mailer().await;
    let mail = OutgoingMail {
        message_id: Some("<same@byline.example>".to_owned()),
        ..OutgoingMail::new("jane@example.org", "Grüße", "Line one\n.dot line\nÜmlaut\n")
    };
    folder.send(&mail).await.expect("written");
    smtp.send(&mail).await.expect("sent");

    let path = std::fs::read_dir(dir.path())
        .expect("dir")
        .next()
        .expect("one file")
        .expect("entry")
        .path();
    let eml = std::fs::read_to_string(path).expect("read");
    let received = sink.wait_for(1, crate::WAIT).await;
    // Only the Date may differ (the two sends straddle a second boundary).
    let without_date = |s: &str| {
        s.split("\r\n")
            .filter(|l| !l.starts_with("Date: "))
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    assert_eq!(without_date(&received[0].data), without_date(&eml));
}
