//! Content changes and the render-cache tags they touch.

use std::collections::BTreeSet;

/// A render-cache dependency such as `article:grid-repairs`, `section:news`, `home`.
/// A cached page lists the tags it was built from; a change lists the tags it affects.
pub type CacheTag = String;

/// One committed write and the cache tags it invalidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentChange {
    pub id: i64,
    pub tags: Vec<CacheTag>,
}

/// Tag meaning "everything" (site settings, section list and other site-wide chrome).
pub const SITE: &str = "site";

/// Collects tags without duplicates, in a stable order.
#[derive(Debug, Default)]
pub(crate) struct TagSet(BTreeSet<String>);

impl TagSet {
    pub fn add(&mut self, tag: impl Into<String>) -> &mut Self {
        self.0.insert(tag.into());
        self
    }

    pub fn add_kind<'a>(
        &mut self,
        kind: &str,
        slugs: impl IntoIterator<Item = &'a str>,
    ) -> &mut Self {
        for slug in slugs {
            self.0.insert(format!("{kind}:{slug}"));
        }
        self
    }

    pub fn encode(&self) -> String {
        self.0.iter().cloned().collect::<Vec<_>>().join(" ")
    }
}

pub(crate) fn decode(id: i64, tags: &str) -> ContentChange {
    ContentChange {
        id,
        tags: tags.split_whitespace().map(str::to_owned).collect(),
    }
}
