//! DKIM signing: signed messages carry a DKIM-Signature for the configured domain and
//! selector; a bad key is a configuration error.

use byline_mail::sink::SmtpSink;
use byline_mail::{MailError, Mailer, OutgoingMail};

use crate::{config, WAIT};

/// A throw-away 1024-bit RSA key made for this test only; it signs nothing real.
const TEST_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDU1Q+NhF4vG6rV46ZaN9h/3gOm2hsjcT+/j+tr0XZ+OvJTdReN
YuZVHpgsbLkpMoEtoESEw3XtuL4w50izPFGNQPBietFm9f5plSeHv3i0XVcQIb0H
gNhEUugOFRTdTe67XcStJIpn1BRxJXtW/Us9RqkSnuGCDj1efoP5T05E9QIDAQAB
AoGAJRBZngaANGn4DTmQ3cM9876hGix/b2Ooe16/283lecQgMUKB8IBZplcmnw3s
DO2bq2tuo0Q6xERY8sFEWtpVRRehjK3loMqMnU9v7op2e4S4v9KdZvdfNAphRjiq
zLBOl9q6/KA0M+spmtBOFONJLBBmhKK5LNosNZOkIwNmTuECQQD5PWeZquxKfqOR
ZQuL/kK/MSNYsUAJbEW4leglaAN2pCDN525+l+9yIXetn21zGj2xKt2IuLGmgE5e
n+y6m+HNAkEA2prcNPdniF0fFdVTy3eeNIRBc9mFjFLF+ZlOjy2vIXxC6yND0047
HdaT8xKMfVZcHp7SEpji/gtZ7Kp0iNLnyQJBAJ3BAPbhmafZGhyn8TQNnh+3sWCs
6BROxJ59u68Zc7+/SMgq6OQVtMfvaPmrBDKrdErUD94+0KrLYU9BOCwxCC0CQGWW
we77amm8nM2QrbhIhoTxUVl9JMrpTIeJ7zAqktCE5rRPVx3DpUVgirDTVeaJU5YH
SKjL0/ErZUbOkAllucECQQCXCZjYQahps6Wa4RAiult0VpLKYBARkXwK5Yq4L3OC
eQh7jyuZ4K/cDgDjX6VqIXpKZt/wrlSP8GXN99aYcg3Z
-----END RSA PRIVATE KEY-----";

#[tokio::test]
async fn signs_messages_when_configured() {
    let sink = SmtpSink::start().await.expect("sink");
    let mailer = Mailer::new(&config(Some(sink.url())))
        .expect("config")
        .with_dkim("byline.example", "mail2026", TEST_KEY)
        .expect("dkim");
    mailer
        .send(&OutgoingMail::new(
            "reader@example.org",
            "Signed",
            "Hello.\n",
        ))
        .await
        .expect("sent");
    let mail = sink.wait_for(1, WAIT).await.pop().expect("one message");
    let signature = mail.header("DKIM-Signature").expect("signature header");
    assert!(
        signature.contains("d=byline.example")
            && signature.contains("s=mail2026")
            && signature.contains("a=rsa-sha256"),
        "{signature}"
    );
}

#[test]
fn a_bad_key_is_a_configuration_error() {
    let mailer = Mailer::new(&config(None)).expect("config");
    assert!(matches!(
        mailer.with_dkim("byline.example", "s", "not a key"),
        Err(MailError::Config(_))
    ));
}
