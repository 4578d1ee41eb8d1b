//! The search index's life on a node, both backends: an unreadable index at start is
//! rebuilt in the background while search answers 503 "temporarily unavailable" (and the
//! rest of the site keeps serving); `byline reindex` rebuilds a data directory's index.

mod common;

use std::time::Duration;

use byline_store::testing::Backend;
use common::TestApp;

async fn a_corrupt_index_is_rebuilt_while_search_says_unavailable(backend: Backend) {
    let dir = tempfile::tempdir().expect("dir");
    let search_dir = dir.path().join("search");
    std::fs::create_dir_all(&search_dir).expect("mkdir");
    std::fs::write(search_dir.join("meta.json"), b"{ not an index").expect("garbage");
    let app = TestApp::start_with(backend, |web| web.search_dir = Some(search_dir.clone())).await;
    let mut answered = false;
    for _ in 0..100 {
        let r = app.get("/search?q=power").await;
        let status = r.status().as_u16();
        let retry = r.headers().contains_key("retry-after");
        let page = r.text().await.expect("body");
        if status == 200 {
            answered = true;
            assert!(page.contains("<mark>"), "finds the demo articles: {page}");
            break;
        }
        assert_eq!(status, 503, "only 503 while rebuilding: {page}");
        assert!(retry, "503 says when to come back");
        assert!(page.contains("temporarily unavailable"), "{page}");
        let (home, _) = app.text("/").await;
        assert_eq!(home, 200, "the site serves while search rebuilds");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(answered, "the rebuilt index answers");
    app.stop().await;
}

async fn reindex_rebuilds_a_data_dirs_index(backend: Backend) {
    let app = TestApp::start(backend).await;
    let dir = tempfile::tempdir().expect("dir");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("reindex")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--database-url", &app.db.url])
        .env("RUST_LOG", "warn")
        .output()
        .expect("run byline reindex");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count: usize = stdout
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count: {stdout}"));
    let listed = app
        .store
        .count_desk_articles(&byline_store::DeskQuery::default())
        .await
        .expect("count");
    assert_eq!(
        count as i64, listed,
        "every article not in the bin is indexed"
    );
    let index = byline_search::SearchIndex::open(&dir.path().join("search")).expect("open");
    assert_eq!(index.doc_count(), count as u64);
    assert!(index.cursor().is_some(), "records the change-log position");
    app.stop().await;
}

byline_store::on_both_backends!(
    a_corrupt_index_is_rebuilt_while_search_says_unavailable,
    reindex_rebuilds_a_data_dirs_index
);
