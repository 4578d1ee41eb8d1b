//! The `byline` binary's library: configuration, the demo newsroom, article import, the
//! live coverage commands and the server start-up, kept here so integration tests drive
//! exactly what `main` runs.
#![forbid(unsafe_code)]

pub mod config;
pub mod db_args;
pub mod demo;
pub mod edition_cli;
pub mod export;
pub mod import;
pub mod keys_cli;
pub mod live_cli;
pub mod reindex_cli;
pub mod server;
pub mod settings_cli;
pub mod staff_cli;
pub mod verify_cli;
