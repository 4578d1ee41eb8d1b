//! The sink's SMTP dialogue, driven by hand over a real TCP connection.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::TcpStream;

use super::*;

/// A hand-driven SMTP client.
struct Client {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Client {
    async fn connect(sink: &SmtpSink) -> Client {
        let (read, writer) = TcpStream::connect(sink.addr()).await.unwrap().into_split();
        let mut client = Client {
            reader: BufReader::new(read),
            writer,
        };
        assert!(client.reply().await.starts_with("220 "));
        client
    }

    /// Reads one (possibly multi-line) reply, lines joined with `\n`.
    async fn reply(&mut self) -> String {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).await.unwrap();
            let line = line.trim_end().to_owned();
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return lines.join("\n");
            }
        }
    }

    async fn send(&mut self, text: &str) -> String {
        self.writer.write_all(text.as_bytes()).await.unwrap();
        self.reply().await
    }
}

#[tokio::test]
async fn dialogue_with_dot_unstuffing_and_two_messages_per_connection() {
    let sink = SmtpSink::start().await.unwrap();
    assert_eq!(
        sink.url(),
        format!("smtp://127.0.0.1:{}", sink.addr().port())
    );
    let mut c = Client::connect(&sink).await;

    let ehlo = c.send("EHLO client.example\r\n").await;
    assert!(
        ehlo.starts_with("250-") && ehlo.contains("8BITMIME") && ehlo.contains("SIZE"),
        "{ehlo}"
    );
    assert!(!ehlo.to_uppercase().contains("STARTTLS"), "{ehlo}");
    assert!(c.send("STARTTLS\r\n").await.starts_with("502 "));
    assert!(c.send("VRFY someone\r\n").await.starts_with("502 "));
    assert!(c.send("NOOP\r\n").await.starts_with("250 "));
    assert!(c.send("DATA\r\n").await.starts_with("503 "));
    assert!(c
        .send("RCPT TO:<a@example.org>\r\n")
        .await
        .starts_with("503 "));

    assert!(c
        .send("MAIL FROM:<sender@example.org> BODY=8BITMIME\r\n")
        .await
        .starts_with("250 "));
    assert!(c
        .send("RCPT TO:<one@example.org>\r\n")
        .await
        .starts_with("250 "));
    assert!(c
        .send("rcpt to: <two@example.org>\r\n")
        .await
        .starts_with("250 "));
    assert!(c.send("DATA\r\n").await.starts_with("354 "));
    // "..\r\n" is a stuffed line holding one dot, not the end of the data.
    let body = "Subject: first\r\n\r\n..leading dot\r\n..\r\ndone\r\n.\r\n";
    assert!(c.send(body).await.starts_with("250 "));

    // A RSET transaction leaves nothing behind; the next one is independent.
    assert!(c.send("MAIL FROM:<>\r\n").await.starts_with("250 "));
    assert!(c
        .send("RCPT TO:<dropped@example.org>\r\n")
        .await
        .starts_with("250 "));
    assert!(c.send("RSET\r\n").await.starts_with("250 "));
    assert!(c.send("MAIL FROM:<>\r\n").await.starts_with("250 "));
    assert!(c
        .send("RCPT TO:<three@example.org>\r\n")
        .await
        .starts_with("250 "));
    assert!(c.send("DATA\r\n").await.starts_with("354 "));
    assert!(c
        .send("Subject: second\r\n\r\nhi\r\n.\r\n")
        .await
        .starts_with("250 "));
    assert!(c.send("QUIT\r\n").await.starts_with("221 "));

    let mails = sink.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0].mail_from, "sender@example.org");
    assert_eq!(mails[0].rcpt_to, ["one@example.org", "two@example.org"]);
    assert_eq!(
        mails[0].data,
        "Subject: first\r\n\r\n.leading dot\r\n.\r\ndone\r\n"
    );
    assert_eq!(mails[1].mail_from, "");
    assert_eq!(mails[1].rcpt_to, ["three@example.org"]);
    assert_eq!(mails[1].header("subject").as_deref(), Some("second"));
}

#[tokio::test]
async fn helo_rejections_and_wait_timeout() {
    let sink = SmtpSink::start().await.unwrap();
    sink.reject_recipient("No@Example.org", 550);
    sink.reject_recipient("later@example.org", 451);
    let mut c = Client::connect(&sink).await;
    assert!(
        c.send("MAIL FROM:<a@example.org>\r\n")
            .await
            .starts_with("503 "),
        "EHLO first"
    );
    assert!(c.send("HELO client\r\n").await.starts_with("250 "));
    assert!(c
        .send("MAIL FROM:<a@example.org>\r\n")
        .await
        .starts_with("250 "));
    assert!(c
        .send("RCPT TO:<no@example.org>\r\n")
        .await
        .starts_with("550 5.1.1"));
    assert!(c
        .send("RCPT TO:<later@example.org>\r\n")
        .await
        .starts_with("451 4.1.1"));
    assert!(
        c.send("DATA\r\n").await.starts_with("503 "),
        "no accepted recipient"
    );
    assert!(c.send("RCPT TO:\r\n").await.starts_with("501 "));

    let started = std::time::Instant::now();
    assert!(sink
        .wait_for(1, Duration::from_millis(200))
        .await
        .is_empty());
    assert!(started.elapsed() >= Duration::from_millis(200));

    sink.clear();
    assert!(c
        .send("RCPT TO:<no@example.org>\r\n")
        .await
        .starts_with("250 "));
}

#[tokio::test]
async fn received_mail_decodes_headers_and_parts() {
    let data = concat!(
        "From: =?utf-8?b?R3LDvMOfZQ==?= <a@example.org>\r\n",
        "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe_=E2=80=94?=\r\n",
        " test\r\n",
        "X-Twice: one\r\n",
        "X-Twice: two\r\n",
        "Content-Type: multipart/alternative; boundary=\"b\"\r\n",
        "\r\n",
        "--b\r\n",
        "Content-Type: text/plain; charset=utf-8\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n",
        "\r\n",
        "Gr=C3=BC=C3=9Fe, a long soft-=\r\n",
        "broken line\r\n",
        "--b\r\n",
        "Content-Type: text/html; charset=utf-8\r\n",
        "Content-Transfer-Encoding: base64\r\n",
        "\r\n",
        "PHA+R3LDvMOfZTwvcD4K\r\n",
        "--b--\r\n",
    );
    let mail = ReceivedMail {
        mail_from: String::new(),
        rcpt_to: Vec::new(),
        data: data.to_owned(),
        auth: None,
    };
    assert_eq!(
        mail.header("FROM").as_deref(),
        Some("Grüße <a@example.org>")
    );
    assert_eq!(mail.header("subject").as_deref(), Some("Grüße — test"));
    assert_eq!(mail.header("x-twice").as_deref(), Some("one"));
    assert_eq!(mail.header_all("X-Twice"), ["one", "two"]);
    assert_eq!(mail.header("X-Missing"), None);
    assert_eq!(
        mail.text_part().as_deref(),
        Some("Grüße, a long soft-broken line")
    );
    assert_eq!(mail.html_part().as_deref(), Some("<p>Grüße</p>\n"));
}
