//! Plain and HTML messages arrive with the right headers and decodable parts.

use byline_mail::OutgoingMail;

use crate::{sink_and_mailer, WAIT};

const SUBJECT: &str =
    "Grüße — test: a rather long subject line that lettre has to fold across lines";
const TEXT: &str = "Hello reader,\n\nÜmlauts, “quotes” and a line starting with a dot:\n.hidden\n..two dots\n\n— The Byline\n";
const HTML: &str = "<p>Hello <b>reader</b>,</p>\n<p>Ümlauts &amp; “quotes”</p>\n.dot line\n";

#[tokio::test]
async fn plain_message_arrives_with_headers_and_text() {
    let (sink, mailer) = sink_and_mailer().await;
    let mail = OutgoingMail::new("Jane Reader <Jane@Reader.Example>", SUBJECT, TEXT);
    let sent = mailer.send(&mail).await.expect("sent");

    let received = sink.wait_for(1, WAIT).await;
    assert_eq!(received.len(), 1);
    let got = &received[0];
    assert_eq!(got.mail_from, "newsroom@byline.example");
    assert_eq!(got.rcpt_to, vec!["Jane@reader.example".to_owned()]);
    assert_eq!(
        got.header("from").as_deref(),
        Some("\"The Byline\" <newsroom@byline.example>")
    );
    assert_eq!(
        got.header("TO").as_deref(),
        Some("\"Jane Reader\" <Jane@reader.example>")
    );
    assert_eq!(got.header("Subject").as_deref(), Some(SUBJECT));
    assert_eq!(got.header("Message-ID"), Some(sent.message_id.clone()));
    assert!(
        sent.message_id.ends_with("@byline.example>"),
        "{}",
        sent.message_id
    );
    let date = got.header("Date").expect("Date header");
    assert!(
        chrono::DateTime::parse_from_rfc2822(&date).is_ok(),
        "Date {date:?}"
    );
    assert_eq!(got.header("MIME-Version").as_deref(), Some("1.0"));
    assert!(got
        .header("Content-Type")
        .unwrap_or_default()
        .starts_with("text/plain; charset=utf-8"));
    assert_eq!(got.text_part().as_deref(), Some(TEXT));
    assert_eq!(got.html_part(), None);
    // Header lines stay within RFC 5322's 78-character recommendation.
    let head = got.data.split("\r\n\r\n").next().unwrap_or_default();
    assert!(head.lines().all(|l| l.len() <= 78), "{head}");
}

#[tokio::test]
async fn html_message_is_multipart_alternative_with_extra_headers() {
    let (sink, mailer) = sink_and_mailer().await;
    let unsubscribe = "<https://byline.example/unsubscribe/abc123>, <mailto:unsubscribe@byline.example?subject=abc123>";
    let mail = OutgoingMail {
        html: Some(HTML.to_owned()),
        headers: vec![
            ("List-Unsubscribe".to_owned(), unsubscribe.to_owned()),
            (
                "List-Unsubscribe-Post".to_owned(),
                "List-Unsubscribe=One-Click".to_owned(),
            ),
            ("X-Byline-Campaign".to_owned(), "Wöchentlich 42".to_owned()),
        ],
        from_name: Some("Morning Briefing — Die Zeitung".to_owned()),
        from_address: Some("briefing@News.Byline.Example".to_owned()),
        message_id: Some("campaign-42.reader-7@news.byline.example".to_owned()),
        ..OutgoingMail::new("reader@example.org", SUBJECT, TEXT)
    };
    let sent = mailer.send(&mail).await.expect("sent");
    assert_eq!(
        sent.message_id,
        "<campaign-42.reader-7@news.byline.example>"
    );

    let received = sink.wait_for(1, WAIT).await;
    let got = &received[0];
    assert_eq!(got.mail_from, "briefing@news.byline.example");
    assert_eq!(
        got.header("From").as_deref(),
        // Non-ASCII names travel as RFC 2047 words, which need no quotes.
        Some("Morning Briefing — Die Zeitung <briefing@news.byline.example>")
    );
    assert_eq!(
        got.header("Message-Id").as_deref(),
        Some(sent.message_id.as_str())
    );
    assert_eq!(got.header("list-unsubscribe").as_deref(), Some(unsubscribe));
    assert_eq!(
        got.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert_eq!(
        got.header("X-Byline-Campaign").as_deref(),
        Some("Wöchentlich 42")
    );
    let content_type = got.header("Content-Type").unwrap_or_default();
    assert!(
        content_type.starts_with("multipart/alternative"),
        "{content_type}"
    );
    assert_eq!(got.text_part().as_deref(), Some(TEXT));
    assert_eq!(got.html_part().as_deref(), Some(HTML));
}

#[tokio::test]
async fn one_mailer_sends_several_messages_over_its_pool() {
    let (sink, mailer) = sink_and_mailer().await;
    for n in 0..5 {
        let mail = OutgoingMail::new(
            format!("reader{n}@example.org"),
            format!("Issue {n}"),
            "Body",
        );
        mailer.send(&mail).await.expect("sent");
    }
    let received = sink.wait_for(5, WAIT).await;
    let subjects: Vec<_> = received
        .iter()
        .filter_map(|m| m.header("Subject"))
        .collect();
    assert_eq!(
        subjects,
        ["Issue 0", "Issue 1", "Issue 2", "Issue 3", "Issue 4"]
    );
    sink.clear();
    assert!(sink.messages().is_empty());
}

#[test]
fn a_mailer_may_outlive_its_runtime() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mailer = runtime.block_on(async {
        let (sink, mailer) = sink_and_mailer().await;
        let mail = OutgoingMail::new("reader@example.org", "Pooled", "Body");
        mailer.send(&mail).await.expect("sent");
        assert_eq!(sink.wait_for(1, WAIT).await.len(), 1);
        mailer
    });
    drop(runtime);
    // Dropping the last clone (and its connection pool) must not panic.
    drop(mailer);
}
