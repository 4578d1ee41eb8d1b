//! Starting the site: open storage, load the demo into an empty newsroom, serve HTTP
//! until Ctrl+C or SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use byline_jobs::RunnerConfig;
use byline_mail::{MailConfig, Mailer};
use byline_store::Store;
use byline_web::{AppState, WebConfig};

/// Loads the demo newsroom if the database is empty and `demo` is on.
pub async fn prepare(store: &dyn Store, demo: bool) -> anyhow::Result<()> {
    if demo && store.is_empty().await? {
        let summary = crate::demo::load(store)
            .await
            .context("loading the demo newsroom")?;
        tracing::info!(?summary, "demo newsroom loaded");
    }
    Ok(())
}

/// A running server, for tests and `main`.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub state: AppState,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Binds `addr` and serves the site in the background, with the cache invalidation
/// follower and a job worker sending mail through `mail`.
pub async fn start(
    store: Arc<dyn Store>,
    addr: &str,
    config: WebConfig,
    mail: &MailConfig,
) -> anyhow::Result<RunningServer> {
    let mut mailer = Mailer::new(mail).context("mail configuration")?;
    if let Some((domain, selector, key)) = dkim_from_env()? {
        mailer = mailer
            .with_dkim(&domain, &selector, &key)
            .context("DKIM configuration")?;
        tracing::info!(%domain, %selector, "outgoing mail is DKIM-signed");
    }
    tracing::info!(mail = %mailer.describe(), "outgoing mail");
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let addr = listener.local_addr()?;
    let state = AppState::new(Arc::clone(&store), config);
    if let Some(link) = byline_web::desk::setup::first_run_link(&state).await? {
        println!("No staff account yet. Create the first admin account (link valid for 24 hours, once):\n{link}");
    }
    byline_web::spawn_invalidation(state.clone());
    let jobs_config = RunnerConfig {
        mail_domain: mail
            .from_address
            .rsplit_once('@')
            .map_or("localhost", |(_, d)| d)
            .to_owned(),
        base_url: state.config.base_url.clone(),
        lease: std::env::var("BYLINE_JOB_LEASE_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .map_or(
                RunnerConfig::default().lease,
                std::time::Duration::from_secs,
            ),
        mail_rate: std::env::var("BYLINE_MAIL_RATE")
            .ok()
            .and_then(|s| s.parse().ok())
            .filter(|r: &f64| *r >= 0.0)
            .unwrap_or(0.0),
        mail_retry: std::env::var("BYLINE_MAIL_RETRY_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .map_or(
                RunnerConfig::default().mail_retry,
                std::time::Duration::from_secs,
            ),
        ..RunnerConfig::default()
    };
    let worker = byline_jobs::spawn_worker(&state.jobs, store, mailer, jobs_config);
    let app = byline_web::router(state.clone());
    let serve_config = byline_web::serve::ServeConfig {
        header_timeout: state.config.header_timeout,
        max_connections_per_ip: state.config.max_connections_per_ip,
        trusted_proxies: state.config.trusted_proxies.clone(),
        ..byline_web::serve::ServeConfig::default()
    };
    let jobs = state.jobs.shutdown().clone();
    let task = tokio::spawn(async move {
        let stop = async move {
            shutdown_signal().await;
            tracing::info!("shutting down: finishing mail in flight");
            jobs.stop();
        };
        let served = byline_web::serve::serve(listener, app, serve_config, stop).await;
        // Messages in flight finish and are recorded (SMTP calls time out after 10 s).
        if tokio::time::timeout(std::time::Duration::from_secs(30), worker)
            .await
            .is_err()
        {
            tracing::warn!("the job worker did not stop within 30 s");
        }
        served
    });
    Ok(RunningServer { addr, state, task })
}

/// DKIM signing from `BYLINE_DKIM_DOMAIN`, `BYLINE_DKIM_SELECTOR` and
/// `BYLINE_DKIM_KEY_FILE` (a PEM RSA private key); all three or none.
fn dkim_from_env() -> anyhow::Result<Option<(String, String, String)>> {
    let get = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    match (
        get("BYLINE_DKIM_DOMAIN"),
        get("BYLINE_DKIM_SELECTOR"),
        get("BYLINE_DKIM_KEY_FILE"),
    ) {
        (None, None, None) => Ok(None),
        (Some(domain), Some(selector), Some(file)) => {
            let key = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read the DKIM key file {file}"))?;
            Ok(Some((domain, selector, key)))
        }
        _ => anyhow::bail!(
            "DKIM needs BYLINE_DKIM_DOMAIN, BYLINE_DKIM_SELECTOR and BYLINE_DKIM_KEY_FILE together"
        ),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
