//! Helpers for the live-coverage desk tests: post a desk form with a fresh CSRF token
//! (as a plain form or as the desk script does), read ids from redirects, find items.

use byline_store::FeedQuery;

use super::desk::StaffClient;
use super::TestApp;

/// Posts a desk form as `who` with the CSRF token of `page`; status, Location and body.
pub async fn post_form(
    app: &TestApp,
    who: &StaffClient,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
    json: bool,
) -> (u16, String, String) {
    let csrf = app.csrf(&who.client, page).await;
    let mut form: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let mut request = who.client.post(app.url(path)).form(&form);
    if json {
        request = request.header("Accept", "application/json");
    }
    let r = request.send().await.expect("post");
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, location, r.text().await.expect("body"))
}

/// The id in a `/desk/…/{id}` or `/desk/…/{id}?saved=…` address.
pub fn id_in(location: &str, prefix: &str) -> i64 {
    location
        .strip_prefix(prefix)
        .and_then(|rest| rest.split(['?', '/']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id after {prefix} in {location:?}"))
}

/// The newest feed item with `headline`, draft or published.
pub async fn item_titled(app: &TestApp, headline: &str) -> Option<byline_domain::FeedItem> {
    let all = FeedQuery {
        limit: 100,
        ..FeedQuery::default()
    };
    let items = app.store().feed_items(&all).await.expect("items");
    items.into_iter().find(|i| i.headline == headline)
}
