//! One-typo matching (and when it stays out), and what the snippets and headlines mark,
//! including on a second search that answers from the highlighters' shared word memo.

use byline_search::{IndexedArticle, SearchIndex, SearchQuery, FUZZY_BELOW};

fn article(id: i64, language: &str, headline: &str, body: &str) -> IndexedArticle {
    IndexedArticle {
        id,
        slug: format!("a{id}"),
        edition: language.into(),
        language: language.into(),
        headline: headline.into(),
        standfirst: String::new(),
        body_text: body.into(),
        section: "news".into(),
        authors: vec![],
        author_names: vec![],
        tags: vec![],
        published_at: Some(chrono::Utc::now()),
        updated_at: chrono::Utc::now(),
        published: true,
    }
}

fn ids(index: &SearchIndex, text: &str) -> Vec<i64> {
    let mut v: Vec<i64> = index
        .search(&SearchQuery {
            per_page: 50,
            ..SearchQuery::text(text)
        })
        .expect("search")
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

#[test]
fn one_typo_finds_long_words_only_and_ranks_below_exact() {
    let index = SearchIndex::in_memory().expect("index");
    index
        .upsert(vec![
            article(1, "en", "Volunteers repair the harbour", "Cranes again."),
            article(3, "en", "The pier", "Boats."),
            article(4, "uk", "Волонтери в порту", "Зеленський приїхав."),
            article(5, "en", "Harbor news", "Ships."),
        ])
        .expect("upsert");
    // Five letters or more: one edit (a dropped, swapped or changed letter) still finds it,
    // in either script.
    assert_eq!(
        ids(&index, "hrabour"),
        vec![1],
        "harbor is two edits from hrabour"
    );
    assert_eq!(ids(&index, "Zelenksyy"), vec![4]);
    assert_eq!(ids(&index, "Зелеський"), vec![4]);
    // Two edits, or a short word with one, find nothing.
    assert!(ids(&index, "hrabur").is_empty());
    assert!(ids(&index, "peir").is_empty());
    // The exact match outranks the one-typo match.
    let found = index.search(&SearchQuery::text("harbour")).expect("search");
    let order: Vec<i64> = found.hits.iter().map(|h| h.id).collect();
    assert_eq!(order, vec![1, 5]);
}

#[test]
fn a_word_spelt_right_with_enough_hits_is_not_diluted_by_its_neighbours() {
    let index = SearchIndex::in_memory().expect("index");
    let many = i64::try_from(FUZZY_BELOW).expect("small");
    let mut docs: Vec<IndexedArticle> = (1..=many)
        .map(|id| article(id, "en", "Bridge reopens", "Traffic is back."))
        .collect();
    docs.push(article(
        99,
        "en",
        "Brigde works",
        "A typo in the article itself.",
    ));
    index.upsert(docs).expect("upsert");
    let right: Vec<i64> = (1..=many).collect();
    assert_eq!(
        ids(&index, "bridge"),
        right,
        "enough exact hits: no neighbours"
    );
    let mut with_typo = right.clone();
    with_typo.push(99);
    assert_eq!(
        ids(&index, "brigde"),
        with_typo,
        "few exact hits: neighbours join"
    );
    index.remove(&[many]).expect("remove");
    let mut fewer: Vec<i64> = (1..many).collect();
    fewer.push(99);
    assert_eq!(
        ids(&index, "bridge"),
        fewer,
        "below the threshold the typo joins"
    );
}

#[test]
fn marks_come_out_the_same_from_a_fresh_and_a_warm_memo() {
    let index = SearchIndex::in_memory().expect("index");
    index
        .upsert(vec![
            article(
                1,
                "uk",
                "Лукашенко <b>і</b> Київ",
                "Учора Лукашенко говорив про Київ & Одесу.",
            ),
            article(2, "en", "Kyiv talks", "In Kyiv, a council."),
        ])
        .expect("upsert");
    let search = |q: &str| {
        let mut hits = index.search(&SearchQuery::text(q)).expect("search").hits;
        hits.sort_by_key(|h| h.id);
        hits.into_iter()
            .map(|h| (h.headline_html, h.snippet_html))
            .collect::<Vec<_>>()
    };
    let first = search("Lukashenka Kiev");
    assert_eq!(
        first,
        search("Lukashenka Kiev"),
        "a warm memo marks the same"
    );
    let (headline, snippet) = &first[0];
    assert_eq!(
        headline,
        "<mark>Лукашенко</mark> &lt;b&gt;і&lt;/b&gt; <mark>Київ</mark>"
    );
    assert!(snippet.contains("<mark>Лукашенко</mark>"), "{snippet}");
    assert!(snippet.contains("<mark>Київ</mark>"), "{snippet}");
    assert!(snippet.contains("&amp;"), "{snippet}");
    let kyiv = search("Київ");
    assert_eq!(kyiv.len(), 2);
    assert_eq!(kyiv[1].0, "<mark>Kyiv</mark> talks");
}
