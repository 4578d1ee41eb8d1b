//! Many concurrent sends through clones of one mailer each arrive once.

use std::collections::HashMap;

use byline_mail::OutgoingMail;
use tokio::task::JoinSet;

use crate::{sink_and_mailer, WAIT};

const COUNT: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_messages_arrive_exactly_once() {
    let (sink, mailer) = sink_and_mailer().await;
    // Spawned tasks (not just joined futures) also prove `send` is `Send`.
    let mut tasks = JoinSet::new();
    for n in 0..COUNT {
        let mailer = mailer.clone();
        tasks.spawn(async move {
            let mail = OutgoingMail::new(
                format!("reader{n}@example.org"),
                format!("Edition {n}"),
                "Body",
            );
            mailer.send(&mail).await
        });
    }
    let mut sent_ids = Vec::with_capacity(COUNT);
    while let Some(joined) = tasks.join_next().await {
        sent_ids.push(joined.expect("task").expect("sent").message_id);
    }

    let received = sink.wait_for(COUNT, WAIT).await;
    assert_eq!(received.len(), COUNT);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for mail in &received {
        *seen
            .entry(mail.header("Message-ID").expect("id"))
            .or_default() += 1;
    }
    assert_eq!(seen.len(), COUNT, "distinct Message-IDs");
    assert!(seen.values().all(|&n| n == 1));
    assert!(sent_ids.iter().all(|id| seen.contains_key(id)));
}
