//! The Byline web application: router, render cache, error pages and the reading site.
//! Each capability (reading site, feeds and SEO files, later desk, newsletters, live …)
//! lives in its own module with its handlers; templates sit under `templates/<capability>/`.
#![forbid(unsafe_code)]

pub mod api;
pub mod audio;
pub mod auth;
pub mod cache;
mod cache_first;
mod chrome;
pub mod client_ip;
pub mod desk;
pub(crate) mod editions;
mod error;
pub mod feeds;
pub mod health;
mod invalidation;
pub mod live;
mod middleware;
pub mod newsletters;
pub mod ops;
mod rendered;
pub mod search;
pub mod serve;
pub mod site;
pub mod trust;
mod view;
pub mod workflow;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use byline_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use cache::RenderCache;
pub use error::AppError;
pub use invalidation::spawn_invalidation;
pub use rendered::Rendered;

/// Web settings that come from configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public origin used in canonical links, feeds and sitemaps, without a trailing slash.
    pub base_url: String,
    /// Article URLs per sitemap chunk.
    pub sitemap_chunk: usize,
    /// Articles per section, tag and author page.
    pub page_size: i64,
    /// How often to read the change log written by other nodes and the CLI.
    pub change_poll: Duration,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Newsletter subscription requests allowed per client address in 10 minutes.
    pub subscribe_limit: u32,
    /// Readers' error reports allowed per client address in 10 minutes.
    pub report_limit: u32,
    /// Reverse proxies whose `X-Forwarded-For` is believed (see [`client_ip`]).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Most tags one article may carry.
    pub max_tags: usize,
    /// Byte budget of the render cache, all compressed variants counted.
    pub cache_bytes: u64,
    /// Byte budget of the media cache.
    pub media_cache_bytes: u64,
    /// Cold renders (and media loads) running at once at most; more wait, then get 503.
    pub render_concurrency: usize,
    /// Bearer token that `/metrics` requires; without one `/metrics` answers 404.
    pub metrics_token: Option<String>,
    /// A request's headers must arrive within this time (slowloris).
    pub header_timeout: Duration,
    /// Open connections per client address at most (trusted proxies exempt).
    pub max_connections_per_ip: usize,
    /// Hours without a new entry after which a live page archives itself (0: never).
    pub live_archive_after_hours: u32,
    /// Longest a handler may take to start its answer (a stream's body is not timed).
    pub request_timeout: Duration,
    /// Live update streams (SSE) open at once on this node at most.
    pub live_max_streams: usize,
    /// Live update streams open at once from one client address at most.
    pub live_streams_per_client: usize,
    /// Live events kept for readers that are behind; one further behind gets `resync`.
    pub live_buffer: usize,
    /// Keep-alive comment interval of the live streams.
    pub live_keep_alive: Duration,
    /// Directory of the outlet's private signing keys (None: this node never signs).
    pub signing_key_dir: Option<std::path::PathBuf>,
    /// Directory of this node's search index (None: kept in memory, rebuilt at start).
    pub search_dir: Option<std::path::PathBuf>,
    /// Narrated audio: the engine and its limits (`narration_*`); off by default here,
    /// espeak-ng by default in `byline serve`.
    pub narration: byline_audio::NarrationSettings,
    /// The AI disclosure under the player; empty: the catalog's, in the page's language.
    pub narration_disclosure: String,
}

/// Cold renders at once by default: the number of cores, at least 2.
pub fn default_render_concurrency() -> usize {
    std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .max(2)
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".into(),
            sitemap_chunk: 5_000,
            page_size: 12,
            change_poll: Duration::from_millis(250),
            max_body: 1024 * 1024,
            subscribe_limit: 20,
            report_limit: 10,
            trusted_proxies: client_ip::default_trusted_proxies(),
            max_tags: 20,
            cache_bytes: cache::DEFAULT_BUDGET,
            media_cache_bytes: site::media::DEFAULT_MEDIA_BUDGET,
            render_concurrency: default_render_concurrency(),
            metrics_token: None,
            header_timeout: Duration::from_secs(10),
            max_connections_per_ip: 256,
            live_archive_after_hours: 24,
            request_timeout: Duration::from_secs(30),
            live_max_streams: 20_000,
            live_streams_per_client: 8,
            live_buffer: live::hub::DEFAULT_BUFFER,
            live_keep_alive: Duration::from_secs(15),
            signing_key_dir: None,
            search_dir: None,
            narration: byline_audio::NarrationSettings::default(),
            narration_disclosure: String::new(),
        }
    }
}

/// What every handler shares: one `Arc`, because axum clones the state for every request
/// (a clone of a dozen `Arc`s was a dozen contended atomic operations per cache hit).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The fields of [`AppState`].
pub struct Shared {
    pub store: Arc<dyn Store>,
    pub cache: Arc<RenderCache>,
    pub config: Arc<WebConfig>,
    /// The durable job queue (mail, scheduled publishing).
    pub jobs: byline_jobs::Jobs,
    /// Public write endpoints (newsletter subscriptions) per client address.
    pub rate_limiter: Arc<newsletters::RateLimiter>,
    /// Confirmation mails sent per address: 3 a day.
    pub address_limiter: Arc<newsletters::RateLimiter>,
    /// Password hashing and verification, a few at a time (memory stays flat under load).
    pub passwords: Arc<auth::password::Hasher>,
    pub(crate) chrome: Arc<chrome::ChromeCache>,
    /// Uploaded files, one copy each, under their own byte budget.
    pub media: Arc<site::media::MediaCache>,
    /// Whether the store answers (see [`health`]).
    pub health: Arc<health::StoreHealth>,
    /// Permits for cold renders, so a crawl of the archive cannot starve cache hits.
    pub render_permits: Arc<tokio::sync::Semaphore>,
    /// The live update streams of this node (SSE): their broadcast, bounds and shutdown.
    pub live: Arc<live::hub::LiveHub>,
    /// Replays of missed live events per client (IPv6 by /64): 30 a minute, then `resync`.
    pub live_replays: Arc<newsletters::RateLimiter>,
    /// Readers' error reports per client address (IPv6 by /64): `report_limit` in 10 minutes.
    pub report_limiter: Arc<newsletters::RateLimiter>,
    /// Signs published revisions with the outlet's key (None: no key directory).
    pub signer: Option<Arc<byline_jobs::Signer>>,
    /// This node's search index, once it is open and up to date ([`search`]).
    pub search: Arc<search::SearchService>,
    /// Narrates articles and checks uploaded recordings, `narration_concurrency` at once
    /// (shared with the job worker).
    pub narrator: Arc<byline_audio::Narrator>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        ops::metrics_handle();
        let search_dir = config.search_dir.clone();
        let narrator = Arc::new(byline_audio::Narrator::new(config.narration.clone()));
        let signer = config.signing_key_dir.as_ref().map(|dir| {
            Arc::new(byline_jobs::Signer::new(byline_trust::KeyDir::new(
                dir.clone(),
            )))
        });
        Self(Arc::new(Shared {
            store: Arc::clone(&store),
            cache: Arc::new(RenderCache::new(config.cache_bytes)),
            media: Arc::new(site::media::MediaCache::new(config.media_cache_bytes)),
            health: Arc::new(health::StoreHealth::default()),
            render_permits: Arc::new(tokio::sync::Semaphore::new(
                config.render_concurrency.max(1),
            )),
            config: Arc::new(WebConfig {
                base_url: config.base_url.trim_end_matches('/').to_owned(),
                ..config
            }),
            jobs: byline_jobs::Jobs::new(Arc::clone(&store)),
            rate_limiter: Arc::new(newsletters::RateLimiter::new(
                config.subscribe_limit,
                Duration::from_secs(600),
            )),
            address_limiter: Arc::new(newsletters::RateLimiter::new(
                3,
                Duration::from_secs(86_400),
            )),
            passwords: Arc::new(auth::password::Hasher::for_this_machine()),
            chrome: Arc::new(chrome::ChromeCache::default()),
            live_replays: Arc::new(newsletters::RateLimiter::new(30, Duration::from_secs(60))),
            report_limiter: Arc::new(newsletters::RateLimiter::new(
                config.report_limit,
                Duration::from_secs(trust::reports::LIMIT_WINDOW_SECS),
            )),
            signer,
            search: Arc::new(search::SearchService::new(search_dir)),
            narrator,
            live: live::hub::LiveHub::new(
                config.live_buffer,
                live::hub::StreamLimits {
                    total: config.live_max_streams,
                    per_client: config.live_streams_per_client,
                },
            ),
        }))
    }

    /// Cookies get the Secure flag when the public site is served over TLS.
    pub fn secure_cookies(&self) -> bool {
        self.config.base_url.starts_with("https://")
    }

    /// Absolute URL for a site path such as `/articles/x`.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url)
    }

    /// Reads the editions' URL prefixes (before serving; again after site-wide changes).
    pub async fn load_editions(&self) {
        self.chrome.prefixes.load(self.store.as_ref()).await;
    }

    /// Applies a content change to every in-memory cache.
    pub fn invalidate(&self, tags: &[String]) {
        if tags.iter().any(|t| t == "site") {
            // An edition may have been added or moved: read the prefixes again.
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                let (prefixes, store) =
                    (Arc::clone(&self.chrome.prefixes), Arc::clone(&self.store));
                runtime.spawn(async move { prefixes.load(store.as_ref()).await });
            }
        }
        self.chrome.invalidate(tags);
        self.media.invalidate(tags);
        let marked = self.cache.invalidate(tags);
        tracing::debug!(?tags, marked, "render cache invalidated");
    }
}

/// The whole application router: edition prefixes come off first (see [`editions`]), then
/// the routes.
pub fn router(state: AppState) -> Router {
    let prefixes = Arc::clone(&state.chrome.prefixes);
    let routes = routes(state);
    Router::new().fallback_service(
        tower::ServiceBuilder::new()
            .map_request(move |request| prefixes.rewrite(request))
            .service(routes),
    )
}

fn routes(state: AppState) -> Router {
    let max_body = state.config.max_body;
    let uploads = desk::media::MAX_UPLOAD + 64 * 1024;
    let request_timeout = state.config.request_timeout;
    let limited = |router: Router<AppState>, limit: usize| {
        router
            .layer(RequestBodyLimitLayer::new(limit))
            .layer(axum::extract::DefaultBodyLimit::max(limit))
    };
    Router::new()
        .merge(limited(site::routes(), max_body))
        .merge(limited(feeds::routes(), max_body))
        .merge(limited(audio::routes(), max_body))
        .merge(limited(live::pages::routes(), max_body))
        .merge(limited(trust::routes(), max_body))
        .merge(limited(search::routes(), max_body))
        .merge(limited(search::desk_routes(), max_body))
        .merge(limited(newsletters::routes(), max_body))
        .merge(limited(desk::routes(), max_body))
        .merge(limited(desk::upload_routes(), uploads))
        .merge(limited(api::routes(), max_body))
        .merge(limited(api::upload_routes(), uploads))
        .merge(limited(
            desk::recording_routes(),
            workflow::audio::MAX_RECORDING_BYTES + 64 * 1024,
        ))
        .merge(limited(
            api::recording_routes(),
            workflow::audio::MAX_RECORDING_BYTES + 64 * 1024,
        ))
        .merge(ops::routes())
        .merge(live::event_routes())
        .fallback(|| async { AppError::NotFound })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::render_cache,
        ))
        .layer(RequestBodyLimitLayer::new(uploads))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(CatchPanicLayer::new())
        .layer(cache_first::CacheFirstLayer {
            cache: Arc::clone(&state.cache),
        })
        .with_state(state)
}
