//! Endpoints for operators and load balancers: `/healthz` (the process runs), `/readyz`
//! (the store answers and is migrated) and Prometheus `/metrics`, which is not public:
//! it answers only with `Authorization: Bearer <metrics_token>`, and not at all (404)
//! when no token is configured.

use std::sync::atomic::Ordering;
use std::sync::OnceLock;

use axum::extract::State;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

use crate::{AppError, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_page))
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(app): State<AppState>) -> Response {
    if app.health.ready(app.store.as_ref()).await {
        (StatusCode::OK, "ready\n").into_response()
    } else {
        let mut r = (
            StatusCode::SERVICE_UNAVAILABLE,
            "not ready: the database is unreachable or not migrated\n",
        )
            .into_response();
        r.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(crate::error::RETRY_AFTER_SECS),
        );
        r
    }
}

/// The process-wide Prometheus recorder (installed once; every server in the process
/// reports to it).
pub fn metrics_handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let buckets = [
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
        ];
        let builder = PrometheusBuilder::new()
            .set_buckets(&buckets)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed; /metrics will be empty");
        }
        handle
    })
}

async fn metrics_page(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(token) = app
        .config
        .metrics_token
        .as_deref()
        .filter(|t| !t.is_empty())
    else {
        return Err(AppError::NotFound);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| crate::auth::token::same(g, token)) {
        let mut r = (StatusCode::UNAUTHORIZED, "a metrics token is required\n").into_response();
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return Ok(r);
    }
    sample(&app).await;
    let handle = metrics_handle();
    handle.run_upkeep();
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response())
}

/// Gauges read at scrape time.
#[expect(clippy::cast_precision_loss, reason = "metrics are floating point")]
async fn sample(app: &AppState) {
    let cache = &app.cache;
    metrics::gauge!("byline_cache_bytes").set(cache.bytes() as f64);
    metrics::gauge!("byline_cache_budget_bytes").set(cache.budget() as f64);
    metrics::gauge!("byline_cache_entries").set(cache.len() as f64);
    metrics::gauge!("byline_media_cache_bytes").set(app.media.bytes() as f64);
    metrics::counter!("byline_cache_hits_total").absolute(cache.stats.hits.load(Ordering::Relaxed));
    metrics::counter!("byline_cache_misses_total")
        .absolute(cache.stats.misses.load(Ordering::Relaxed));
    metrics::counter!("byline_cache_evictions_total").absolute(cache.evictions());
    metrics::counter!("byline_cache_stale_served_total")
        .absolute(cache.stats.stale_served.load(Ordering::Relaxed));
    metrics::counter!("byline_cache_not_stored_total")
        .absolute(cache.stats.not_stored.load(Ordering::Relaxed));
    let live = &app.live;
    metrics::gauge!("byline_live_streams_open").set(live.open_streams() as f64);
    metrics::gauge!("byline_live_stream_clients").set(live.clients() as f64);
    metrics::gauge!("byline_live_buffered_events").set(live.buffered() as f64);
    metrics::gauge!("byline_store_up").set(if app.health.is_down() { 0.0 } else { 1.0 });
    let pool = app.store.pool_stats();
    metrics::gauge!("byline_db_pool_connections").set(f64::from(pool.open));
    metrics::gauge!("byline_db_pool_idle").set(f64::from(pool.idle));
    let now = chrono::Utc::now();
    if let Ok(Ok((depth, oldest))) = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        app.store.queue_depth(now),
    )
    .await
    {
        metrics::gauge!("byline_jobs_due").set(depth as f64);
        let age = oldest.map_or(0.0, |t| (now - t).num_milliseconds().max(0) as f64 / 1000.0);
        metrics::gauge!("byline_jobs_oldest_due_seconds").set(age);
    }
}
