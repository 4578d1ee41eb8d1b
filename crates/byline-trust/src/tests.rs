//! Round trips and tampering over the whole crate: sign a revision, render a page around
//! it, verify, then change one thing at a time.

use chrono::{TimeZone, Utc};
use ed25519_dalek::SigningKey;

use crate::keys::{KeyList, PublishedKey};
use crate::page::read_page;
use crate::verify::{verify, Evidence, FromUrl, Verdict};
use crate::{manifest_for, proof, Revision};

const URL: &str = "https://news.example/articles/budget";
const BODY: &str = "<h2 id=\"vote\">The vote <a class=\"anchor\" data-byline-unsigned href=\"#vote\">#</a></h2>\n<p>The council approved the budget on Monday, see <a href=\"/articles/roads\">roads</a>.</p>\n<p><img src=\"/media/hall.jpg\" alt=\"\"></p>";

fn key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n; 32])
}

fn keys() -> KeyList {
    let from = Utc
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .expect("time");
    KeyList::new(vec![
        PublishedKey::new("k1", &key(1).verifying_key(), from, None),
        PublishedKey::new("k2", &key(2).verifying_key(), from, None),
    ])
}

fn signed(with: &SigningKey, named: &str) -> (String, String) {
    let at = Utc
        .with_ymd_and_hms(2025, 3, 1, 9, 30, 0)
        .single()
        .expect("time");
    let rev = Revision {
        url: URL,
        headline: "Budget passes",
        bylines: vec!["Ann Lee".into(), "Bo Chen".into()],
        published: at,
        modified: at,
        revision: 3,
        language: "en",
        body_html: BODY,
        hero_url: None,
    };
    let (body, manifest) = manifest_for(&rev, &|_| Some("ab".repeat(32))).expect("manifest");
    let method = format!("https://news.example/.well-known/byline-keys.json#{named}");
    let secured = proof::sign(&manifest, with, &method, at).expect("sign");
    let json = serde_json::to_string(&secured).expect("json");
    (json, body.text)
}

fn page(signature: &str, headline: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta property=\"article:published_time\" content=\"2025-03-01T11:30:00+02:00\">\
         <meta property=\"article:modified_time\" content=\"2025-03-01T09:30:00Z\">\
         <script type=\"application/byline-signature+json\">{signature}</script></head><body>\
         <article lang=\"en\"><h1 data-byline-headline>{headline}</h1><p>by <a data-byline-author>Ann Lee</a> and <a data-byline-author>Bo Chen</a></p>\
         <div data-byline-body>\n{body}\n</div><footer><a href=\"https://x.com/share\">share</a></footer></article></body></html>"
    )
}

fn check(html: &str, signed_text: Option<&str>) -> Verdict {
    let facts = read_page(html.as_bytes()).expect("page");
    let keys = keys();
    let links = FromUrl {
        base: url::Url::parse(URL).expect("url"),
        relative_images_are_remote: true,
    };
    verify(&Evidence {
        page: &facts,
        keys: &keys,
        signed_text,
        links: &links,
    })
}

#[test]
fn a_signed_page_is_genuine() {
    let (sig, _) = signed(&key(1), "k1");
    let verdict = check(&page(&sig, "Budget passes", BODY), None);
    assert_eq!(
        verdict.explain(),
        format!(
            "genuine: revision 3 of \"Budget passes\" ({URL}) signed by k1 on 2025-03-01T09:30:00Z"
        )
    );
    assert_eq!(verdict.exit_code(), 0);
}

#[test]
fn one_changed_word_is_named_in_the_diff() {
    let (sig, text) = signed(&key(1), "k1");
    let body = BODY.replace("approved", "rejected");
    let verdict = check(&page(&sig, "Budget passes", &body), Some(&text));
    assert_eq!(verdict.exit_code(), 1);
    let out = verdict.explain();
    assert!(out.contains("text: the article text differs"), "{out}");
    assert!(out.contains("[-approved-]{+rejected+}"), "{out}");
}

#[test]
fn a_changed_headline_or_byline_is_named() {
    let (sig, _) = signed(&key(1), "k1");
    let out = check(&page(&sig, "Budget fails", BODY), None).explain();
    assert!(
        out.contains("headline: the page says \"Budget fails\""),
        "{out}"
    );
    let bylines = page(&sig, "Budget passes", BODY).replace(">Bo Chen</a>", ">Eve Mallory</a>");
    let out = check(&bylines, None).explain();
    assert!(
        out.contains("bylines:") && out.contains("Eve Mallory"),
        "{out}"
    );
}

#[test]
fn an_added_link_or_unsigned_element_is_found() {
    let (sig, _) = signed(&key(1), "k1");
    let linked = BODY.replace(
        "roads</a>.",
        "roads</a> <a href=\"https://evil.example/\">here</a>.",
    );
    let out = check(&page(&sig, "Budget passes", &linked), None).explain();
    assert!(
        out.contains("links added: [\"https://evil.example/\"]"),
        "{out}"
    );
    let smuggled = format!("{BODY}<aside data-byline-unsigned>The mayor resigned</aside>");
    let out = check(&page(&sig, "Budget passes", &smuggled), None).explain();
    assert!(out.contains("marked unsigned"), "{out}");
}

#[test]
fn a_swapped_or_unknown_key_and_a_tampered_proof_are_refused() {
    let (sig, _) = signed(&key(2), "k1");
    let out = check(&page(&sig, "Budget passes", BODY), None);
    assert_eq!(out.exit_code(), 1);
    assert!(
        out.explain()
            .contains("made by key \"k2\", not by key \"k1\""),
        "{}",
        out.explain()
    );

    let (sig, _) = signed(&key(3), "k9");
    let out = check(&page(&sig, "Budget passes", BODY), None);
    assert_eq!(out.exit_code(), 2, "{}", out.explain());
    assert!(out.explain().contains("key \"k9\""), "{}", out.explain());

    let (sig, _) = signed(&key(1), "k1");
    let value: serde_json::Value = serde_json::from_str(&sig).expect("json");
    let proof_value = value["proof"]["proofValue"].as_str().expect("proof value");
    for (bad, says) in [
        (proof_value.replacen('z', "x", 1), "must start with `z`"),
        (format!("{proof_value}0OIl"), "not valid base58"),
        (proof_value[..40].to_owned(), "bytes long"),
    ] {
        let tampered = sig.replace(proof_value, &bad);
        let out = check(&page(&tampered, "Budget passes", BODY), None);
        assert_eq!(out.exit_code(), 1);
        assert!(out.explain().contains(says), "{}", out.explain());
    }
    let forged_manifest = sig.replace("\"revision\":3", "\"revision\":2");
    let out = check(&page(&forged_manifest, "Budget passes", BODY), None);
    assert!(
        out.explain().contains("does not match the manifest"),
        "{}",
        out.explain()
    );
}

#[test]
fn a_stripped_signature_or_unsigned_page_cannot_be_checked() {
    let html = page("", "Budget passes", BODY).replace(
        "<script type=\"application/byline-signature+json\"></script>",
        "",
    );
    let out = check(&html, None);
    assert_eq!(out.exit_code(), 2);
    assert!(
        out.explain().contains("has no signature"),
        "{}",
        out.explain()
    );
    let plain = "<!DOCTYPE html><html><body><p>Hello</p></body></html>";
    assert!(check(plain, None).explain().contains("unsigned page"));
}
