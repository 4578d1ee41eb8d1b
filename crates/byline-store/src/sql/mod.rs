//! The SQL both backends share. Placeholders are `$n`, which SQLite and PostgreSQL both
//! accept, so one body serves both; each `impl_*!` macro instantiates it per backend, and
//! the few real differences (row locking for the job queue) are macro arguments.
//!
//! Each query file has its rows beside it (`content.rs` and `content_rows.rs` …);
//! `shared.rs` holds the helpers they all use.

pub(crate) mod audio;
pub(crate) mod campaign_rows;
mod campaigns;
mod content;
mod content_desk;
pub(crate) mod content_desk_rows;
pub(crate) mod content_rows;
pub(crate) mod editions;
mod history;
pub(crate) mod history_rows;
mod jobs;
pub(crate) mod jobs_rows;
pub(crate) mod live;
pub(crate) mod live_rows;
pub(crate) mod newsletter_rows;
mod newsletters;
pub(crate) mod report_rows;
mod reports;
pub(crate) mod shared;
pub(crate) mod signing;
mod staff;
pub(crate) mod staff_rows;

pub(crate) use audio::impl_audio_store;
pub(crate) use campaigns::impl_campaign_store;
pub(crate) use content::impl_content_store;
pub(crate) use content_desk::impl_content_desk;
pub(crate) use editions::impl_edition_store;
pub(crate) use history::impl_history_store;
pub(crate) use jobs::impl_job_store;
pub(crate) use live::impl_live_store;
pub(crate) use newsletters::impl_newsletter_store;
pub(crate) use reports::impl_report_store;
pub(crate) use signing::impl_signing_store;
pub(crate) use staff::impl_staff_store;

/// Implements every storage trait for a backend.
macro_rules! impl_store {
    ($store:ty, $db:ty, $backend:literal, $skip_locked:literal) => {
        $crate::sql::impl_content_store!($store, $db, $backend);
        $crate::sql::impl_content_desk!($store, $db);
        $crate::sql::impl_staff_store!($store, $db);
        $crate::sql::impl_job_store!($store, $db, $skip_locked);
        $crate::sql::impl_newsletter_store!($store, $db);
        $crate::sql::impl_campaign_store!($store, $db, $skip_locked);
        $crate::sql::impl_live_store!($store, $db);
        $crate::sql::impl_report_store!($store, $db);
        $crate::sql::impl_history_store!($store, $db);
        $crate::sql::impl_signing_store!($store, $db);
        $crate::sql::impl_edition_store!($store, $db);
        $crate::sql::impl_audio_store!($store, $db);
    };
}

pub(crate) use impl_store;
