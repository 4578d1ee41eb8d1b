//! The render cache: public pages and feeds rendered once, kept in memory pre-compressed
//! with strong ETags, under a **byte budget** (every variant counted) with a scan-resistant
//! eviction policy (quick_cache's S3-FIFO), so a flood of distinct URLs evicts cold
//! entries and never grows memory past the budget or stops caching.
//!
//! A content change naming one of a page's tags marks it stale: it is no longer served,
//! except when the store cannot render it again (stale-if-error). Keys are canonical
//! ([`key`]); concurrent misses for one key render once ([`flight`]); new entries are
//! compressed fast and recompressed at best effort in the background ([`recompress`]).

pub mod flight;
pub mod key;
mod page;
pub mod recompress;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub(crate) use page::etag_matches;
pub use page::{CachedPage, Effort, Encoding};

/// Default byte budget: all variants of all pages together.
pub const DEFAULT_BUDGET: u64 = 64 * 1024 * 1024;

#[derive(Clone)]
struct PageWeight;

impl quick_cache::Weighter<String, Arc<CachedPage>> for PageWeight {
    fn weight(&self, key: &String, page: &Arc<CachedPage>) -> u64 {
        page.weight() + u64::try_from(key.len()).unwrap_or(u64::MAX)
    }
}

/// Counts evictions for the metrics.
#[derive(Clone, Default)]
struct Evictions(Arc<AtomicU64>);

impl quick_cache::Lifecycle<String, Arc<CachedPage>> for Evictions {
    type RequestState = ();
    fn begin_request(&self) {}
    fn on_evict(&self, _: &mut (), _: String, _: Arc<CachedPage>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

type Pages = quick_cache::sync::Cache<
    String,
    Arc<CachedPage>,
    PageWeight,
    quick_cache::DefaultHashBuilder,
    Evictions,
>;

/// What the cache holds for a key.
pub enum Lookup {
    /// Serve it.
    Fresh(Arc<CachedPage>),
    /// Past its TTL: serve it and refresh in the background (stale-while-revalidate).
    Expired(Arc<CachedPage>),
    /// Invalidated by a change: render again; serve only if rendering fails.
    Stale(Arc<CachedPage>),
    Missing,
}

/// Counters read by `/metrics`.
#[derive(Debug, Default)]
pub struct CacheStats {
    pub hits: AtomicU64,
    pub misses: AtomicU64,
    /// Stale pages served because the store could not render (stale-if-error).
    pub stale_served: AtomicU64,
    /// Renders that were not stored (too large for the budget, or raced by a change).
    pub not_stored: AtomicU64,
}

/// Invalidations remembered for renders in flight (a render that started before the
/// oldest one remembered is not stored).
const REMEMBERED_INVALIDATIONS: usize = 256;

/// Pages by canonical key (see [`key`]).
pub struct RenderCache {
    pages: Pages,
    evictions: Evictions,
    budget: u64,
    /// Bumped by every invalidation; a render that started before one that touches its
    /// dependencies is not stored.
    generation: AtomicU64,
    /// Serialises "check the generation, then insert" against invalidation, and holds the
    /// latest invalidations' tags by generation.
    write: Mutex<std::collections::VecDeque<(u64, Vec<String>)>>,
    pub stats: CacheStats,
    pub flights: flight::Flights,
    pub(crate) recompress: recompress::Queue,
}

impl Default for RenderCache {
    fn default() -> Self {
        Self::new(DEFAULT_BUDGET)
    }
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache")
            .field("budget", &self.budget)
            .field("bytes", &self.bytes())
            .finish_non_exhaustive()
    }
}

impl RenderCache {
    /// A cache holding at most `budget` bytes of pages.
    pub fn new(budget: u64) -> Self {
        let budget = budget.max(1024 * 1024);
        // Each shard holds budget/shards, and a page larger than a shard is not kept:
        // shards of at least 4 MiB fit a 5,000-URL sitemap with its variants.
        let shards = usize::try_from(budget / (4 * 1024 * 1024))
            .unwrap_or(1)
            .clamp(1, 16);
        let evictions = Evictions::default();
        let options = quick_cache::OptionsBuilder::new()
            .shards(shards)
            .estimated_items_capacity(usize::try_from(budget / 16_384).unwrap_or(4096).max(64))
            .weight_capacity(budget)
            .build();
        let pages = match options {
            Ok(options) => Pages::with_options(
                options,
                PageWeight,
                quick_cache::DefaultHashBuilder::default(),
                evictions.clone(),
            ),
            Err(_) => Pages::with(
                4096,
                budget,
                PageWeight,
                quick_cache::DefaultHashBuilder::default(),
                evictions.clone(),
            ),
        };
        Self {
            pages,
            evictions,
            budget,
            generation: AtomicU64::new(0),
            write: Mutex::new(std::collections::VecDeque::new()),
            stats: CacheStats::default(),
            flights: flight::Flights::default(),
            recompress: recompress::Queue::default(),
        }
    }

    /// A page to serve as it is: fresh, not invalidated, not expired.
    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        match self.lookup(key) {
            Lookup::Fresh(page) => Some(page),
            _ => None,
        }
    }

    pub fn lookup(&self, key: &str) -> Lookup {
        match self.pages.get(key) {
            None => Lookup::Missing,
            Some(page) if page.is_stale() => Lookup::Stale(page),
            Some(page) if page.is_expired() => Lookup::Expired(page),
            Some(page) => Lookup::Fresh(page),
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Stores a page rendered while the cache was at `generation`, unless content it
    /// depends on changed since (an invalidation of one of its tags, or of the whole site;
    /// one too old to be remembered counts as a change). Returns whether it was stored.
    pub fn insert(&self, key: String, page: Arc<CachedPage>, generation: u64) -> bool {
        let Ok(recent) = self.write.lock() else {
            return false;
        };
        let now = self.generation.load(Ordering::Acquire);
        let remembered = recent.front().is_some_and(|(g, _)| *g <= generation + 1);
        let changed = now != generation
            && (!remembered
                || recent
                    .iter()
                    .filter(|(g, _)| *g > generation)
                    .any(|(_, tags)| tags.iter().any(|t| t == "site" || page.deps.contains(t))));
        if changed || page.weight() > self.budget / 4 {
            self.stats.not_stored.fetch_add(1, Ordering::Relaxed);
            return false;
        }
        self.pages.insert(key, page);
        true
    }

    /// Swaps in `new` (the same page, better compressed) if `old` is still the entry.
    pub fn replace_if_current(
        &self,
        key: &str,
        old: &Arc<CachedPage>,
        new: Arc<CachedPage>,
    ) -> bool {
        let Ok(_write) = self.write.lock() else {
            return false;
        };
        match self.pages.peek(key) {
            Some(current) if Arc::ptr_eq(&current, old) && !current.is_stale() => {
                self.pages.replace(key.to_owned(), new, true).is_ok()
            }
            _ => false,
        }
    }

    /// Marks every page built from any of `tags` stale; the `site` tag marks everything.
    /// Returns how many pages were marked.
    pub fn invalidate(&self, tags: &[String]) -> usize {
        let Ok(mut recent) = self.write.lock() else {
            return 0;
        };
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        recent.push_back((generation, tags.to_vec()));
        if recent.len() > REMEMBERED_INVALIDATIONS {
            recent.pop_front();
        }
        let everything = tags.iter().any(|t| t == "site");
        let mut marked = 0;
        for (_, page) in self.pages.iter() {
            if !page.is_stale() && (everything || page.deps.iter().any(|d| tags.contains(d))) {
                page.mark_stale();
                marked += 1;
            }
        }
        marked
    }

    /// Entries held (fresh or stale).
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held, as weighed against the budget.
    pub fn bytes(&self) -> u64 {
        self.pages.weight()
    }

    pub fn budget(&self) -> u64 {
        self.budget
    }

    pub fn evictions(&self) -> u64 {
        self.evictions.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;

    fn page(deps: &[&str], size: usize) -> Arc<CachedPage> {
        let body = Bytes::from("x".repeat(size));
        Arc::new(CachedPage::new(
            "application/octet-stream",
            "public, max-age=60",
            deps.iter().map(|d| (*d).to_owned()).collect(),
            body,
            Effort::Fast,
        ))
    }

    #[test]
    fn invalidates_exactly_the_pages_built_from_a_tag() {
        let cache = RenderCache::default();
        let g = cache.generation();
        assert!(cache.insert("/a".into(), page(&["article:a", "section:news"], 10), g));
        assert!(cache.insert("/b".into(), page(&["article:b", "section:culture"], 10), g));
        assert!(cache.insert("/".into(), page(&["home"], 10), g));
        assert_eq!(cache.invalidate(&["section:news".into(), "home".into()]), 2);
        assert!(cache.get("/a").is_none() && cache.get("/").is_none());
        assert!(
            matches!(cache.lookup("/a"), Lookup::Stale(_)),
            "kept for stale-if-error"
        );
        assert!(cache.get("/b").is_some());
        assert_eq!(cache.invalidate(&["site".into()]), 1);
        assert!(cache.get("/b").is_none());
    }

    #[test]
    fn expired_pages_are_not_served_fresh() {
        let cache = RenderCache::default();
        let g = cache.generation();
        let short = CachedPage::new(
            "text/plain",
            "no-cache",
            Vec::new(),
            Bytes::from("x"),
            Effort::Fast,
        )
        .expiring_after(std::time::Duration::ZERO);
        cache.insert("/news".into(), Arc::new(short), g);
        assert!(cache.get("/news").is_none());
        assert!(matches!(cache.lookup("/news"), Lookup::Expired(_)));
    }

    #[test]
    fn a_render_older_than_an_invalidation_is_not_stored() {
        let cache = RenderCache::default();
        let g = cache.generation();
        cache.invalidate(&["home".into()]);
        assert!(!cache.insert("/".into(), page(&["home"], 10), g));
        assert!(cache.get("/").is_none());
        // The whole site changing counts for every page.
        let g = cache.generation();
        cache.invalidate(&["site".into()]);
        assert!(!cache.insert("/".into(), page(&["home"], 10), g));
    }

    #[test]
    fn an_invalidation_of_other_tags_does_not_stop_a_render_being_stored() {
        let cache = RenderCache::default();
        let g = cache.generation();
        // The search index follower invalidates `search` after every indexed change.
        cache.invalidate(&["search".into()]);
        cache.invalidate(&["article:other".into()]);
        assert!(cache.insert("/".into(), page(&["home"], 10), g));
        assert!(cache.get("/").is_some());
        // A render older than the invalidations still remembered is not stored.
        let g = cache.generation();
        for _ in 0..=super::REMEMBERED_INVALIDATIONS {
            cache.invalidate(&["search".into()]);
        }
        assert!(!cache.insert("/x".into(), page(&["home"], 10), g));
    }

    #[test]
    fn a_flood_of_distinct_keys_stays_within_the_byte_budget_and_keeps_caching() {
        let budget = 4 * 1024 * 1024;
        let cache = RenderCache::new(budget);
        let g = cache.generation();
        for i in 0..4000 {
            cache.insert(format!("/articles/x?junk={i}"), page(&[], 20_000), g);
            assert!(
                cache.bytes() <= budget,
                "{} bytes after {i} inserts",
                cache.bytes()
            );
        }
        assert!(
            cache.evictions() > 3000,
            "cold entries were evicted: {}",
            cache.evictions()
        );
        assert!(
            cache.get("/articles/x?junk=3999").is_some(),
            "the newest entry is still cached"
        );
    }

    #[test]
    fn a_page_larger_than_a_quarter_of_the_budget_is_not_kept() {
        let cache = RenderCache::new(4 * 1024 * 1024);
        assert!(!cache.insert(
            "/big".into(),
            page(&[], 2 * 1024 * 1024),
            cache.generation()
        ));
    }

    #[test]
    fn recompressed_pages_replace_only_the_current_entry() {
        let cache = RenderCache::default();
        let g = cache.generation();
        let old = page(&["home"], 10);
        cache.insert("/".into(), Arc::clone(&old), g);
        let newer = page(&["home"], 10);
        assert!(cache.replace_if_current("/", &old, Arc::clone(&newer)));
        assert!(
            !cache.replace_if_current("/", &old, page(&["home"], 10)),
            "old is no longer the entry"
        );
        cache.invalidate(&["home".into()]);
        assert!(
            !cache.replace_if_current("/", &newer, page(&["home"], 10)),
            "a stale entry is not revived"
        );
    }
}
