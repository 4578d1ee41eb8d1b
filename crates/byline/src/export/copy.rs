//! Copying one URL of the site into the mirror: render it through the real router
//! in-process (`oneshot`, no network, no second renderer), rewrite HTML for the mirror,
//! compare with the previous export's manifest, write the file only when its content
//! changed. Returns the site keys the file links to, for the crawl.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Utc};
use tower::ServiceExt;

use super::links::{Site, Target};
use super::manifest::{self, Entry, Manifest};
use super::notice::{self, NoticeText};
use super::{paths, rewrite};

/// Largest response copied (media uploads are far smaller).
const MAX_BODY: usize = 512 * 1024 * 1024;

/// What every copy shares.
pub struct Context {
    pub router: Router,
    pub site: Site,
    pub dir: PathBuf,
    pub previous: Option<Manifest>,
    pub notice: NoticeText,
    pub now: DateTime<Utc>,
}

/// What became of one URL.
pub enum Outcome {
    Written(Entry),
    Unchanged(Entry),
    /// The site does not serve it (404 and other refusals): a broken link on the site.
    NotServed(StatusCode),
}

/// One copied URL: its outcome and the keys it links to.
pub struct Copied {
    pub outcome: Outcome,
    pub links: Vec<String>,
}

/// Renders `key` (a site path, maybe with `?page=N`) and copies it to mirror file `file`.
pub async fn copy(ctx: Arc<Context>, key: String, file: String) -> anyhow::Result<Copied> {
    let request = Request::get(key.as_str())
        .header(header::HOST, ctx.site.host())
        .body(Body::empty())
        .with_context(|| format!("cannot request {key}"))?;
    let response = ctx
        .router
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| anyhow::anyhow!("rendering {key}: {e}"))?;
    let status = response.status();
    if status.is_server_error() {
        anyhow::bail!("the site answered {status} for {key}; nothing was removed, the previous mirror manifest is kept");
    }
    let headers = response.headers().clone();
    if status.is_redirection() {
        let location = headers
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .unwrap_or("/");
        // A redirect becomes a page that sends the reader on (rewritten like any page).
        let target = match ctx.site.target(&key, location) {
            Target::Mirrored { key, .. } => key,
            Target::Online(url) => url,
            Target::Elsewhere => location.to_owned(),
        };
        let escaped = byline_domain::markdown::escape_html(&target);
        let stub = format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0; url={escaped}\"><link rel=\"canonical\" href=\"{canonical}\"></head><body><p><a href=\"{escaped}\">{escaped}</a></p></body></html>\n",
            canonical = byline_domain::markdown::escape_html(&ctx.site.absolute(&key)),
        );
        return tokio::task::spawn_blocking(move || html_file(&ctx, &key, &file, stub.as_bytes()))
            .await
            .context("copy task")?;
    }
    if !status.is_success() {
        return Ok(Copied {
            outcome: Outcome::NotServed(status),
            links: Vec::new(),
        });
    }
    if headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|e| e.as_bytes() != b"identity")
    {
        anyhow::bail!("{key} came compressed although no encoding was asked for");
    }
    let body = axum::body::to_bytes(response.into_body(), MAX_BODY)
        .await
        .with_context(|| format!("reading {key}"))?;
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    // Rewriting and hashing are CPU work: off the runtime's threads.
    tokio::task::spawn_blocking(move || {
        if kind.starts_with("text/html") {
            html_file(&ctx, &key, &file, &body)
        } else {
            other_file(&ctx, &key, &file, &body, &kind)
        }
    })
    .await
    .context("copy task")?
}

/// An HTML page: links rewritten, the notice dated when its content last changed.
fn html_file(ctx: &Context, key: &str, file: &str, body: &[u8]) -> anyhow::Result<Copied> {
    let canonical = ctx.site.absolute(key);
    let form_note = ctx.notice.form_note(&canonical);
    let page = rewrite::Page {
        site: &ctx.site,
        key,
        file,
        form_note: &form_note,
    };
    let rewritten = rewrite::html(&page, body)?;
    let content_sha256 = manifest::sha256_hex(&rewritten.html);
    let outcome = match unchanged(ctx, file, &content_sha256) {
        Some(entry) => Outcome::Unchanged(entry),
        None => {
            let bytes = notice::insert(&rewritten.html, &ctx.notice.notice(&canonical, ctx.now));
            Outcome::Written(write(ctx, file, &bytes, content_sha256)?)
        }
    };
    Ok(Copied {
        outcome,
        links: rewritten.links,
    })
}

/// Anything else, byte for byte; feeds, sitemaps, robots.txt and JSON are read for the
/// absolute URLs of the site they name.
fn other_file(
    ctx: &Context,
    key: &str,
    file: &str,
    body: &[u8],
    kind: &str,
) -> anyhow::Result<Copied> {
    let textual = kind.starts_with("text/") || kind.contains("xml") || kind.contains("json");
    let mut links = Vec::new();
    if textual {
        let text = String::from_utf8_lossy(body);
        for url in ctx.site.absolute_urls(&text) {
            if let Target::Mirrored { key: found, .. } = ctx.site.target(key, url) {
                links.push(found);
            }
        }
    }
    let sha256 = manifest::sha256_hex(body);
    let outcome = match unchanged(ctx, file, &sha256) {
        Some(entry) => Outcome::Unchanged(entry),
        None => Outcome::Written(write(ctx, file, body, sha256)?),
    };
    Ok(Copied { outcome, links })
}

/// The previous export's entry when its content is the same and its file is still there.
fn unchanged(ctx: &Context, file: &str, content_sha256: &str) -> Option<Entry> {
    let entry = ctx.previous.as_ref()?.files.get(file)?;
    let path = paths::disk_path(&ctx.dir, file)?;
    let on_disk = std::fs::metadata(path).ok()?;
    (entry.content_sha256 == content_sha256 && on_disk.is_file() && on_disk.len() == entry.size)
        .then(|| entry.clone())
}

fn write(ctx: &Context, file: &str, bytes: &[u8], content_sha256: String) -> anyhow::Result<Entry> {
    let path = paths::disk_path(&ctx.dir, file)
        .ok_or_else(|| anyhow::anyhow!("{file}: not a safe file name"))?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    manifest::write_atomically(&path, bytes, false)?;
    Ok(Entry {
        sha256: manifest::sha256_hex(bytes),
        size: bytes.len() as u64,
        content_sha256,
        copied: ctx.now,
    })
}
