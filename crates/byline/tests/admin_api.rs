//! The Admin API over HTTP on both backends: JSON in and out, status codes, media uploads
//! that lose their GPS metadata, the OpenAPI document, the CLI commands behind tokens.

mod common;

use byline_store::testing::Backend;
use common::TestApp;
use serde_json::{json, Value};

async fn articles_round_trip_with_clear_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.staff("editor").await.token;
    let post = |body: Value| {
        app.client
            .post(app.url("/api/admin/articles"))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };

    let r = post(json!({"headline": "Power restored in Vesk", "body": "## Now\n\nLights are on.", "section": "news", "tags": ["Energy"], "authors": ["news-desk"]})).await.expect("post");
    assert_eq!(r.status(), 201);
    let text = r.text().await.expect("body");
    let created: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let id = created["id"].as_i64().expect("id");
    assert_eq!(
        created["url"],
        "http://news.example/articles/power-restored-in-vesk"
    );
    assert_eq!(created["status"], "draft");
    assert_eq!(created["version"], 1);

    let r = post(json!({"headline": "Power restored in Vesk", "body": "x", "section": "news"}))
        .await
        .expect("post");
    assert_eq!(r.status(), 409, "slug taken");
    let r = post(json!({"body": "x", "section": "sport"}))
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let errors: Value = r.json().await.expect("json");
    assert!(errors["fields"]["headline"].is_string(), "{errors}");
    let r = post(json!({"headline": "Bad section", "body": "x", "section": "sport"}))
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(r.json::<Value>().await.expect("json")["fields"]["section"]
        .as_str()
        .expect("msg")
        .contains("sport"));
    let r = post(json!({"headline": "Typo", "body": "x", "section": "news", "headlnie": "?"}))
        .await
        .expect("post");
    assert_eq!(r.status(), 422, "unknown fields are refused");
    let r = app
        .client
        .post(app.url("/api/admin/articles"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 400);

    let patch = |body: Value| {
        app.client
            .patch(app.url(&format!("/api/admin/articles/{id}")))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let r = patch(json!({"standfirst": "After three days.", "version": 1}))
        .await
        .expect("patch");
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.expect("json")["version"], 2);
    assert_eq!(
        patch(json!({"standfirst": "Stale.", "version": 1}))
            .await
            .expect("patch")
            .status(),
        409
    );

    let r = app
        .client
        .post(app.url(&format!("/api/admin/articles/{id}/publish")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("publish");
    assert_eq!(r.status(), 200);
    let page = app
        .eventually("/articles/power-restored-in-vesk", |b| {
            b.contains("Power restored in Vesk")
        })
        .await;
    assert!(page.contains("After three days."));
    let one: Value = app
        .client
        .get(app.url(&format!("/api/admin/articles/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(one["status"], "published");
    assert_eq!(
        app.client
            .get(app.url("/api/admin/articles/999999"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .status(),
        404
    );

    let r = app
        .client
        .post(app.url(&format!("/api/admin/articles/{id}/unpublish")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("unpublish");
    assert_eq!(r.status(), 200);
    let r = app
        .client
        .delete(app.url(&format!("/api/admin/articles/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("delete");
    assert_eq!(r.status(), 204);
    let list: Value = app
        .client
        .get(app.url("/api/admin/articles?limit=200"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    assert!(
        list.as_array()
            .expect("array")
            .iter()
            .all(|a| a["id"] != id),
        "deleted articles leave the list"
    );

    let spec: Value = app
        .client
        .get(app.url("/api/admin/openapi.json"))
        .send()
        .await
        .expect("spec")
        .json()
        .await
        .expect("json");
    assert_eq!(spec["openapi"], "3.1.0");
    for path in [
        "/api/admin/articles",
        "/api/admin/articles/{id}",
        "/api/admin/articles/{id}/publish",
        "/api/admin/media",
        "/api/admin/sections",
        "/api/admin/authors",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} documented");
    }
    app.stop().await;
}

/// A JPEG with an EXIF segment holding GPS coordinates.
fn jpeg_with_gps() -> Vec<u8> {
    let img = image::RgbImage::from_fn(1200, 800, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&img)
        .expect("encode");
    // TIFF (little endian) with IFD0 → GPS IFD holding GPSLatitudeRef "N".
    let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&[1, 0]); // one entry
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0]); // GPSInfo → offset 26
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(&[1, 0]);
    tiff.extend_from_slice(&[1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]); // GPSLatitudeRef = "N"
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    app1.extend_from_slice(b"GPSSECRETLOCATION");
    let len = u16::try_from(app1.len() + 2).expect("len");
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

async fn media_uploads_lose_their_location_and_bad_files_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.staff("contributor").await.token;
    let upload = |bytes: Vec<u8>, name: &str, alt: &str| {
        let form = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
            )
            .text("alt", alt.to_owned())
            .text("caption", "Repair crews at work")
            .text("credit", "Photo: Staff");
        app.client
            .post(app.url("/api/admin/media"))
            .bearer_auth(&token)
            .multipart(form)
            .send()
    };
    let original = jpeg_with_gps();
    assert!(original.windows(17).any(|w| w == b"GPSSECRETLOCATION"));
    let r = upload(original, "IMG_0001.png", "Crews repairing a line")
        .await
        .expect("upload");
    assert_eq!(r.status(), 201, "type comes from the content, not the name");
    let media: Value = r.json().await.expect("json");
    assert_eq!(media["content_type"], "image/jpeg");
    assert_eq!(media["width"], 1200);
    assert!(!media["variants"].as_array().expect("variants").is_empty());
    let name = media["name"].as_str().expect("name");
    let stored = app
        .client
        .get(app.url(&format!("/media/{name}")))
        .send()
        .await
        .expect("get")
        .bytes()
        .await
        .expect("bytes");
    assert!(!stored.windows(4).any(|w| w == b"Exif"), "EXIF stripped");
    assert!(!stored.windows(17).any(|w| w == b"GPSSECRETLOCATION"));
    for variant in media["variants"].as_array().expect("variants") {
        let path = variant
            .as_str()
            .expect("url")
            .trim_start_matches("http://news.example");
        let r = app.get(path).await;
        assert_eq!(r.status(), 200);
        assert!(!r
            .bytes()
            .await
            .expect("bytes")
            .windows(4)
            .any(|w| w == b"Exif"));
    }

    // The public page offers the variants with srcset, WebP first.
    let r = app
        .client
        .post(app.url("/api/admin/articles"))
        .bearer_auth(&app.staff("editor").await.token)
        .json(&json!({"headline": "Linemen at work", "body": "Text.", "section": "news", "hero_image": name, "hero_alt": "Crews repairing a line", "status": "published"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 201);
    let page = app
        .eventually("/articles/linemen-at-work", |b| {
            b.contains("Linemen at work")
        })
        .await;
    assert!(
        page.contains(r#"<source type="image/webp" srcset="/media/"#),
        "WebP variants offered"
    );
    assert!(
        page.contains("480w") && page.contains("960w"),
        "widths listed"
    );

    let r = upload(b"%PDF-1.7 not an image".to_vec(), "photo.jpg", "alt")
        .await
        .expect("upload");
    assert_eq!(r.status(), 422);
    assert!(r.json::<Value>().await.expect("json")["fields"]["file"]
        .as_str()
        .expect("msg")
        .contains("JPEG"));
    let r = upload(jpeg_with_gps(), "x.jpg", "").await.expect("upload");
    assert_eq!(r.status(), 422, "alt text required");
    let huge = vec![0xFFu8; 21 * 1024 * 1024];
    let r = upload(huge, "huge.jpg", "alt").await;
    assert!(
        r.map(|r| r.status().as_u16() == 413 || r.status().as_u16() == 422)
            .unwrap_or(true),
        "oversized uploads are refused"
    );
    app.stop().await;
}

byline_store::on_both_backends!(
    articles_round_trip_with_clear_errors,
    media_uploads_lose_their_location_and_bad_files_are_refused
);
