//! `byline`: one binary for the whole newsroom. Run `byline --help` for the commands.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use byline::config::{default_base_url, FileConfig, Storage};
use clap::{Args, Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Byline: an independent newsroom's site, desk and newsletters in one binary.
#[derive(Parser)]
#[command(name = "byline", version, about, long_about = None)]
struct Cli {
    /// TOML configuration file (default: ./byline.toml if present).
    #[arg(long, global = true, env = "BYLINE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the public site (loads the demo newsroom into an empty database unless --no-demo).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DbArgs),
    /// Load the demo newsroom into an empty database.
    Demo(DbArgs),
    /// Manage articles from the command line.
    Article {
        #[command(subcommand)]
        command: ArticleCommand,
    },
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage Admin API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Show or change the site settings (name, language, time zone …).
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// Print every site setting.
    Show {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Change one setting, e.g. `byline settings set language uk`.
    Set {
        /// name, tagline, language, time_zone, excerpt_cap, support_text, support_url or
        /// copyright_holder.
        key: String,
        value: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account (password from BYLINE_PASSWORD, else a prompt).
    Add {
        email: String,
        /// contributor, author, editor or admin.
        #[arg(long)]
        role: String,
        /// Display name [default: the part of the email before @].
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a staff account; the token is the last line printed.
    Create {
        email: String,
        /// What the token is for (e.g. "import script").
        #[arg(long)]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum ArticleCommand {
    /// Create or replace articles from Markdown files with TOML front matter (see README).
    Add {
        /// Article files (`+++` TOML front matter, then Markdown).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Args)]
struct DbArgs {
    /// Directory for the SQLite database and other data [default: ./data].
    #[arg(long, env = "BYLINE_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB [default: SQLite in the data dir].
    #[arg(long, env = "BYLINE_DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "BYLINE_ADDR")]
    addr: Option<String>,
    /// Public origin for canonical links, feeds and sitemaps [default: from --addr].
    #[arg(long, env = "BYLINE_BASE_URL")]
    base_url: Option<String>,
    /// Start with an empty newsroom instead of loading the demo.
    #[arg(long, env = "BYLINE_NO_DEMO")]
    no_demo: bool,
    /// SMTP server for outgoing mail, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host
    /// [default: write mail to DATA_DIR/outbox].
    #[arg(long, env = "BYLINE_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender address of outgoing mail.
    #[arg(long, env = "BYLINE_MAIL_FROM")]
    mail_from: Option<String>,
    /// Reverse proxies (IPs or networks, comma-separated) whose X-Forwarded-For gives the
    /// client address for rate limits and sign-in throttling [default: 127.0.0.0/8, ::1].
    #[arg(long, env = "BYLINE_TRUSTED_PROXIES")]
    trusted_proxies: Option<String>,
    /// Byte budget of the render cache, all compressed variants counted [default: 67108864 = 64 MiB].
    #[arg(long, env = "BYLINE_CACHE_BYTES")]
    cache_bytes: Option<u64>,
    /// Bearer token that /metrics requires; without one /metrics is not served.
    #[arg(long, env = "BYLINE_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    #[command(flatten)]
    db: DbArgs,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BYLINE_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let file = FileConfig::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve(args) => serve(args, &file).await,
        Command::Migrate(db) => {
            let storage = Storage::resolve(db.data_dir, db.database_url, &file);
            let store = storage.open().await?;
            println!("migrations applied ({})", store.backend());
            Ok(())
        }
        Command::Demo(db) => {
            let store = Storage::resolve(db.data_dir, db.database_url, &file)
                .open()
                .await?;
            let s = byline::demo::load(store.as_ref()).await?;
            println!(
                "demo newsroom loaded: {} sections, {} bylines, {} pages, {} images, {} articles",
                s.sections, s.authors, s.pages, s.images, s.articles
            );
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    name,
                    db,
                },
        } => {
            let store = Storage::resolve(db.data_dir, db.database_url, &file)
                .open()
                .await?;
            let password = byline::staff_cli::read_password()?;
            let staff = byline::staff_cli::add_user(
                store.as_ref(),
                &email,
                &role,
                name.as_deref(),
                &password,
            )
            .await?;
            println!(
                "created {} ({}), staff id {}",
                staff.email, staff.role, staff.id
            );
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { email, name, db },
        } => {
            let store = Storage::resolve(db.data_dir, db.database_url, &file)
                .open()
                .await?;
            let token = byline::staff_cli::create_token(store.as_ref(), &email, &name).await?;
            println!("API token for {email} ({name}); it is shown only once:");
            println!("{token}");
            Ok(())
        }
        Command::Settings {
            command: SettingsCommand::Show { db },
        } => {
            let store = Storage::resolve(db.data_dir, db.database_url, &file)
                .open()
                .await?;
            let settings = byline::settings_cli::show(store.as_ref()).await?;
            print!("{}", byline::settings_cli::format_settings(&settings));
            Ok(())
        }
        Command::Settings {
            command: SettingsCommand::Set { key, value, db },
        } => {
            let store = Storage::resolve(db.data_dir, db.database_url, &file)
                .open()
                .await?;
            let settings = byline::settings_cli::set(store.as_ref(), &key, &value).await?;
            print!("{}", byline::settings_cli::format_settings(&settings));
            Ok(())
        }
        Command::Article {
            command: ArticleCommand::Add { files, db },
        } => {
            let store = Storage::resolve(db.data_dir, db.database_url, &file)
                .open()
                .await?;
            let mut failed = 0;
            for path in &files {
                match byline::import::add_article_file(store.as_ref(), path).await {
                    Ok(a) => println!(
                        "saved {} ({}) at /articles/{}",
                        a.slug,
                        a.status.as_str(),
                        a.slug
                    ),
                    Err(e) => {
                        eprintln!("error: {e:#}");
                        failed += 1;
                    }
                }
            }
            if failed > 0 {
                anyhow::bail!("{failed} of {} files were not saved", files.len());
            }
            Ok(())
        }
    }
}

async fn serve(args: ServeArgs, file: &FileConfig) -> anyhow::Result<()> {
    let storage = Storage::resolve(args.db.data_dir, args.db.database_url, file);
    let mail = byline::config::mail_config(args.smtp_url, args.mail_from, &storage, file);
    let addr = args
        .addr
        .or_else(|| file.addr.clone())
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let store = storage.open().await?;
    let demo = !args.no_demo && file.demo.unwrap_or(true);
    byline::server::prepare(store.as_ref(), demo).await?;
    let defaults = byline_web::WebConfig::default();
    let config = byline_web::WebConfig {
        base_url: args
            .base_url
            .or_else(|| file.base_url.clone())
            .unwrap_or_else(|| default_base_url(&addr)),
        page_size: file
            .page_size
            .filter(|n| *n > 0)
            .unwrap_or(defaults.page_size),
        sitemap_chunk: file
            .sitemap_chunk
            .filter(|n| *n > 0)
            .unwrap_or(defaults.sitemap_chunk),
        change_poll: file
            .change_poll_ms
            .map(std::time::Duration::from_millis)
            .unwrap_or(defaults.change_poll),
        max_body: file.max_body_bytes.unwrap_or(defaults.max_body),
        subscribe_limit: file.subscribe_limit.unwrap_or(defaults.subscribe_limit),
        max_tags: byline::config::at_least("max_tags", file.max_tags, 1)?
            .unwrap_or(defaults.max_tags),
        trusted_proxies: match args
            .trusted_proxies
            .or_else(|| file.trusted_proxies.as_ref().map(|l| l.join(",")))
        {
            Some(list) => byline_web::client_ip::parse_trusted_proxies(&list)
                .map_err(|e| anyhow::anyhow!("trusted_proxies: {e}"))?,
            None => defaults.trusted_proxies,
        },
        cache_bytes: byline::config::at_least(
            "cache_bytes",
            args.cache_bytes.or(file.cache_bytes),
            1 << 20,
        )?
        .unwrap_or(defaults.cache_bytes),
        media_cache_bytes: byline::config::at_least(
            "media_cache_bytes",
            file.media_cache_bytes,
            1 << 20,
        )?
        .unwrap_or(defaults.media_cache_bytes),
        render_concurrency: byline::config::at_least(
            "render_concurrency",
            file.render_concurrency,
            1,
        )?
        .unwrap_or(defaults.render_concurrency),
        header_timeout: byline::config::at_least(
            "header_timeout_secs",
            file.header_timeout_secs,
            1,
        )?
        .map_or(defaults.header_timeout, std::time::Duration::from_secs),
        max_connections_per_ip: byline::config::at_least(
            "max_connections_per_ip",
            file.max_connections_per_ip,
            1,
        )?
        .unwrap_or(defaults.max_connections_per_ip),
        metrics_token: args
            .metrics_token
            .or_else(|| file.metrics_token.clone())
            .filter(|t| !t.is_empty()),
    };
    let base = config.base_url.clone();
    let backend = store.backend();
    let server = byline::server::start(store, &addr, config, &mail).await?;
    tracing::info!(addr = %server.addr, backend, "listening");
    println!(
        "Byline is serving at {base}/ (listening on {}, {backend})",
        server.addr
    );
    server
        .task
        .await
        .context("server task")?
        .context("server")?;
    Ok(())
}
