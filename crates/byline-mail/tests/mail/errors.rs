//! Invalid input is refused before anything is sent; SMTP failures are
//! sorted into permanent and temporary.

use byline_mail::{MailError, Mailer, OutgoingMail};

use crate::{config, sink_and_mailer, WAIT};

fn assert_invalid(result: Result<byline_mail::SentMail, MailError>, case: &str) {
    assert!(
        matches!(result, Err(MailError::InvalidMessage(_))),
        "{case}: {result:?}"
    );
}

#[tokio::test]
async fn header_injection_is_rejected_and_nothing_is_sent() {
    let (sink, mailer) = sink_and_mailer().await;
    let base = OutgoingMail::new("reader@example.org", "Hello", "Body");
    let evil = "x\r\nBcc: victim@example.net";
    let cases: Vec<(&str, OutgoingMail)> = vec![
        (
            "subject CRLF",
            OutgoingMail {
                subject: evil.to_owned(),
                ..base.clone()
            },
        ),
        (
            "subject LF",
            OutgoingMail {
                subject: "x\nBcc: victim@example.net".to_owned(),
                ..base.clone()
            },
        ),
        (
            "subject CR",
            OutgoingMail {
                subject: "x\rBcc: victim@example.net".to_owned(),
                ..base.clone()
            },
        ),
        (
            "from name",
            OutgoingMail {
                from_name: Some(evil.to_owned()),
                ..base.clone()
            },
        ),
        (
            "from address",
            OutgoingMail {
                from_address: Some(evil.to_owned()),
                ..base.clone()
            },
        ),
        (
            "to name",
            OutgoingMail {
                to: format!("{evil} <reader@example.org>"),
                ..base.clone()
            },
        ),
        (
            "to address",
            OutgoingMail {
                to: format!("reader@example.org{evil}"),
                ..base.clone()
            },
        ),
        (
            "to trailing LF",
            OutgoingMail {
                to: "reader@example.org\n".to_owned(),
                ..base.clone()
            },
        ),
        (
            "header value",
            OutgoingMail {
                headers: vec![("List-Unsubscribe".to_owned(), evil.to_owned())],
                ..base.clone()
            },
        ),
        (
            "header value LF",
            OutgoingMail {
                headers: vec![("X-A".to_owned(), "a\nBcc: v@example.net".to_owned())],
                ..base.clone()
            },
        ),
        (
            "header name",
            OutgoingMail {
                headers: vec![("X-A\r\nBcc".to_owned(), "v@example.net".to_owned())],
                ..base.clone()
            },
        ),
        (
            "reserved header",
            OutgoingMail {
                headers: vec![("Bcc".to_owned(), "v@example.net".to_owned())],
                ..base.clone()
            },
        ),
        (
            "message id",
            OutgoingMail {
                message_id: Some(format!("a@b.example{evil}")),
                ..base.clone()
            },
        ),
    ];
    for (case, mail) in cases {
        assert_invalid(mailer.send(&mail).await, case);
    }
    for to in [
        "",
        "reader",
        "reader@localhost",
        "reader@exa mple.org",
        "a..b@example.org",
        "<>",
    ] {
        assert_invalid(
            mailer
                .send(&OutgoingMail {
                    to: to.to_owned(),
                    ..base.clone()
                })
                .await,
            to,
        );
    }
    // The sink is reachable, yet nothing arrived.
    mailer
        .send(&base)
        .await
        .expect("a valid message still goes through");
    let received = sink
        .wait_for(2, std::time::Duration::from_millis(300))
        .await;
    assert_eq!(received.len(), 1);
    assert!(!received[0].data.contains("victim"));
}

#[tokio::test]
async fn rejected_recipients_map_to_permanent_and_temporary() {
    let (sink, mailer) = sink_and_mailer().await;
    sink.reject_recipient("Gone@Example.org", 550);
    sink.reject_recipient("busy@example.org", 451);

    let gone = mailer
        .send(&OutgoingMail::new("gone@example.org", "Hi", "Body"))
        .await;
    assert!(
        matches!(&gone, Err(MailError::Permanent(m)) if m.contains("550")),
        "{gone:?}"
    );
    assert!(!gone.unwrap_err().is_temporary());

    let busy = mailer
        .send(&OutgoingMail::new("busy@example.org", "Hi", "Body"))
        .await;
    assert!(
        matches!(&busy, Err(MailError::Temporary(m)) if m.contains("451")),
        "{busy:?}"
    );
    assert!(busy.unwrap_err().is_temporary());

    // The pool recovers: the next message on the same mailer goes through.
    mailer
        .send(&OutgoingMail::new("fine@example.org", "Hi", "Body"))
        .await
        .expect("sent");
    let received = sink.wait_for(1, WAIT).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].rcpt_to, ["fine@example.org"]);

    sink.clear();
    mailer
        .send(&OutgoingMail::new("gone@example.org", "Again", "Body"))
        .await
        .expect("rejection cleared");
}

#[tokio::test]
async fn connection_refused_is_temporary() {
    // Bind then drop a listener: the port is free and nothing answers on it.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let mailer = Mailer::new(&config(Some(format!("smtp://127.0.0.1:{port}")))).expect("config");
    assert_eq!(mailer.describe(), format!("SMTP 127.0.0.1:{port}"));
    let result = mailer
        .send(&OutgoingMail::new("reader@example.org", "Hi", "Body"))
        .await;
    assert!(
        matches!(&result, Err(MailError::Temporary(_))),
        "{result:?}"
    );
}
