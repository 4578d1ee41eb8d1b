//! `byline feed add`, `byline live create|add|archive|reopen` and `byline banner set|clear`:
//! live coverage from the command line, as thin callers of the live coverage workflows
//! (as the operator, audited `via cli`). They work while the server runs: they only write
//! to the database, and the server's change-log follower shows the result within a second.
//! The public origin and the auto-archive hours come from the same configuration `serve`
//! reads (file and `BYLINE_*` variables).

use anyhow::anyhow;
use byline_domain::{BannerStyle, LiveStatus, NewBanner, NewFeedItem, NewLiveEntry, NewLivePage};
use byline_store::Store;
use byline_web::workflow::{Actor, Channel, FieldError, WorkflowError, Workflows};
use chrono::{DateTime, Utc};
use clap::Subcommand;

use crate::config::{process_env, FileConfig, ServeConfig, ServeFlags};
use crate::db_args::DbArgs;
use crate::settings_cli::explain;

#[derive(Subcommand, Debug)]
pub enum FeedCommand {
    /// Post a News Feed item (published unless --draft); prints its id and URL.
    Add {
        /// A short headline (one line, at most 200 characters).
        #[arg(long, allow_hyphen_values = true)]
        headline: String,
        /// A few sentences of Markdown.
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        body: String,
        /// An http(s) address, or /articles/SLUG of this site.
        #[arg(long, default_value = "")]
        link: String,
        /// Mark it as breaking news.
        #[arg(long)]
        breaking: bool,
        /// Pin it at the top of its edition's feed (unpins the others there).
        #[arg(long)]
        pinned: bool,
        /// Save it as a draft instead of publishing it.
        #[arg(long)]
        draft: bool,
        /// Byline slug (repeat for more).
        #[arg(long = "author")]
        authors: Vec<String>,
        /// The code of the edition it belongs to (`uk`) [default: the default edition].
        #[arg(long, default_value = "")]
        edition: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum LiveCommand {
    /// Start a live page; prints its id and URL.
    Create {
        #[arg(long, allow_hyphen_values = true)]
        headline: String,
        /// Key points kept at the top (Markdown).
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        summary: String,
        /// The URL slug [default: made from the headline].
        #[arg(long, default_value = "")]
        slug: String,
        /// The code of the edition it belongs to (`uk`) [default: the default edition].
        #[arg(long, default_value = "")]
        edition: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Add an entry to live page ID (published unless --draft).
    Add {
        /// The live page's id.
        id: i64,
        /// The entry's text (Markdown).
        #[arg(long, allow_hyphen_values = true)]
        body: String,
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        headline: String,
        /// List it among the key events at the top.
        #[arg(long)]
        key_event: bool,
        /// Pin it at the top of the stream.
        #[arg(long)]
        pinned: bool,
        #[arg(long)]
        draft: bool,
        /// Byline slug (repeat for more).
        #[arg(long = "author")]
        authors: Vec<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Archive live page ID: "this live coverage has ended".
    Archive {
        id: i64,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Reopen archived live page ID.
    Reopen {
        id: i64,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum BannerCommand {
    /// Show a banner on every public page (replaces the current one).
    Set {
        #[arg(long, allow_hyphen_values = true)]
        text: String,
        /// An http(s) address or a path on this site.
        #[arg(long, default_value = "")]
        link: String,
        /// breaking or notice.
        #[arg(long, default_value = "notice")]
        style: String,
        /// Start time, RFC 3339 [default: now].
        #[arg(long)]
        from: Option<String>,
        /// End time, RFC 3339 [default: until cleared].
        #[arg(long)]
        until: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Remove the banner.
    Clear {
        #[command(flatten)]
        db: DbArgs,
    },
}

/// What the commands need besides the store: the public origin and the archive hours.
struct Session {
    store: std::sync::Arc<dyn Store>,
    base_url: String,
    archive_after_hours: u32,
}

impl Session {
    async fn open(db: DbArgs, file: &FileConfig) -> anyhow::Result<Self> {
        let storage = db.storage(file);
        let config = ServeConfig::resolve(file, &process_env, &ServeFlags::default(), &storage)?;
        Ok(Self {
            store: storage.open().await?,
            base_url: config.web.base_url,
            archive_after_hours: config.web.live_archive_after_hours,
        })
    }

    fn workflows(&self) -> Workflows<'_> {
        Workflows {
            live_archive_after_hours: self.archive_after_hours,
            ..Workflows::new(self.store.as_ref(), &self.base_url, Channel::Cli)
        }
    }
}

fn parse_time(field: &'static str, text: Option<&str>) -> anyhow::Result<Option<DateTime<Utc>>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => match DateTime::parse_from_rfc3339(t) {
            Ok(d) => Ok(Some(d.with_timezone(&Utc))),
            Err(_) => Err(explain(WorkflowError::field(
                FieldError::new(field, "wf-live-time-format").text("value", t),
            ))),
        },
    }
}

/// `byline feed …`.
pub async fn feed(command: FeedCommand, file: &FileConfig) -> anyhow::Result<()> {
    let FeedCommand::Add {
        headline,
        body,
        link,
        breaking,
        pinned,
        draft,
        authors,
        edition,
        db,
    } = command;
    let session = Session::open(db, file).await?;
    let item = NewFeedItem {
        headline,
        body,
        link,
        breaking,
        pinned,
        published: !draft,
        authors,
        edition,
        ..NewFeedItem::default()
    };
    let saved = session
        .workflows()
        .create_feed_item(Actor::Operator, item)
        .await
        .map_err(explain)?;
    let state = if saved.published {
        "published"
    } else {
        "draft"
    };
    println!(
        "feed item {} ({state}): {}/news-feed/{}",
        saved.id, session.base_url, saved.id
    );
    Ok(())
}

/// `byline live …`.
pub async fn live(command: LiveCommand, file: &FileConfig) -> anyhow::Result<()> {
    match command {
        LiveCommand::Create {
            headline,
            summary,
            slug,
            edition,
            db,
        } => {
            let session = Session::open(db, file).await?;
            let page = NewLivePage {
                slug,
                headline,
                summary,
                edition,
            };
            let saved = session
                .workflows()
                .create_live_page(Actor::Operator, page)
                .await
                .map_err(explain)?;
            println!(
                "live page {} started: {}/live/{}",
                saved.id, session.base_url, saved.slug
            );
        }
        LiveCommand::Add {
            id,
            body,
            headline,
            key_event,
            pinned,
            draft,
            authors,
            db,
        } => {
            let session = Session::open(db, file).await?;
            let entry = NewLiveEntry {
                headline,
                body,
                key_event,
                pinned,
                published: !draft,
                authors,
            };
            let workflows = session.workflows();
            let saved = workflows
                .add_live_entry(Actor::Operator, id, entry)
                .await
                .map_err(explain)?;
            let page = workflows.live_page_for(id).await.map_err(explain)?;
            println!(
                "entry {} added: {}/live/{}#entry-{}",
                saved.id, session.base_url, page.slug, saved.id
            );
        }
        LiveCommand::Archive { id, db } => set_status(db, file, id, LiveStatus::Archived).await?,
        LiveCommand::Reopen { id, db } => set_status(db, file, id, LiveStatus::Live).await?,
    }
    Ok(())
}

async fn set_status(
    db: DbArgs,
    file: &FileConfig,
    id: i64,
    status: LiveStatus,
) -> anyhow::Result<()> {
    let session = Session::open(db, file).await?;
    let page = session
        .workflows()
        .set_live_status(Actor::Operator, id, status)
        .await
        .map_err(explain)?;
    println!(
        "live page {} is {}: {}/live/{}",
        page.id,
        page.status.as_str(),
        session.base_url,
        page.slug
    );
    Ok(())
}

/// `byline banner …`.
pub async fn banner(command: BannerCommand, file: &FileConfig) -> anyhow::Result<()> {
    match command {
        BannerCommand::Set {
            text,
            link,
            style,
            from,
            until,
            db,
        } => {
            let style = BannerStyle::parse(style.trim()).ok_or_else(|| {
                explain(WorkflowError::field(
                    FieldError::new("style", "wf-live-style-unknown").text("value", &style),
                ))
            })?;
            let banner = NewBanner {
                text,
                link,
                style,
                starts_at: parse_time("starts_at", from.as_deref())?,
                ends_at: parse_time("ends_at", until.as_deref())?,
            };
            let session = Session::open(db, file).await?;
            let set = session
                .workflows()
                .set_banner(Actor::Operator, Some(banner))
                .await
                .map_err(explain)?
                .ok_or_else(|| anyhow!("the banner was not stored"))?;
            let until = set.ends_at.map_or_else(
                || "until cleared".to_owned(),
                |t| format!("until {}", t.to_rfc3339()),
            );
            println!("banner {} set ({}, {until})", set.id, set.style.as_str());
        }
        BannerCommand::Clear { db } => {
            let session = Session::open(db, file).await?;
            session
                .workflows()
                .set_banner(Actor::Operator, None)
                .await
                .map_err(explain)?;
            println!("banner cleared");
        }
    }
    Ok(())
}
