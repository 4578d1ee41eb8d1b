//! End-to-end checks of the index: cross-script names, drafts, bad queries, corrupt dir, cursor.

use byline_search::{IndexedArticle, QueryProblem, SearchError, SearchIndex, SearchQuery};

fn article(id: i64, edition: &str, headline: &str, body: &str, published: bool) -> IndexedArticle {
    IndexedArticle {
        id,
        slug: format!("a{id}"),
        edition: edition.into(),
        language: edition.into(),
        headline: headline.into(),
        standfirst: String::new(),
        body_text: body.into(),
        section: "news".into(),
        authors: vec![],
        author_names: vec![],
        tags: vec![],
        published_at: Some(chrono::Utc::now()),
        updated_at: chrono::Utc::now(),
        published,
    }
}

fn ids(index: &SearchIndex, text: &str) -> Vec<i64> {
    let mut v: Vec<i64> = index
        .search(&SearchQuery::text(text))
        .expect("search")
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

#[test]
fn names_find_each_other_across_scripts_and_drafts_stay_hidden() {
    let index = SearchIndex::in_memory().expect("index");
    index
        .upsert(vec![
            article(
                1,
                "uk",
                "Лукашенко приїхав до Харкова",
                "Зустріч у Києві тривала годину.",
                true,
            ),
            article(
                2,
                "en",
                "Zelenskyy visits Kharkiv",
                "The president spoke about power strikes.",
                true,
            ),
            article(3, "en", "Draft about Kharkiv", "Not yet out.", false),
        ])
        .expect("upsert");
    assert_eq!(ids(&index, "Lukashenka"), vec![1]);
    assert_eq!(ids(&index, "Kharkov"), vec![1, 2]);
    assert_eq!(ids(&index, "Зеленський"), vec![2]);
    assert_eq!(ids(&index, "Kiev"), vec![1]);
    assert_eq!(ids(&index, "strike"), vec![2]);
    let hit = &index
        .search(&SearchQuery::text("Kharkiv"))
        .expect("search")
        .hits;
    assert!(hit.iter().any(|h| h.headline_html.contains("<mark>")));
}

#[test]
fn bad_queries_say_why() {
    let index = SearchIndex::in_memory().expect("index");
    let problem = |t: &str| match index.search(&SearchQuery::text(t)) {
        Err(SearchError::BadQuery(p)) => Some(p),
        _ => None,
    };
    assert_eq!(problem(""), Some(QueryProblem::Empty));
    assert_eq!(problem(&"a".repeat(1000)), Some(QueryProblem::TooLong));
    assert_eq!(problem("\"\"\""), Some(QueryProblem::NoTerms));
    assert_eq!(problem("-- OR AND"), Some(QueryProblem::NoTerms));
    assert_eq!(problem("\u{0}\u{7}"), Some(QueryProblem::Empty));
}

#[test]
fn corrupt_dir_is_an_error_and_cursor_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open(dir.path()).expect("open");
    index
        .upsert_at(vec![article(1, "en", "Kyiv", "Kyiv text", true)], &[], "42")
        .expect("upsert");
    assert_eq!(index.cursor().as_deref(), Some("42"));
    drop(index);
    std::fs::write(dir.path().join("meta.json"), "garbage{").expect("write");
    assert!(matches!(
        SearchIndex::open(dir.path()),
        Err(SearchError::Corrupt(_))
    ));
}
