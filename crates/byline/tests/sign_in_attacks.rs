//! Attacks on sign-in and accounts, against the real server on both backends: concurrent
//! guessing, locking a colleague out from another address, many sign-ins at once (memory),
//! replayed TOTP codes, turning two-factor off from an open session, telling a right password
//! from a wrong one, password-reset mail floods, and revoking API tokens with "sign out
//! everywhere". Client addresses are simulated with X-Forwarded-For (loopback is a trusted
//! proxy by default).

mod common;

use byline_mail::sink::SmtpSink;
use byline_store::testing::Backend;
use byline_web::auth::throttle;
use byline_web::auth::totp;
use common::desk::PASSWORD;
use common::TestApp;

const WRONG: &str = "not the password at all";

/// A sign-in post from `ip`, with the CSRF pair of `client`'s cookie jar.
async fn sign_in_from(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    ip: &str,
    email: &str,
    password: &str,
    code: &str,
) -> reqwest::Response {
    client
        .post(app.url("/desk/login"))
        .header("x-forwarded-for", ip)
        .form(&[
            ("_csrf", csrf),
            ("email", email),
            ("password", password),
            ("code", code),
            ("next", "/desk/"),
        ])
        .send()
        .await
        .expect("post")
}

async fn new_staff(app: &TestApp, role: &str, email: &str) -> byline_store::StaffMember {
    byline::staff_cli::add_user(app.store(), email, role, Some("Target"), PASSWORD)
        .await
        .expect("user")
}

fn step_now() -> i64 {
    chrono::Utc::now().timestamp() / 30
}

async fn concurrent_wrong_passwords_stop_at_the_limit_and_the_owner_still_signs_in(
    backend: Backend,
) {
    let app = TestApp::start(backend).await;
    let email = "target@news.example";
    new_staff(&app, "editor", email).await;
    let attacker = app.browser();
    let csrf = app.csrf(&attacker, "/desk/login").await;
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let (client, csrf, url) = (attacker.clone(), csrf.clone(), app.url("/desk/login"));
            tokio::spawn(async move {
                let r = client
                    .post(url)
                    .header("x-forwarded-for", "203.0.113.7")
                    .form(&[
                        ("_csrf", csrf.as_str()),
                        ("email", email),
                        ("password", WRONG),
                        ("next", "/desk/"),
                    ])
                    .send()
                    .await
                    .expect("post");
                (r.status().as_u16(), r.headers().contains_key("retry-after"))
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        let (status, retry_after) = t.await.expect("task");
        if status == 429 || status == 503 {
            assert!(retry_after, "{status} carries Retry-After");
        }
        statuses.push(status);
    }
    let count = |s: u16| statuses.iter().filter(|&&x| x == s).count();
    let limit = usize::try_from(throttle::PER_ACCOUNT_AND_ADDRESS.allowed).expect("limit");
    // 503 (no hashing slot free) is an attempt that was counted but not verified.
    assert!(
        count(401) + count(503) <= limit,
        "at most {limit} passwords checked: {statuses:?}"
    );
    assert!(
        count(429) >= 40 - limit,
        "the rest are throttled: {statuses:?}"
    );
    assert_eq!(count(401) + count(503) + count(429), 40, "{statuses:?}");

    // The owner, from an address without failures, signs in at once.
    let owner = app.browser();
    let csrf = app.csrf(&owner, "/desk/login").await;
    let r = sign_in_from(&app, &owner, &csrf, "198.51.100.20", email, PASSWORD, "").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/desk/");
    app.stop().await;
}

async fn spraying_from_other_addresses_never_locks_the_owner_out(backend: Backend) {
    let app = TestApp::start(backend).await;
    let email = "sprayed@news.example";
    new_staff(&app, "admin", email).await;
    let attacker = app.browser();
    let csrf = app.csrf(&attacker, "/desk/login").await;
    // One address keeps guessing long after it is throttled.
    let mut throttled = 0;
    for _ in 0..30 {
        let r = sign_in_from(&app, &attacker, &csrf, "203.0.113.9", email, WRONG, "").await;
        assert!(matches!(r.status().as_u16(), 401 | 429), "{}", r.status());
        throttled += usize::from(r.status() == 429);
    }
    assert!(
        throttled >= 25,
        "the attacking address is throttled ({throttled} of 30)"
    );
    // More addresses join in: the account now sees many failures from everywhere.
    let others: Vec<_> = (1..=3)
        .map(|n| {
            let (client, csrf, url) = (attacker.clone(), csrf.clone(), app.url("/desk/login"));
            tokio::spawn(async move {
                for _ in 0..5 {
                    let r = client
                        .post(&url)
                        .header("x-forwarded-for", format!("192.0.2.{n}"))
                        .form(&[
                            ("_csrf", csrf.as_str()),
                            ("email", email),
                            ("password", WRONG),
                        ])
                        .send()
                        .await
                        .expect("post");
                    assert!(matches!(r.status().as_u16(), 401 | 503), "{}", r.status());
                }
            })
        })
        .collect();
    for t in others {
        t.await.expect("task");
    }
    // The owner is at most slowed down, never refused.
    let owner = app.browser();
    let csrf = app.csrf(&owner, "/desk/login").await;
    let started = std::time::Instant::now();
    let r = sign_in_from(&app, &owner, &csrf, "198.51.100.30", email, PASSWORD, "").await;
    assert_eq!(r.status(), 303, "no 429 for the owner");
    assert!(
        started.elapsed() < throttle::MAX_DELAY + std::time::Duration::from_secs(3),
        "a bounded delay"
    );
    app.stop().await;
}

async fn a_hundred_sign_ins_at_once_keep_memory_flat(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = app.browser();
    let csrf = app.csrf(&client, "/desk/login").await;
    // Warm up what 100 concurrent requests cost without hashing (connections, buffers,
    // pages), and the decoy hash, so the measurement below is the hashing alone.
    let warm: Vec<_> = (0..100)
        .map(|_| tokio::spawn(client.get(app.url("/desk/login")).send()))
        .collect();
    for t in warm {
        assert_eq!(t.await.expect("task").expect("get").status(), 200);
    }
    let r = sign_in_from(
        &app,
        &client,
        &csrf,
        "198.18.1.1",
        "nobody@news.example",
        WRONG,
        "",
    )
    .await;
    assert_eq!(r.status(), 401);
    let before = peak_rss_kib();
    // Different addresses and unknown accounts: no throttle applies, every post wants argon2
    // (unknown accounts are checked against a decoy hash).
    let tasks: Vec<_> = (0..100)
        .map(|n| {
            let (client, csrf, url) = (client.clone(), csrf.clone(), app.url("/desk/login"));
            tokio::spawn(async move {
                let email = format!("nobody{n}@news.example");
                let r = client
                    .post(url)
                    .header(
                        "x-forwarded-for",
                        format!("198.18.{}.{}", n / 200, n % 200 + 1),
                    )
                    .form(&[
                        ("_csrf", csrf.as_str()),
                        ("email", email.as_str()),
                        ("password", WRONG),
                    ])
                    .send()
                    .await
                    .expect("post");
                (r.status().as_u16(), r.headers().get("retry-after").cloned())
            })
        })
        .collect();
    let mut busy = 0;
    for t in tasks {
        let (status, retry_after) = t.await.expect("task");
        assert!(status == 401 || status == 503, "{status}");
        if status == 503 {
            assert_eq!(
                retry_after.as_ref().and_then(|v| v.to_str().ok()),
                Some("1")
            );
            busy += 1;
        }
    }
    eprintln!("100 concurrent sign-ins: {busy} answered 503 busy");
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        // ~19 MiB per running hash; the old code ran all 100 at once (+1.4 GB). Allow the
        // slots of this server and of the tests running beside it in this process.
        let slots = std::thread::available_parallelism()
            .map_or(2, std::num::NonZeroUsize::get)
            .max(2);
        let budget_kib = u64::try_from(slots * 3 * 20 * 1024).expect("budget") + 256 * 1024;
        let grew = after.saturating_sub(before);
        eprintln!(
            "peak RSS grew by {} MiB (budget {} MiB)",
            grew / 1024,
            budget_kib / 1024
        );
        assert!(grew < budget_kib, "peak RSS grew by {} MiB", grew / 1024);
    }
    app.stop().await;
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

async fn a_totp_code_signs_in_only_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let email = "twofactor@news.example";
    let staff = new_staff(&app, "editor", email).await;
    let secret = totp::new_secret();
    app.store
        .set_totp_secret(staff.id, Some(&secret))
        .await
        .expect("totp on");
    let step = step_now();
    let code = totp::at_step(&secret, step).expect("code");
    let previous = totp::at_step(&secret, step - 1).expect("code");
    let client = app.browser();
    let csrf = app.csrf(&client, "/desk/login").await;
    assert_eq!(
        sign_in_from(
            &app,
            &client,
            &csrf,
            "198.51.100.40",
            email,
            PASSWORD,
            &code
        )
        .await
        .status(),
        303
    );
    let other = app.browser();
    let csrf = app.csrf(&other, "/desk/login").await;
    assert_eq!(
        sign_in_from(&app, &other, &csrf, "198.51.100.41", email, PASSWORD, &code)
            .await
            .status(),
        401,
        "the same code again"
    );
    if previous != code {
        assert_eq!(
            sign_in_from(
                &app,
                &other,
                &csrf,
                "198.51.100.41",
                email,
                PASSWORD,
                &previous
            )
            .await
            .status(),
            401,
            "the step before"
        );
    }
    app.stop().await;
}

async fn turning_two_factor_off_needs_the_password_and_a_code(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let id = app
        .store
        .staff_by_email(&editor.email)
        .await
        .expect("get")
        .expect("staff")
        .id;
    let csrf = app.csrf(&editor.client, "/desk/account").await;
    let secret = totp::new_secret();
    let step = step_now();
    let first = totp::at_step(&secret, step).expect("code");
    let enable = [
        ("_csrf", csrf.as_str()),
        ("secret", secret.as_str()),
        ("code", first.as_str()),
    ];
    let r = editor
        .client
        .post(app.url("/desk/account/totp"))
        .form(&enable)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    let totp_on = || async {
        app.store
            .staff_by_id(id)
            .await
            .expect("get")
            .expect("staff")
            .totp_secret
            .is_some()
    };
    assert!(totp_on().await);
    let page = app.page_as(&editor.client, "/desk/account").await;
    assert!(
        page.contains("name=\"password\"") && page.contains("totp-off-code"),
        "the form asks for both"
    );

    let next = totp::at_step(&secret, step + 1).expect("code");
    let disable = |fields: Vec<(&'static str, String)>| {
        let mut form = vec![("_csrf", csrf.clone())];
        form.extend(fields);
        editor
            .client
            .post(app.url("/desk/account/totp/disable"))
            .form(&form)
            .send()
    };
    let r = disable(vec![]).await.expect("post");
    assert_eq!(r.status(), 401, "neither password nor code");
    let r = disable(vec![("password", PASSWORD.into())])
        .await
        .expect("post");
    assert_eq!(r.status(), 401, "no code");
    let r = disable(vec![("password", WRONG.into()), ("code", next.clone())])
        .await
        .expect("post");
    assert_eq!(r.status(), 401, "wrong password");
    let r = disable(vec![("password", PASSWORD.into()), ("code", first.clone())])
        .await
        .expect("post");
    assert_eq!(r.status(), 401, "the code already used to turn it on");
    assert!(totp_on().await, "still on");
    // Without CSRF, refused as every form is.
    let r = editor
        .client
        .post(app.url("/desk/account/totp/disable"))
        .form(&[("password", PASSWORD), ("code", next.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);

    let r = disable(vec![("password", PASSWORD.into()), ("code", next.clone())])
        .await
        .expect("post");
    assert_eq!(r.status(), 303, "password and a fresh code");
    assert!(!totp_on().await, "off");
    let audit = app.store.audit_log(20, 0).await.expect("audit");
    assert!(audit
        .iter()
        .any(|e| e.action == "staff.totp_off" && e.target == editor.email));
    app.stop().await;
}

async fn a_right_password_without_its_code_reads_like_a_wrong_password(backend: Backend) {
    let app = TestApp::start(backend).await;
    let email = "quiet@news.example";
    let staff = new_staff(&app, "author", email).await;
    let secret = totp::new_secret();
    app.store
        .set_totp_secret(staff.id, Some(&secret))
        .await
        .expect("totp on");
    let client = app.browser();
    let csrf = app.csrf(&client, "/desk/login").await;
    let body = |password: &'static str, code: &'static str| {
        let (client, csrf) = (client.clone(), csrf.clone());
        let app = &app;
        async move {
            let r = sign_in_from(app, &client, &csrf, "198.51.100.50", email, password, code).await;
            assert_eq!(r.status(), 401);
            r.text().await.expect("body")
        }
    };
    let right_no_code = body(PASSWORD, "").await;
    let wrong_no_code = body(WRONG, "").await;
    let right_bad_code = body(PASSWORD, "12345").await;
    let wrong_bad_code = body(WRONG, "12345").await;
    assert!(right_no_code.contains(byline_web::desk::SIGN_IN_FAILED));
    assert_eq!(right_no_code, wrong_no_code, "the whole page is the same");
    assert_eq!(right_no_code, right_bad_code);
    assert_eq!(right_no_code, wrong_bad_code);
    assert!(
        right_no_code.contains("name=\"code\""),
        "the code field is always offered"
    );
    app.stop().await;
}

async fn password_reset_mails_are_limited_per_account(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    let email = "forgetful@news.example";
    new_staff(&app, "editor", email).await;
    new_staff(&app, "editor", "other@news.example").await;
    let client = app.browser();
    let csrf = app.csrf(&client, "/desk/password/forgot").await;
    let forgot = |ip: String, email: &'static str| {
        let (client, csrf, url) = (
            client.clone(),
            csrf.clone(),
            app.url("/desk/password/forgot"),
        );
        async move {
            let r = client
                .post(url)
                .header("x-forwarded-for", ip)
                .form(&[("_csrf", csrf.as_str()), ("email", email)])
                .send()
                .await
                .expect("post");
            (r.status().as_u16(), r.text().await.expect("body"))
        }
    };
    // Six requests for one account from six addresses (the per-address limit never applies).
    let mut pages = Vec::new();
    for n in 1..=6 {
        pages.push(forgot(format!("192.0.2.{n}"), email).await);
    }
    assert!(
        pages.iter().all(|p| p == &pages[0]),
        "the same neutral answer every time"
    );
    assert_eq!(pages[0].0, 200);
    let unknown = forgot("192.0.2.99".into(), "nobody@news.example").await;
    assert_eq!(unknown, pages[0], "and the same as for an unknown address");
    forgot("192.0.2.7".into(), "other@news.example").await;
    let limit = usize::try_from(throttle::RESET_PER_ACCOUNT.allowed).expect("limit");
    sink.wait_for(limit + 1, std::time::Duration::from_secs(10))
        .await;
    app.jobs_settled().await;
    let mails = sink.messages();
    let to = |address: &str| {
        mails
            .iter()
            .filter(|m| m.rcpt_to.iter().any(|r| r == address))
            .count()
    };
    assert_eq!(to(email), limit, "at most {limit} an hour for one account");
    assert_eq!(
        to("other@news.example"),
        1,
        "other accounts are not affected"
    );
    app.stop().await;
}

async fn signing_out_everywhere_can_revoke_the_api_tokens(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let api = || {
        app.client
            .get(app.url("/api/admin/articles"))
            .bearer_auth(&editor.token)
            .send()
    };
    assert_eq!(api().await.expect("get").status(), 200);
    let page = app.page_as(&editor.client, "/desk/account").await;
    assert!(
        page.contains("name=\"revoke_tokens\""),
        "the account page offers the checkbox"
    );

    // Without the box ticked, sessions end and tokens stay.
    let csrf = app.csrf(&editor.client, "/desk/account").await;
    let r = editor
        .client
        .post(app.url("/desk/account/sign-out-everywhere"))
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert_eq!(
        editor
            .client
            .get(app.url("/desk/"))
            .send()
            .await
            .expect("get")
            .status(),
        303,
        "signed out"
    );
    assert_eq!(
        api().await.expect("get").status(),
        200,
        "the token still works"
    );

    // Ticked: the tokens go too.
    let browser = app.browser();
    assert_eq!(
        app.sign_in(&browser, &editor.email, PASSWORD, "")
            .await
            .status(),
        303
    );
    let csrf = app.csrf(&browser, "/desk/account").await;
    let form = [("_csrf", csrf.as_str()), ("revoke_tokens", "1")];
    let r = browser
        .post(app.url("/desk/account/sign-out-everywhere"))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert_eq!(
        api().await.expect("get").status(),
        401,
        "the token is revoked"
    );
    assert_eq!(
        browser
            .get(app.url("/desk/"))
            .send()
            .await
            .expect("get")
            .status(),
        303,
        "signed out"
    );
    let audit = app.store.audit_log(20, 0).await.expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.action == "token.revoke_all" && e.target == editor.email),
        "audited"
    );
    app.stop().await;
}

byline_store::on_both_backends!(
    concurrent_wrong_passwords_stop_at_the_limit_and_the_owner_still_signs_in,
    spraying_from_other_addresses_never_locks_the_owner_out,
    a_hundred_sign_ins_at_once_keep_memory_flat,
    a_totp_code_signs_in_only_once,
    turning_two_factor_off_needs_the_password_and_a_code,
    a_right_password_without_its_code_reads_like_a_wrong_password,
    password_reset_mails_are_limited_per_account,
    signing_out_everywhere_can_revoke_the_api_tokens,
);
