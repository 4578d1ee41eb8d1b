//! JSON Feed 1.1 (https://jsonfeed.org/version/1.1).

use serde_json::json;

use super::Feed;

pub(super) fn render(feed: &Feed) -> String {
    let items: Vec<_> = feed
        .items
        .iter()
        .map(|i| {
            let mut item = json!({
                "id": i.url,
                "url": i.url,
                "title": i.title,
                "summary": i.summary,
                "content_text": i.summary,
                "date_published": i.published.to_rfc3339(),
                "date_modified": i.updated.to_rfc3339(),
                "authors": i.authors.iter().map(|(name, url)| json!({"name": name, "url": url})).collect::<Vec<_>>(),
                "tags": i.categories,
            });
            if let (Some(image), Some(obj)) = (&i.image, item.as_object_mut()) {
                obj.insert("image".into(), json!(image));
            }
            item
        })
        .collect();
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.self_url,
        "description": feed.description,
        "language": feed.language,
        // A JSON Feed extension (https://www.jsonfeed.org/version/1.1/#extensions-a-name-extensions-a).
        "_byline": {
            "about": feed.rights_url,
            "rights": feed.rights.text,
            "excerpt_cap": feed.rights.cap,
        },
        "items": items,
    })
    .to_string()
}
