//! Signed articles end to end on both backends: a published revision is signed once, its
//! page embeds the signature, `byline verify URL` against the running server says
//! genuine, and saved copies are caught when one word, the headline or a byline changes,
//! the signature is stripped or tampered, or the file is cut short or not HTML at all.
//! Rotation keeps old signatures verifying; key files others may read are refused; a node
//! without the key does not sign.

mod common;

use std::path::Path;

use byline_store::testing::{Backend, TestDatabase};
use common::TestApp;
use serde_json::{json, Value};

const ARTICLE: &str = "/articles/grid-repairs-restore-power-to-calder";

async fn signing_app(backend: Backend, keys: &Path) -> TestApp {
    let dir = keys.to_owned();
    TestApp::start_with(backend, move |web| web.signing_key_dir = Some(dir)).await
}

/// Runs the `byline` binary; its exit status and everything it printed.
async fn byline(args: Vec<String>) -> (i32, String) {
    tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(&args)
            .env_remove("BYLINE_CONFIG")
            .output()
            .expect("run byline");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    })
    .await
    .expect("join")
}

async fn verify_file(page: &Path, keys: &Path, signed: Option<&Path>) -> (i32, String) {
    let mut args = vec![
        "verify".to_owned(),
        "--file".into(),
        page.display().to_string(),
        "--keys".into(),
        keys.display().to_string(),
    ];
    if let Some(signed) = signed {
        args.extend(["--signed".to_owned(), signed.display().to_string()]);
    }
    byline(args).await
}

async fn published_revisions_are_signed_and_verify(backend: Backend) {
    let keys_dir = tempfile::tempdir().expect("keys");
    let app = signing_app(backend, &keys_dir.path().join("keys")).await;
    let (status, page) = app.text(ARTICLE).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<script type=\"application/byline-signature+json\">"),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<link rel=\"alternate\" type=\"application/byline-signature+json\" href=\"{ARTICLE}/signature.json\">"
    )));
    assert!(page.contains("data-byline-body"));

    let article = app
        .store
        .article(&ARTICLE[10..])
        .await
        .expect("read")
        .expect("article");
    let stored = app
        .store
        .article_signature(article.id, article.version)
        .await
        .expect("read")
        .expect("the revision is signed");
    let (_, keys_json) = app.text("/.well-known/byline-keys.json").await;
    let keys: Value = serde_json::from_str(&keys_json).expect("keys json");
    assert_eq!(keys["keys"].as_array().map(Vec::len), Some(1), "{keys}");
    assert_eq!(keys["keys"][0]["id"], stored.key_id.as_str());
    assert!(keys["keys"][0]["valid_until"].is_null());
    let (status, signature) = app.text(&format!("{ARTICLE}/signature.json")).await;
    assert_eq!(status, 200);
    let signature: Value = serde_json::from_str(&signature).expect("signature json");
    assert_eq!(signature["canonical_text"], stored.canonical_text.as_str());
    assert_eq!(signature["signed"]["revision"], article.version);
    assert_eq!(
        signature["signed"]["proof"]["cryptosuite"],
        "eddsa-jcs-2022"
    );
    // A second render does not sign again: the stored signature stands.
    let again = app
        .store
        .article_signature(article.id, article.version)
        .await
        .expect("read");
    assert_eq!(again.as_ref(), Some(&stored));

    let (code, out) = byline(vec!["verify".into(), app.url(ARTICLE)]).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&format!(
            "genuine: revision {} of \"{}\" (http://news.example{ARTICLE}) signed by {}",
            article.version, article.headline, stored.key_id
        )),
        "{out}"
    );

    // Saved copies, checked offline.
    let dir = tempfile::tempdir().expect("dir");
    let keys_file = dir.path().join("keys.json");
    std::fs::write(&keys_file, &keys_json).expect("write keys");
    let signed_file = dir.path().join("signature.json");
    std::fs::write(&signed_file, signature.to_string()).expect("write signature");
    let save = |name: &str, html: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, html).expect("write page");
        path
    };
    let (code, out) = verify_file(&save("same.html", &page), &keys_file, None).await;
    assert_eq!(code, 0, "{out}");

    let word = stored
        .canonical_text
        .split_whitespace()
        .find(|w| {
            w.len() > 6 && w.chars().all(char::is_alphabetic) && page.matches(*w).count() >= 1
        })
        .expect("a word of the body")
        .to_owned();
    let body_at = page.find("data-byline-body").expect("body");
    let (head, body) = page.split_at(body_at);
    let altered = format!("{head}{}", body.replacen(&word, "Forged", 1));
    let (code, out) =
        verify_file(&save("word.html", &altered), &keys_file, Some(&signed_file)).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("[-{word}-]")) && out.contains("{+Forged+}"),
        "{out}"
    );

    let headline = page.replacen(
        &format!("data-byline-headline>{}<", article.headline),
        "data-byline-headline>Grid collapses again<",
        1,
    );
    let (code, out) = verify_file(&save("headline.html", &headline), &keys_file, None).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("headline: the page says \"Grid collapses again\""),
        "{out}"
    );

    let first_author = &article.authors[0].name;
    let byline_changed = page.replacen(
        &format!("data-byline-author>{first_author}<"),
        "data-byline-author>Somebody Else<",
        1,
    );
    let (code, out) = verify_file(&save("byline.html", &byline_changed), &keys_file, None).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("bylines:") && out.contains("Somebody Else"),
        "{out}"
    );

    let script_at = page
        .find("<script type=\"application/byline-signature+json\">")
        .expect("script");
    let script_end =
        script_at + page[script_at..].find("</script>").expect("end") + "</script>".len();
    let stripped = format!("{}{}", &page[..script_at], &page[script_end..]);
    let (code, out) = verify_file(&save("stripped.html", &stripped), &keys_file, None).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("has no signature"), "{out}");

    let proof = signature["signed"]["proof"]["proofValue"]
        .as_str()
        .expect("proof");
    let tampered = page.replacen(proof, &format!("{}1", &proof[..proof.len() - 1]), 1);
    let (code, out) = verify_file(&save("tampered.html", &tampered), &keys_file, None).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("signature"), "{out}");

    let (code, out) =
        verify_file(&save("cut.html", &page[..page.len() / 2]), &keys_file, None).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("truncated"), "{out}");
    let png = dir.path().join("photo.html");
    std::fs::write(
        &png,
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff],
    )
    .expect("png");
    let (code, out) = verify_file(&png, &keys_file, None).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not UTF-8"), "{out}");

    let (_, home) = app.text("/").await;
    let (code, out) = verify_file(&save("home.html", &home), &keys_file, None).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("unsigned page"), "{out}");

    // A key list without the signing key: unknown key id.
    let other = json!({"format": "byline-keys/1", "keys": []});
    let other_keys = dir.path().join("other-keys.json");
    std::fs::write(&other_keys, other.to_string()).expect("write");
    let (code, out) = verify_file(&save("same2.html", &page), &other_keys, None).await;
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(&format!("names key \"{}\"", stored.key_id)),
        "{out}"
    );
    app.stop().await;
}

async fn rotation_keeps_old_signatures_verifying(backend: Backend) {
    let keys_dir = tempfile::tempdir().expect("keys");
    let dir = keys_dir.path().join("keys");
    let app = signing_app(backend, &dir).await;
    let (status, _) = app.text(ARTICLE).await;
    assert_eq!(status, 200);
    let old = app
        .store
        .current_signing_key()
        .await
        .expect("read")
        .expect("key");

    let db_args = |command: &str| {
        vec![
            "keys".to_owned(),
            command.to_owned(),
            "--database-url".into(),
            app.db.url.clone(),
            "--signing-key-dir".into(),
            dir.display().to_string(),
        ]
    };
    let (code, out) = byline(db_args("rotate")).await;
    assert_eq!(code, 0, "{out}");
    let new = app
        .store
        .current_signing_key()
        .await
        .expect("read")
        .expect("key");
    assert_ne!(new.id, old.id);
    assert!(out.contains(&new.id) && out.contains(&old.id), "{out}");
    let (code, out) = byline(db_args("list")).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("{}  valid from", old.id)), "{out}");
    assert!(out.contains("until now (current)"), "{out}");

    let keys = app
        .eventually("/.well-known/byline-keys.json", |b| b.contains(&new.id))
        .await;
    let keys: Value = serde_json::from_str(&keys).expect("json");
    // Both keys may start in the same second, so find each by its id, not its place.
    let listed = |id: &str| {
        keys["keys"]
            .as_array()
            .and_then(|all| all.iter().find(|k| k["id"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("{id} is listed: {keys}"))
    };
    assert!(
        listed(&old.id)["valid_until"].is_string(),
        "the old key's period is closed: {keys}"
    );
    assert!(listed(&new.id)["valid_until"].is_null());

    let (code, out) = byline(vec!["verify".into(), app.url(ARTICLE)]).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("signed by {}", old.id)), "{out}");

    // A revision published now is signed by the new key, on the publish path.
    let token = app.staff("editor").await.token;
    let r = app
        .client
        .post(app.url("/api/admin/articles"))
        .bearer_auth(&token)
        .json(&json!({"headline": "Fresh after rotation", "body": "Signed by the new key.", "section": "news", "authors": ["news-desk"], "status": "published"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 201);
    let fresh = app
        .store
        .article("fresh-after-rotation")
        .await
        .expect("read")
        .expect("article");
    let signed = app
        .store
        .article_signature(fresh.id, fresh.version)
        .await
        .expect("read")
        .expect("signed when published, before any render");
    assert_eq!(signed.key_id, new.id);
    let (code, out) = byline(vec![
        "verify".into(),
        app.url("/articles/fresh-after-rotation"),
    ])
    .await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("signed by {}", new.id)), "{out}");
    app.stop().await;
}

async fn key_files_others_may_read_are_refused(backend: Backend) {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDatabase::create(backend).await.expect("db");
    let store = db.store().await.expect("store");
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = byline_trust::KeyDir::new(tmp.path().join("keys"));
    let signer = byline_jobs::Signer::new(dir.clone());
    assert!(matches!(
        signer.prepare(store.as_ref()).await.expect("first start"),
        byline_jobs::KeyState::Created(_)
    ));
    let id = store
        .current_signing_key()
        .await
        .expect("read")
        .expect("key")
        .id;
    let file = dir.path().join(format!("{id}.pem"));
    assert_eq!(
        std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(dir.path())
            .expect("meta")
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let err = byline_jobs::Signer::new(dir.clone())
        .prepare(store.as_ref())
        .await
        .expect_err("a key file others may read");
    assert!(
        err.to_string().contains("others may read it (chmod 600"),
        "{err}"
    );

    // A second node with an empty key directory on the same database: no competing key,
    // it does not sign.
    let other_tmp = tempfile::tempdir().expect("tmp");
    let other = byline_jobs::Signer::new(byline_trust::KeyDir::new(other_tmp.path().join("keys")));
    assert_eq!(
        other.prepare(store.as_ref()).await.expect("second node"),
        byline_jobs::KeyState::NotHere(id)
    );
    assert_eq!(store.signing_keys().await.expect("keys").len(), 1);
    assert!(other_tmp
        .path()
        .join("keys")
        .read_dir()
        .expect("dir")
        .next()
        .is_none());
    db.cleanup().await;
}

byline_store::on_both_backends!(
    published_revisions_are_signed_and_verify,
    rotation_keeps_old_signatures_verifying,
    key_files_others_may_read_are_refused,
);
