//! Related articles and "read also" suggestions: same edition, published only, never the
//! article itself, best match first, over several segments and after deletions.

use byline_search::{IndexedArticle, SearchIndex};

fn article(id: i64, edition: &str, language: &str, body: &str, published: bool) -> IndexedArticle {
    IndexedArticle {
        id,
        slug: format!("a{id}"),
        edition: edition.into(),
        language: language.into(),
        headline: format!("Story {id}"),
        standfirst: String::new(),
        body_text: body.into(),
        section: "news".into(),
        authors: vec![],
        author_names: vec![format!("Writer {}", id % 3)],
        tags: vec![format!("topic {}", id % 4)],
        published_at: published.then(chrono::Utc::now),
        updated_at: chrono::Utc::now(),
        published,
    }
}

const GRID: &str = "The power grid repairs in Kharkiv continue; engineers restore substations \
                    and transformers after the strikes, generators keep hospitals running.";
const GRAIN: &str = "Grain exports through the Black Sea corridor grew; farmers and traders \
                     expect a larger harvest, while freight insurance prices fall.";
const THEATRE: &str = "The opera theatre reopens its season with a premiere; the orchestra and \
                       the choir rehearsed in the shelter during the winter.";

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().expect("index");
    // Three commits: three segments at least until a merge.
    index
        .upsert(vec![
            article(1, "en", "en", GRID, true),
            article(2, "en", "en", GRAIN, true),
            article(3, "en", "en", THEATRE, true),
        ])
        .expect("upsert");
    index
        .upsert(vec![
            article(4, "en", "en", &format!("{GRID} Crews work at night."), true),
            article(5, "en", "en", &format!("{GRID} A draft update."), false),
            // Same words, another edition.
            article(6, "world", "en", &format!("{GRID} Syndicated."), true),
        ])
        .expect("upsert");
    index
        .upsert(vec![
            article(7, "en", "en", &format!("{GRAIN} Ports are busy."), true),
            article(8, "en", "en", "Grid repairs: substations restored.", true),
        ])
        .expect("upsert");
    index
}

#[test]
fn related_stays_in_edition_published_and_not_itself() {
    let index = index();
    let found = index.related(1, 6).expect("related");
    assert_eq!(found.first(), Some(&4), "{found:?}");
    assert!(found.contains(&8), "{found:?}");
    for not in [1, 5, 6] {
        assert!(!found.contains(&not), "{not} in {found:?}");
    }
    let found = index.related(2, 6).expect("related");
    assert_eq!(found.first(), Some(&7), "{found:?}");
    // The other edition's copy finds nothing of "en".
    let found = index.related(6, 6).expect("related");
    assert!(found.is_empty(), "{found:?}");
    assert!(index.related(999, 6).expect("related").is_empty());
}

#[test]
fn related_respects_limit_and_deletions() {
    let index = index();
    assert_eq!(index.related(1, 1).expect("related"), vec![4]);
    index.remove(&[4]).expect("remove");
    let found = index.related(1, 6).expect("related");
    assert!(!found.contains(&4), "{found:?}");
    assert_eq!(found.first(), Some(&8), "{found:?}");
    // Updating an article replaces it: still found once.
    index
        .upsert(vec![article(8, "en", "en", GRID, true)])
        .expect("upsert");
    let found = index.related(1, 6).expect("related");
    assert_eq!(found.iter().filter(|id| **id == 8).count(), 1, "{found:?}");
    assert_eq!(found.first(), Some(&8), "{found:?}");
}

#[test]
fn like_text_finds_by_edition_and_excludes() {
    let index = index();
    let found = index
        .like_text("grain corridor exports and the harvest", "en", None, 3)
        .expect("like text");
    // Both grain stories first; a third shares "the" at most.
    assert!(
        found[..2].contains(&2) && found[..2].contains(&7),
        "{found:?}"
    );
    let found = index
        .like_text("grain corridor exports and the harvest", "en", Some(7), 1)
        .expect("like text");
    assert_eq!(found, vec![2]);
    let found = index
        .like_text("substations and transformers", "world", None, 3)
        .expect("like text");
    assert_eq!(found, vec![6]);
    assert!(index
        .like_text("", "en", None, 3)
        .expect("like text")
        .is_empty());
}

#[test]
fn like_text_in_cyrillic() {
    let index = SearchIndex::in_memory().expect("index");
    index
        .upsert(vec![
            article(
                1,
                "uk",
                "uk",
                "Ремонт енергетики у Харкові триває після ударів.",
                true,
            ),
            article(
                2,
                "uk",
                "uk",
                "Фермери збирають урожай зерна, експорт зростає.",
                true,
            ),
        ])
        .expect("upsert");
    let found = index
        .like_text("Енергетики завершують ремонт підстанцій", "uk", None, 5)
        .expect("like text");
    assert_eq!(found, vec![1]);
}

#[test]
fn words_in_most_articles_do_not_make_them_related() {
    // 200 articles all say "harbour weather"; only 1 and 2 share words of their own.
    let index = SearchIndex::in_memory().expect("index");
    let docs = (1..=200)
        .map(|id| {
            let own = if id <= 2 {
                "substations transformers engineers"
            } else {
                ""
            };
            let body = format!("Harbour weather, harbour weather report {own} item{id}x");
            article(id, "en", "en", &body, true)
        })
        .collect();
    index.upsert(docs).expect("upsert");
    assert_eq!(index.related(1, 6).expect("related"), vec![2]);
    let found = index
        .like_text("harbour weather and substations", "en", None, 6)
        .expect("like text");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.contains(&1) && found.contains(&2), "{found:?}");
}
