//! Signing and verifying cost (a benchmark, not a test): builds the manifest of a
//! 1,200-word body, canonicalises and signs it N times, then reads and verifies the page
//! around it N times. Run: `cargo run --release -p byline-trust --example signing_bench`.

use std::time::Instant;

use byline_trust::keys::{KeyList, PublishedKey};
use byline_trust::page::read_page;
use byline_trust::verify::{verify, Evidence, FromUrl};
use byline_trust::{manifest_for, proof, Revision, SigningKey};
use chrono::Utc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const N: u32 = 2_000;
    let paragraph = "<p>The council approved the winter budget on Monday after a long debate about roads, schools and the grid, <a href=\"/articles/roads\">roads</a>.</p>\n";
    let body = format!(
        "<h2 id=\"a\">Vote <a class=\"anchor\" data-byline-unsigned href=\"#a\">#</a></h2>\n{}",
        paragraph.repeat(60)
    );
    let key = SigningKey::from_bytes(&rand::random::<[u8; 32]>());
    let now = Utc::now();
    let rev = Revision {
        url: "https://news.example/articles/budget",
        headline: "Budget passes",
        bylines: vec!["Ann Lee".into()],
        published: now,
        modified: now,
        revision: 1,
        language: "en",
        body_html: &body,
        hero_url: None,
    };
    let method = "https://news.example/.well-known/byline-keys.json#k1";
    let start = Instant::now();
    let mut signed = None;
    for _ in 0..N {
        let (_, manifest) = manifest_for(&rev, &|_| None)?;
        signed = Some(proof::sign(&manifest, &key, method, now)?);
    }
    let sign_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(N);
    let json = serde_json::to_string(&signed.ok_or("nothing signed")?)?;
    let page = format!(
        "<!DOCTYPE html><html><head><meta property=\"article:published_time\" content=\"{t}\"><meta property=\"article:modified_time\" content=\"{t}\"><script type=\"application/byline-signature+json\">{json}</script></head><body><article lang=\"en\"><h1 data-byline-headline>Budget passes</h1><a data-byline-author>Ann Lee</a><div data-byline-body>{body}</div></article></body></html>",
        t = byline_trust::manifest::manifest_time(now)
    );
    let keys = KeyList::new(vec![PublishedKey::new(
        "k1",
        &key.verifying_key(),
        now - chrono::Duration::days(1),
        None,
    )]);
    let links = FromUrl {
        base: url::Url::parse(rev.url)?,
        relative_images_are_remote: true,
    };
    let start = Instant::now();
    for _ in 0..N {
        let facts = read_page(page.as_bytes())?;
        let verdict = verify(&Evidence {
            page: &facts,
            keys: &keys,
            signed_text: None,
            links: &links,
        });
        assert_eq!(verdict.exit_code(), 0, "{}", verdict.explain());
    }
    let verify_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(N);
    println!(
        "body {} bytes: manifest + JCS + sign {sign_us:.0} µs per publish; read + verify one page {verify_us:.0} µs",
        body.len()
    );
    Ok(())
}
