//! RSS 2.0 with the rss crate.

use rss::{CategoryBuilder, ChannelBuilder, GuidBuilder, ItemBuilder};

use super::Feed;

pub(super) fn render(feed: &Feed) -> String {
    let items = feed
        .items
        .iter()
        .map(|i| {
            ItemBuilder::default()
                .title(Some(i.title.clone()))
                .link(Some(i.url.clone()))
                .guid(Some(
                    GuidBuilder::default()
                        .value(i.url.clone())
                        .permalink(true)
                        .build(),
                ))
                .description(Some(i.summary.clone()))
                .pub_date(Some(i.published.to_rfc2822()))
                .categories(
                    i.categories
                        .iter()
                        .map(|c| CategoryBuilder::default().name(c.clone()).build())
                        .collect::<Vec<_>>(),
                )
                .dublin_core_ext(Some(rss::extension::dublincore::DublinCoreExtension {
                    creators: i.authors.iter().map(|(name, _)| name.clone()).collect(),
                    ..Default::default()
                }))
                .build()
        })
        .collect::<Vec<_>>();
    let mut namespaces = std::collections::BTreeMap::new();
    namespaces.insert(
        "dc".to_owned(),
        rss::extension::dublincore::NAMESPACE.to_owned(),
    );
    namespaces.insert("atom".to_owned(), "http://www.w3.org/2005/Atom".to_owned());
    let channel = ChannelBuilder::default()
        .title(feed.title.clone())
        .link(feed.home_url.clone())
        .description(if feed.description.is_empty() {
            feed.title.clone()
        } else {
            feed.description.clone()
        })
        .language(Some(feed.language.clone()))
        .copyright(Some(feed.rights.text.clone()))
        .last_build_date(Some(feed.updated.to_rfc2822()))
        .namespaces(namespaces)
        .atom_ext(Some(rss::extension::atom::AtomExtension {
            links: vec![rss::extension::atom::Link {
                href: feed.self_url.clone(),
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Default::default()
            }],
        }))
        .items(items)
        .build();
    channel.to_string()
}
