//! `byline`: one binary for the whole newsroom. Run `byline --help` for the commands.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use byline::config::{process_env, FileConfig, LogFlag, ServeConfig, ServeFlags, Storage};
use byline::db_args::DbArgs;
use byline::live_cli::{BannerCommand, FeedCommand, LiveCommand};
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
    #[command(flatten)]
    log: LogFlag,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the public site (loads the demo newsroom into an empty database unless --no-demo).
    Serve(ServeArgs),
    /// Print the settings `serve` would use, each with where it came from, and exit.
    Config(ServeArgs),
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
    /// Post to the News Feed (short timestamped items).
    Feed {
        #[command(subcommand)]
        command: FeedCommand,
    },
    /// Cover an event live: start a live page, add entries, archive it.
    Live {
        #[command(subcommand)]
        command: LiveCommand,
    },
    /// Set or clear the site-wide breaking-news or announcement banner.
    Banner {
        #[command(subcommand)]
        command: BannerCommand,
    },
    /// Write the whole public site into DIR as static files (a mirror with relative links
    /// that works from any static host or from disk); re-running writes only what changed.
    #[command(long_about = EXPORT_HELP)]
    ExportStatic(byline::export::ExportArgs),
    /// The outlet's article signing keys: rotate, list.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The outlet's editions (languages with their own home, feeds and sitemaps).
    Edition {
        #[command(subcommand)]
        command: byline::edition_cli::EditionCommand,
    },
    /// Rebuild this node's search index (DATA_DIR/search) from the database. Run it with
    /// the node stopped; a node also rebuilds a missing or unreadable index at start.
    Reindex {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Check that an article page (live, saved or in a mirror) is genuine; exit 0 genuine,
    /// 1 altered or forged, 2 cannot check.
    Verify(byline::verify_cli::VerifyArgs),
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Make a new signing key current; the old one stays published with its validity
    /// period, so what it signed still verifies.
    Rotate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// List the signing keys with their validity periods.
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

const EXPORT_HELP: &str = "Write the whole public site into DIR as static files: pages, \
feeds, sitemaps, media, assets, keys, signatures and history pages, with links relative to \
each page so the mirror works from any static host, a USB stick or straight from disk \
(file://). Every page carries a notice naming the canonical site; feeds and sitemaps keep \
canonical URLs; forms that post and live updates point to the canonical site.\n\n\
DIR/.byline-mirror.json lists every file written: re-running writes only files whose \
content changed and removes files the site no longer serves (and only files it lists), \
then prints \"N written, M unchanged, K removed\". A non-empty DIR without that manifest is \
refused unless --force.";

#[derive(Subcommand)]
enum SettingsCommand {
    /// Print every site setting.
    Show {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Change one setting, e.g. `byline settings set language uk`.
    Set {
        /// name, tagline, language, time_zone, excerpt_cap, support_text, support_url,
        /// copyright_holder or corrections_position (top or bottom).
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

/// Every `serve` setting is a flag (see the README's configuration table).
#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    settings: ServeFlags,
    #[command(flatten)]
    db: DbArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let file = match FileConfig::load(cli.config.as_deref()) {
        Ok(file) => file,
        Err(e) => return fail(&e),
    };
    let filter = match byline::config::log_filter(&file, &process_env, &cli.log) {
        Ok(filter) => filter,
        Err(e) => return fail(&e),
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&anyhow::Error::new(e).context("cannot start the runtime")),
    };
    let cli = match cli {
        Cli {
            command: Command::Verify(args),
            ..
        } => return ExitCode::from(runtime.block_on(byline::verify_cli::run(args))),
        cli => cli,
    };
    match runtime.block_on(run(cli, file)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// Reports `e` on one line, `byline: …`, and fails.
fn fail(e: &anyhow::Error) -> ExitCode {
    eprintln!("byline: {e:#}");
    ExitCode::FAILURE
}

async fn run(cli: Cli, file: FileConfig) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve(args, &file).await,
        Command::Config(args) => {
            let storage = args.db.clone().storage(&file);
            // Refuse what `serve` would refuse.
            ServeConfig::resolve(&file, &process_env, &args.settings, &storage)?;
            let mut shown = byline::config::describe(&file, &process_env, &args.settings);
            shown.push_str(&format!(
                "data_dir = {:?}\n",
                storage.data_dir.display().to_string()
            ));
            shown.push_str(&format!(
                "signing_key_dir = {:?}\n",
                storage.signing_key_dir.display().to_string()
            ));
            // A closed pipe (`byline config | head`) is not an error.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), shown.as_bytes());
            Ok(())
        }
        Command::Migrate(db) => {
            let storage = db.clone().storage(&file);
            let store = storage.open().await?;
            println!("migrations applied ({})", store.backend());
            Ok(())
        }
        Command::Demo(db) => {
            let storage = db.clone().storage(&file);
            let store = storage.open().await?;
            let s = byline::demo::load(store.as_ref()).await?;
            sign_imported(store.as_ref(), &storage, &file).await?;
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
            let store = db.clone().storage(&file).open().await?;
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
            let store = db.clone().storage(&file).open().await?;
            let token = byline::staff_cli::create_token(store.as_ref(), &email, &name).await?;
            println!("API token for {email} ({name}); it is shown only once:");
            println!("{token}");
            Ok(())
        }
        Command::Settings {
            command: SettingsCommand::Show { db },
        } => {
            let store = db.clone().storage(&file).open().await?;
            let settings = byline::settings_cli::show(store.as_ref()).await?;
            print!("{}", byline::settings_cli::format_settings(&settings));
            Ok(())
        }
        Command::Settings {
            command: SettingsCommand::Set { key, value, db },
        } => {
            let store = db.clone().storage(&file).open().await?;
            let settings = byline::settings_cli::set(store.as_ref(), &key, &value).await?;
            print!("{}", byline::settings_cli::format_settings(&settings));
            Ok(())
        }
        Command::Feed { command } => byline::live_cli::feed(command, &file).await,
        Command::Live { command } => byline::live_cli::live(command, &file).await,
        Command::Banner { command } => byline::live_cli::banner(command, &file).await,
        Command::ExportStatic(args) => byline::export::run(args, &file).await,
        Command::Edition { command } => byline::edition_cli::run(command, &file).await,
        Command::Reindex { db } => {
            let storage = db.storage(&file);
            let store = storage.open().await?;
            let count = byline::reindex_cli::reindex(store.as_ref(), &storage.search_dir).await?;
            println!(
                "{count} articles indexed in {}",
                storage.search_dir.display()
            );
            Ok(())
        }
        Command::Keys {
            command: KeysCommand::Rotate { db },
        } => {
            let storage = db.storage(&file);
            let store = storage.open().await?;
            byline::keys_cli::rotate(store.as_ref(), &storage.signer()).await?;
            Ok(())
        }
        Command::Keys {
            command: KeysCommand::List { db },
        } => {
            let storage = db.storage(&file);
            let store = storage.open().await?;
            print!(
                "{}",
                byline::keys_cli::list(store.as_ref(), &storage.signer()).await?
            );
            Ok(())
        }
        Command::Verify(_) => unreachable!("handled before the runtime runs"),
        Command::Article {
            command: ArticleCommand::Add { files, db },
        } => {
            let storage = db.clone().storage(&file);
            let store = storage.open().await?;
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
            sign_imported(store.as_ref(), &storage, &file).await?;
            if failed > 0 {
                anyhow::bail!("{failed} of {} files were not saved", files.len());
            }
            Ok(())
        }
    }
}

/// Signs the published revisions an import left unsigned, when this machine holds the
/// outlet's current key (a running server would sign them on their first render anyway).
async fn sign_imported(
    store: &dyn byline_store::Store,
    storage: &Storage,
    file: &FileConfig,
) -> anyhow::Result<()> {
    if store.current_signing_key().await?.is_none() {
        return Ok(());
    }
    let config = ServeConfig::resolve(file, &process_env, &ServeFlags::default(), storage)?;
    let signed =
        byline::keys_cli::sign_published(store, &storage.signer(), &config.web.base_url).await?;
    if signed > 0 {
        println!("signed {signed} published revisions");
    }
    Ok(())
}

async fn serve(args: ServeArgs, file: &FileConfig) -> anyhow::Result<()> {
    let storage = args.db.clone().storage(file);
    let config = ServeConfig::resolve(file, &process_env, &args.settings, &storage)?;
    let store = storage.open().await?;
    let mailer = byline::server::mailer(&config)?;
    byline::server::prepare(store.as_ref(), config.demo).await?;
    let base = config.web.base_url.clone();
    let backend = store.backend();
    let server = byline::server::start(store, config, mailer).await?;
    // Published revisions left unsigned (the demo loaded before the key existed on a first
    // start, an import) are signed in the background: a large archive takes minutes, and a
    // stop signal must not wait for it (what is left is signed on the next start, or on a
    // page's first render).
    let signing = server.state.signer.clone().map(|signer| {
        let state = server.state.clone();
        tokio::spawn(async move {
            match byline::keys_cli::sign_published(
                state.store.as_ref(),
                &signer,
                &state.config.base_url,
            )
            .await
            {
                // Benchmarks wait for this line (target `byline::startup`) before they measure.
                Ok(signed) => {
                    tracing::info!(target: "byline::startup", signed, "start-up signing of published revisions done")
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot sign the unsigned published revisions")
                }
            }
        })
    });
    if signing.is_none() {
        tracing::info!(
            target: "byline::startup",
            signed = 0,
            "start-up signing of published revisions done"
        );
    }
    tracing::info!(addr = %server.addr, backend, "listening");
    println!(
        "Byline is serving at {base}/ (listening on {}, {backend})",
        server.addr
    );
    let stopped = server.task.await;
    if let Some(signing) = signing {
        signing.abort();
    }
    stopped.context("server task")?.context("server")?;
    Ok(())
}
