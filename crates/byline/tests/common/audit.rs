//! Helpers for the audit tests: find and check audit entries, post desk forms, a small image.

use byline_store::{AuditEntry, Store};

use super::desk::StaffClient;
use super::TestApp;

/// The newest audit entry with `action` and `target`, if any.
pub async fn entry(store: &dyn Store, action: &str, target: &str) -> Option<AuditEntry> {
    store
        .audit_log(1000, 0)
        .await
        .expect("audit log")
        .into_iter()
        .find(|e| e.action == action && e.target == target)
}

pub async fn assert_audited(store: &dyn Store, actor: &str, action: &str, target: &str, via: &str) {
    let Some(found) = entry(store, action, target).await else {
        let log = recent_log(store).await;
        panic!("no audit entry {action} {target}; log:\n{}", log.join("\n"))
    };
    assert_eq!(found.actor, actor, "actor of {action} {target}");
    assert!(
        found.detail.contains(&format!("via {via}")),
        "{action} {target} came via {via}: {:?}",
        found.detail
    );
}

pub async fn recent_log(store: &dyn Store) -> Vec<String> {
    store
        .audit_log(60, 0)
        .await
        .expect("audit log")
        .into_iter()
        .map(|e| format!("{} {} {} {}", e.actor, e.action, e.target, e.detail))
        .collect()
}

/// A small PNG for uploads.
pub fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

/// Posts a desk form as `who` (with their session's CSRF token); returns status and body.
pub async fn desk_post(
    app: &TestApp,
    who: &StaffClient,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let csrf = app.csrf(&who.client, "/desk/").await;
    let mut form: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let r = who
        .client
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

pub async fn article_id(store: &dyn Store, slug: &str) -> i64 {
    store
        .article(slug)
        .await
        .expect("get")
        .unwrap_or_else(|| panic!("no article {slug}"))
        .id
}
