//! Starting the site: load the demo into an empty newsroom, build the mailer, serve HTTP
//! with the cache follower and the job worker, until Ctrl+C or SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use byline_mail::Mailer;
use byline_store::Store;
use byline_web::AppState;

use crate::config::ServeConfig;

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

/// The outgoing mailer, DKIM-signing when configured. `main` builds it before the demo
/// loads, so a bad SMTP URL or key stops the start with one line.
pub fn mailer(config: &ServeConfig) -> anyhow::Result<Mailer> {
    let mut mailer = Mailer::new(&config.mail).context("mail configuration")?;
    if let Some(dkim) = &config.dkim {
        mailer = mailer
            .with_dkim(&dkim.domain, &dkim.selector, &dkim.key_pem)
            .with_context(|| format!("dkim_key_file={:?}", dkim.key_file.display().to_string()))?;
        tracing::info!(domain = %dkim.domain, selector = %dkim.selector, "outgoing mail is DKIM-signed");
    }
    tracing::info!(mail = %mailer.describe(), "outgoing mail");
    Ok(mailer)
}

/// A running server, for tests and `main`.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub state: AppState,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    /// Starts the graceful shutdown, as Ctrl+C or SIGTERM does.
    stop: Arc<tokio::sync::Notify>,
}

impl RunningServer {
    /// Stops the server gracefully, as Ctrl+C or SIGTERM does: live streams end, requests
    /// in flight finish (within the drain), the job worker stops. Await `task` for the end.
    pub fn stop_gracefully(&self) {
        self.stop.notify_one();
    }
}

/// Binds `config.addr` and serves the site in the background, with the cache
/// invalidation follower and a job worker sending mail through `mailer`.
pub async fn start(
    store: Arc<dyn Store>,
    config: ServeConfig,
    mailer: Mailer,
) -> anyhow::Result<RunningServer> {
    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let addr = listener.local_addr()?;
    let mail_domain = config.mail_domain();
    config
        .web
        .narration
        .engine_config()
        .map_err(|e| anyhow::anyhow!("narration: {e}"))?;
    let state = AppState::new(store, config.web);
    if let Some(signer) = &state.signer {
        crate::keys_cli::prepare(state.store.as_ref(), signer).await?;
    }
    if let Some(link) = byline_web::desk::setup::first_run_link(&state).await? {
        println!("No staff account yet. Create the first admin account (link valid for 24 hours, once):\n{link}");
    }
    state.load_editions().await;
    byline_web::spawn_invalidation(state.clone());
    let jobs_settings = byline_jobs::JobSettings {
        narrator: Arc::clone(&state.narrator),
        ..config.jobs.clone()
    };
    let worker = byline_jobs::Worker {
        registry: byline_jobs::registry(&jobs_settings),
        mailer,
        base_url: state.config.base_url.clone(),
        mail_domain,
        config: config.runner,
        signer: state.signer.clone(),
    }
    .spawn(&state.jobs);
    let app = byline_web::router(state.clone());
    let serve_config = byline_web::serve::ServeConfig {
        header_timeout: state.config.header_timeout,
        max_connections_per_ip: state.config.max_connections_per_ip,
        trusted_proxies: state.config.trusted_proxies.clone(),
        ..byline_web::serve::ServeConfig::default()
    };
    let jobs = state.jobs.shutdown().clone();
    let live = Arc::clone(&state.live);
    let stop = Arc::new(tokio::sync::Notify::new());
    let stop_requested = Arc::clone(&stop);
    let task = tokio::spawn(async move {
        let stop = async move {
            tokio::select! {
                () = shutdown_signal() => {}
                () = stop_requested.notified() => {}
            }
            tracing::info!("shutting down: ending live streams, finishing mail in flight");
            // Before the connection drain: an open stream would otherwise hold it.
            live.shutdown();
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
    Ok(RunningServer {
        addr,
        state,
        task,
        stop,
    })
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
