//! Unit tests of cached pages: encodings, ETags and the compression passes.

use super::*;

fn page(effort: Effort) -> CachedPage {
    let body = Bytes::from("<p>hello world, the ferry runs again</p>".repeat(200));
    CachedPage::new(
        "text/html; charset=utf-8",
        "public, max-age=60",
        Vec::new(),
        body,
        effort,
    )
}

fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.insert(k.clone(), HeaderValue::from_str(v).expect("header"));
    }
    h
}

fn decoded(p: &CachedPage) -> (Vec<u8>, Vec<u8>) {
    let mut gz = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&p.gzip.as_ref().expect("gzip").body[..]),
        &mut gz,
    )
    .expect("gunzip");
    let mut br = Vec::new();
    brotli::BrotliDecompress(&mut &p.brotli.as_ref().expect("brotli").body[..], &mut br)
        .expect("unbrotli");
    (gz, br)
}

#[test]
fn negotiates_encodings() {
    assert_eq!(Encoding::negotiate(&headers(&[])), Encoding::Identity);
    assert_eq!(
        Encoding::negotiate(&headers(&[(header::ACCEPT_ENCODING, "gzip, deflate")])),
        Encoding::Gzip
    );
    assert_eq!(
        Encoding::negotiate(&headers(&[(header::ACCEPT_ENCODING, "gzip, br")])),
        Encoding::Brotli
    );
    assert_eq!(
        Encoding::negotiate(&headers(&[(header::ACCEPT_ENCODING, "br;q=0, gzip")])),
        Encoding::Gzip
    );
}

#[test]
fn compressed_variants_decode_to_the_same_body_at_both_efforts() {
    for effort in [Effort::Fast, Effort::Best] {
        let p = page(effort);
        let (gz, br) = decoded(&p);
        assert_eq!(gz, p.identity.body.to_vec());
        assert_eq!(br, p.identity.body.to_vec());
        assert!(p.brotli.as_ref().expect("br").body.len() < p.identity.body.len() / 4);
        assert_ne!(
            p.brotli.as_ref().expect("br").etag,
            p.identity.etag,
            "each representation has its own strong ETag"
        );
    }
}

#[test]
fn recompressing_keeps_etags_and_content_and_shrinks() {
    let fast = page(Effort::Fast);
    let best = fast.recompressed().expect("fast pages recompress");
    assert!(best.recompressed().is_none(), "best is final");
    assert_eq!(best.identity.etag, fast.identity.etag);
    assert_eq!(
        best.brotli.as_ref().expect("br").etag,
        fast.brotli.as_ref().expect("br").etag
    );
    let (gz, br) = decoded(&best);
    assert_eq!(
        (gz.clone(), br),
        (fast.identity.body.to_vec(), fast.identity.body.to_vec())
    );
    assert!(best.weight() <= fast.weight());
}

#[test]
fn answers_304_for_a_matching_etag() {
    let p = page(Effort::Fast);
    let first = p.respond(&headers(&[(header::ACCEPT_ENCODING, "br")]));
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()[header::CONTENT_ENCODING], "br");
    let etag = first.headers()[header::ETAG]
        .to_str()
        .expect("etag")
        .to_owned();
    let again = p.respond(&headers(&[
        (header::ACCEPT_ENCODING, "br"),
        (header::IF_NONE_MATCH, &etag),
    ]));
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let other = p.respond(&headers(&[(header::IF_NONE_MATCH, &etag)]));
    assert_eq!(other.status(), StatusCode::OK, "identity has another ETag");
}

#[test]
fn weight_counts_every_body() {
    let p = page(Effort::Fast);
    let bodies = p.identity.body.len()
        + p.gzip.as_ref().expect("gz").body.len()
        + p.brotli.as_ref().expect("br").body.len();
    assert!(p.weight() >= u64::try_from(bodies).expect("fits"));
}
