//! `byline export-static DIR`: the whole public site as static files that work from any
//! static host, a USB stick or straight from disk (`file://`).
//!
//! Pages are discovered by crawling, not listed: the crawl starts at `/`, the sitemaps,
//! the feeds, robots.txt and the well-known keys, and follows every internal link of every
//! HTML page (`href`, `src`, `srcset`, `<link>`) and every absolute URL of the site in
//! feeds, sitemaps and JSON. Each URL is rendered by the real router in-process and
//! written as it is rendered (bounded memory: a queue of URLs and the set of files seen).
//! See [`paths`] for the path rule, [`rewrite`] for what changes in a page, [`manifest`]
//! for what makes a re-export incremental.

mod copy;
pub mod links;
pub mod manifest;
mod notice;
pub mod paths;
pub mod rewrite;

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use byline_store::Store;
use byline_web::{AppState, WebConfig};
use chrono::Utc;
use clap::Args;
use tokio::task::JoinSet;

use crate::config::{process_env, FileConfig, Given, Origin, ServeConfig, ServeFlags, SETTINGS};
use crate::db_args::DbArgs;
use copy::{Context, Outcome};
use manifest::Manifest;

/// Where the crawl starts; those the site does not serve are passed over quietly.
const SEEDS: &[&str] = &[
    "/",
    "/sitemap.xml",
    "/robots.txt",
    "/feed.xml",
    "/atom.xml",
    "/feed.json",
    "/news-feed",
    "/news-feed/feed.xml",
    "/news-feed/atom.xml",
    "/news-feed/feed.json",
    "/corrections",
    "/corrections/feed.xml",
    "/corrections/feed.json",
    "/.well-known/byline-keys.json",
    "/favicon.svg",
];

/// Render caches of the exporting process: small, the crawl visits each page once.
const EXPORT_CACHE_BYTES: u64 = 8 * 1024 * 1024;

/// `byline export-static` arguments.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Folder to write the mirror into (created when absent). A re-export into it writes
    /// only what changed and removes what the site no longer serves.
    pub dir: PathBuf,
    /// The canonical public address the mirror's notices, feeds and remaining absolute links
    /// name [default: base_url of the configuration, as `serve` uses].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Export into a folder that is not empty but holds no mirror manifest (or an unreadable
    /// one). Files there that the site also serves are overwritten; others are left.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// What one export did.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Links to URLs the site does not serve: (URL, page that links it), the first few.
    pub not_served: Vec<(String, String)>,
    pub not_served_count: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} written, {} unchanged, {} removed",
            self.written, self.unchanged, self.removed
        )
    }
}

/// `byline export-static DIR`, as `main` runs it.
pub async fn run(args: ExportArgs, file: &FileConfig) -> anyhow::Result<()> {
    let storage = args.db.storage(file);
    let given = match (
        &args.base_url,
        SETTINGS.iter().find(|s| s.key == "base_url"),
    ) {
        (Some(url), Some(setting)) => vec![Given {
            setting,
            origin: Origin::Flag,
            text: url.clone(),
        }],
        _ => Vec::new(),
    };
    let config = ServeConfig::resolve(file, &process_env, &ServeFlags { given }, &storage)?;
    let previous = prepare_dir(&args.dir, args.force)?;
    let store = storage.open().await?;
    let report = export(store, config.web, &args.dir, previous).await?;
    for (url, from) in &report.not_served {
        eprintln!("warning: {url} (linked from {from}) is not served by the site");
    }
    if report.not_served_count > report.not_served.len() {
        eprintln!(
            "warning: {} more links lead to URLs the site does not serve",
            report.not_served_count - report.not_served.len()
        );
    }
    println!("{report}");
    Ok(())
}

/// Checks `dir` before anything is written: creates it when absent, refuses a file, an
/// unwritable folder, and a non-empty folder without a manifest unless `force`. Returns
/// the previous export's manifest.
pub fn prepare_dir(dir: &Path, force: bool) -> anyhow::Result<Option<Manifest>> {
    let shown = dir.display();
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => anyhow::bail!("{shown} is not a directory"),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("cannot create {shown}: {e}"))?;
        }
        Err(e) => anyhow::bail!("cannot open {shown}: {e}"),
    }
    let probe = dir.join(format!(
        "{}probe-{}",
        paths::TEMP_PREFIX,
        std::process::id()
    ));
    std::fs::write(&probe, b"").map_err(|e| anyhow::anyhow!("cannot write in {shown}: {e}"))?;
    let _ = std::fs::remove_file(&probe);
    let previous = match Manifest::load(dir) {
        Ok(previous) => previous,
        Err(_) if force => None,
        Err(e) => return Err(e.context("use --force to export over it")),
    };
    if previous.is_none() && !force {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "{shown} is not empty and holds no mirror manifest ({}); use --force to export into it",
                paths::MANIFEST
            );
        }
    }
    Ok(previous)
}

/// Exports the site `store` serves under `web` into `dir` (checked by [`prepare_dir`]).
pub async fn export(
    store: Arc<dyn Store>,
    web: WebConfig,
    dir: &Path,
    previous: Option<Manifest>,
) -> anyhow::Result<Report> {
    let settings = store
        .settings()
        .await
        .context("reading the site settings")?;
    let concurrency = web.render_concurrency.clamp(1, 8);
    let web = WebConfig {
        cache_bytes: EXPORT_CACHE_BYTES,
        media_cache_bytes: EXPORT_CACHE_BYTES,
        ..web
    };
    let site = links::Site::new(&web.base_url)?;
    let state = AppState::new(store, web);
    state.load_editions().await;
    let now = Utc::now();
    let ctx = Arc::new(Context {
        router: byline_web::router(state),
        site,
        dir: dir.to_path_buf(),
        previous,
        notice: notice::NoticeText::new(&settings),
        now,
    });
    let mut next = Manifest::new(&ctx.site.absolute(""), now);
    let mut report = Report::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: VecDeque<(String, String, Option<Arc<str>>)> = VecDeque::new();
    for seed in SEEDS {
        if let links::Target::Mirrored { key, file, .. } = ctx.site.target("/", seed) {
            if seen.insert(file.clone()) {
                queue.push_back((key, file, None));
            }
        }
    }
    let mut running = JoinSet::new();
    loop {
        while running.len() < concurrency {
            let Some((key, file, from)) = queue.pop_front() else {
                break;
            };
            let job = copy::copy(Arc::clone(&ctx), key.clone(), file.clone());
            running.spawn(async move { (key, file, from, job.await) });
        }
        let Some(done) = running.join_next().await else {
            break;
        };
        let (key, file, from, copied) = done.context("a copy task failed")?;
        let copied = copied?;
        let page: Arc<str> = Arc::from(key.as_str());
        match copied.outcome {
            Outcome::Written(entry) => {
                report.written += 1;
                next.files.insert(file, entry);
            }
            Outcome::Unchanged(entry) => {
                report.unchanged += 1;
                next.files.insert(file, entry);
            }
            Outcome::NotServed(status) => {
                // Seeds the site lacks (no keys yet, no corrections) are not broken links.
                if let Some(from) = from {
                    report.not_served_count += 1;
                    if report.not_served.len() < 10 {
                        report
                            .not_served
                            .push((format!("{key} ({status})"), from.to_string()));
                    }
                }
            }
        }
        for link in copied.links {
            if let links::Target::Mirrored { key, file, .. } = ctx.site.target("/", &link) {
                if seen.insert(file.clone()) {
                    queue.push_back((key, file, Some(Arc::clone(&page))));
                }
            }
        }
    }
    if !next.files.contains_key("index.html") {
        anyhow::bail!("the site's home page could not be copied; nothing was removed");
    }
    if let Some(previous) = &ctx.previous {
        for file in previous
            .files
            .keys()
            .filter(|f| !next.files.contains_key(*f))
        {
            if remove(dir, file)? {
                report.removed += 1;
            }
        }
    }
    next.save(dir)?;
    Ok(report)
}

/// Removes a file the previous export wrote and the site no longer serves, and the
/// folders it leaves empty. True when there was a file to remove.
fn remove(dir: &Path, file: &str) -> anyhow::Result<bool> {
    let Some(path) = paths::disk_path(dir, file) else {
        return Ok(false);
    };
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e).with_context(|| format!("cannot remove {}", path.display())),
    }
    let mut parent = path.parent();
    while let Some(folder) = parent.filter(|p| p.starts_with(dir) && *p != dir) {
        // Fails, as it should, while the folder still holds anything.
        if std::fs::remove_dir(folder).is_err() {
            break;
        }
        parent = folder.parent();
    }
    Ok(true)
}
