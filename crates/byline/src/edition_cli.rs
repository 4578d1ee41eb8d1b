//! `byline edition list|set|section`: the outlet's editions from the command line, through
//! the same edition workflows as the Admin API.

use byline_domain::Edition;
use byline_web::workflow::Actor;
use clap::Subcommand;

use crate::config::FileConfig;
use crate::db_args::DbArgs;
use crate::settings_cli::explain;

#[derive(Subcommand, Debug)]
pub enum EditionCommand {
    /// Print every edition: code, prefix, time zone, name (the default one has no prefix).
    List {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Add an edition, or change the one with this code, e.g.
    /// `byline edition set uk --name Українська --prefix /uk --time-zone Europe/Kyiv`.
    /// A running node picks the change up from the change log.
    Set {
        /// The language code of a shipped catalog (en, uk).
        code: String,
        /// Shown in the language switcher.
        #[arg(long)]
        name: String,
        /// URL prefix such as /uk (leave out for the default edition).
        #[arg(long, default_value = "")]
        prefix: String,
        /// IANA time zone the edition's times are shown in.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
        /// Order in the switcher.
        #[arg(long, default_value_t = 1)]
        position: i64,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Move a section into an edition: `byline edition section novyny uk`.
    Section {
        slug: String,
        code: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// One line per edition.
pub fn format_editions(editions: &[Edition]) -> String {
    editions
        .iter()
        .map(|e| {
            let prefix = if e.is_default {
                "(default)"
            } else {
                e.path_prefix.as_str()
            };
            format!("{}\t{prefix}\t{}\t{}\n", e.code, e.time_zone, e.name)
        })
        .collect()
}

pub async fn run(command: EditionCommand, file: &FileConfig) -> anyhow::Result<()> {
    let db = match &command {
        EditionCommand::List { db }
        | EditionCommand::Set { db, .. }
        | EditionCommand::Section { db, .. } => db.clone(),
    };
    let store = db.storage(file).open().await?;
    let workflows = crate::staff_cli::workflows(store.as_ref(), "");
    match command {
        EditionCommand::List { .. } => {}
        EditionCommand::Set {
            code,
            name,
            prefix,
            time_zone,
            position,
            ..
        } => {
            workflows
                .save_edition(
                    Actor::Operator,
                    Edition {
                        code,
                        name,
                        path_prefix: prefix,
                        time_zone,
                        position,
                        is_default: false,
                    },
                )
                .await
                .map_err(explain)?;
        }
        EditionCommand::Section { slug, code, .. } => {
            workflows
                .set_section_edition(Actor::Operator, &slug, &code)
                .await
                .map_err(explain)?;
        }
    }
    let editions = workflows.editions(Actor::Operator).await.map_err(explain)?;
    print!("{}", format_editions(&editions));
    Ok(())
}
