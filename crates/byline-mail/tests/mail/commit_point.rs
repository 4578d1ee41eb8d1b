//! `send_committed`: the commit runs after DATA and before the content, and
//! each way a send can end tells the caller whether anything may have arrived.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use byline_mail::sink::{AfterContent, SmtpSink};
use byline_mail::{MailError, Mailer, OutgoingMail, SendFailure};

use crate::{config, sink_and_mailer, WAIT};

fn mail(to: &str) -> OutgoingMail {
    OutgoingMail::new(to, "Morning briefing", "Today's news.\n")
}

#[tokio::test]
async fn commit_runs_after_the_envelope_and_before_the_content() {
    let (sink, mailer) = sink_and_mailer().await;
    let seen_at_commit = Arc::new(AtomicUsize::new(usize::MAX));
    let seen = Arc::clone(&seen_at_commit);
    let sink_ref = &sink;
    let sent = mailer
        .send_committed(&mail("reader@example.org"), || async move {
            seen.store(sink_ref.messages().len(), Ordering::SeqCst);
            Ok::<(), String>(())
        })
        .await
        .expect("sent");
    assert_eq!(
        seen_at_commit.load(Ordering::SeqCst),
        0,
        "nothing had arrived when commit ran"
    );
    let received = sink.wait_for(1, WAIT).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].header("Message-ID"), Some(sent.message_id));
}

#[tokio::test]
async fn a_failed_commit_abandons_the_message_and_the_pool_still_works() {
    let (sink, mailer) = sink_and_mailer().await;
    let failed = mailer
        .send_committed(&mail("reader@example.org"), || async {
            Err::<(), _>("database is down")
        })
        .await;
    assert!(
        matches!(failed, Err(SendFailure::Commit("database is down"))),
        "{failed:?}"
    );
    mailer
        .send(&mail("second@example.org"))
        .await
        .expect("the next message goes out");
    let received = sink
        .wait_for(2, std::time::Duration::from_millis(500))
        .await;
    assert_eq!(received.len(), 1, "only the second message arrived");
    assert_eq!(received[0].rcpt_to, vec!["second@example.org".to_owned()]);
}

#[tokio::test]
async fn a_refused_recipient_fails_before_the_commit() {
    let (sink, mailer) = sink_and_mailer().await;
    sink.reject_recipient("gone@example.org", 550);
    let commits = AtomicUsize::new(0);
    let failed = mailer
        .send_committed(&mail("gone@example.org"), || async {
            commits.fetch_add(1, Ordering::SeqCst);
            Ok::<(), ()>(())
        })
        .await;
    match failed {
        Err(SendFailure::NotSent {
            error: MailError::Permanent(_),
            committed: false,
        }) => {}
        other => panic!("expected a permanent failure before the commit, got {other:?}"),
    }
    assert_eq!(commits.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_refused_sender_is_nobody_s_bounce() {
    let (sink, mailer) = sink_and_mailer().await;
    sink.reject_sender("newsroom@byline.example", 553);
    let failed = mailer
        .send_committed(&mail("reader@example.org"), || async { Ok::<(), ()>(()) })
        .await;
    match failed {
        Err(SendFailure::NotSent {
            error: MailError::SenderRefused(e),
            committed: false,
        }) => assert!(e.contains("553"), "{e}"),
        other => panic!("expected the sender to be refused before the commit, got {other:?}"),
    }
    assert_eq!(sink.refusals(), 1);
}

#[tokio::test]
async fn content_refused_after_the_commit_is_not_sent_and_says_so() {
    let (sink, mailer) = sink_and_mailer().await;
    sink.after_content("busy@example.org", AfterContent::Refuse(451));
    sink.after_content("spam@example.org", AfterContent::Refuse(554));
    for (to, temporary) in [("busy@example.org", true), ("spam@example.org", false)] {
        let failed = mailer
            .send_committed(&mail(to), || async { Ok::<(), ()>(()) })
            .await;
        match failed {
            Err(SendFailure::NotSent {
                error,
                committed: true,
            }) => {
                assert_eq!(error.is_temporary(), temporary, "{to}: {error}");
                assert!(
                    temporary || matches!(error, MailError::MessageRefused(_)),
                    "a refused message is not a refused recipient: {error}"
                );
            }
            other => panic!("{to}: expected a refusal after the commit, got {other:?}"),
        }
    }
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn a_lost_reply_after_the_content_is_unconfirmed() {
    let (sink, mailer) = sink_and_mailer().await;
    sink.after_content("flaky@example.org", AfterContent::KeepAndHangUp);
    let failed = mailer
        .send_committed(&mail("flaky@example.org"), || async { Ok::<(), ()>(()) })
        .await;
    assert!(
        matches!(failed, Err(SendFailure::Unconfirmed(_))),
        "{failed:?}"
    );
    assert_eq!(sink.messages().len(), 1, "the server did keep it");
    // Plain `send` reports the same case as temporary, so callers that want
    // at-least-once (confirmation mail) retry.
    let again = mailer.send(&mail("flaky@example.org")).await;
    assert!(
        matches!(&again, Err(MailError::Temporary(e)) if e.contains("no reply")),
        "{again:?}"
    );
}

#[tokio::test]
async fn a_connection_closed_while_idle_is_replaced_without_an_error() {
    let sink = SmtpSink::start().await.expect("sink");
    let mailer = Mailer::new(&config(Some(sink.url()))).expect("mailer");
    mailer.send(&mail("one@example.org")).await.expect("first");
    // The server side of the idle pooled connection goes away.
    let addr = sink.addr();
    drop(sink);
    // The old listener closes once its aborted task is dropped.
    let mut restarted = None;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        if let Ok(sink) = SmtpSink::start_at(addr).await {
            restarted = Some(sink);
            break;
        }
    }
    let sink = restarted.expect("the sink comes back on the same port");
    mailer
        .send(&mail("two@example.org"))
        .await
        .expect("second, on a fresh connection");
    assert_eq!(sink.wait_for(1, WAIT).await.len(), 1);
}

#[tokio::test]
async fn credentials_in_the_url_are_sent_with_auth_plain() {
    let sink = SmtpSink::start().await.expect("sink");
    let url = format!(
        "smtp://desk%40news.example:p%C3%A4ss%20word@{}",
        sink.addr()
    );
    let mailer = Mailer::new(&config(Some(url))).expect("mailer");
    mailer
        .send(&mail("reader@example.org"))
        .await
        .expect("sent");
    let received = sink.wait_for(1, WAIT).await;
    assert_eq!(
        received[0].auth,
        Some(("desk@news.example".to_owned(), "päss word".to_owned())),
        "percent-decoded user and password"
    );
    let anonymous = sink_and_mailer().await;
    anonymous
        .1
        .send(&mail("reader@example.org"))
        .await
        .expect("sent");
    assert_eq!(
        anonymous.0.wait_for(1, WAIT).await[0].auth,
        None,
        "no credentials, no AUTH"
    );
}
