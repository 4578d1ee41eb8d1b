//! Atom 1.0 with the atom_syndication crate.

use atom_syndication::{Category, Entry, FeedBuilder, Link, Person, Text};

use super::Feed;

pub(super) fn render(feed: &Feed) -> String {
    let link = |href: &str, rel: &str| Link {
        href: href.to_owned(),
        rel: rel.to_owned(),
        ..Default::default()
    };
    let entries = feed
        .items
        .iter()
        .map(|i| Entry {
            id: i.url.clone(),
            title: Text::plain(i.title.clone()),
            updated: i.updated.into(),
            published: Some(i.published.into()),
            summary: Some(Text::plain(i.summary.clone())),
            links: vec![link(&i.url, "alternate")],
            authors: i
                .authors
                .iter()
                .map(|(name, uri)| Person {
                    name: name.clone(),
                    uri: Some(uri.clone()),
                    ..Default::default()
                })
                .collect(),
            categories: i
                .categories
                .iter()
                .map(|c| Category {
                    term: c.clone(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        })
        .collect::<Vec<_>>();
    FeedBuilder::default()
        .id(feed.home_url.clone())
        .title(Text::plain(feed.title.clone()))
        .subtitle(Some(Text::plain(feed.description.clone())))
        .updated(feed.updated)
        .lang(Some(feed.language.clone()))
        .rights(Some(Text::plain(feed.rights.text.clone())))
        .links(vec![
            link(&feed.home_url, "alternate"),
            link(&feed.self_url, "self"),
        ])
        .entries(entries)
        .build()
        .to_string()
}
