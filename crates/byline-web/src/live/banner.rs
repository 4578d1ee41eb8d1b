//! The site-wide banner on every public page: its view, the fragment a `banner` event
//! carries, and the clock that drops cached pages when a banner's start or end time
//! comes (no write happens then, so nothing else would).

use std::time::Duration;

use askama::Template;
use byline_domain::Banner;
use byline_i18n::Lang;
use chrono::Utc;

use crate::AppState;

/// A banner as the page shows it.
#[derive(Debug, Clone)]
pub struct BannerView {
    pub id: i64,
    pub text: String,
    pub link: String,
    /// `breaking` or `notice` (the CSS class).
    pub style: &'static str,
    /// The region's name: "Breaking news" or "Announcement".
    pub label: String,
    /// When it stops showing, for the script to take it down on time.
    pub ends_millis: Option<i64>,
}

impl BannerView {
    /// The banner if it shows now.
    pub fn showing(banner: Option<&Banner>, lang: Lang) -> Option<Self> {
        let b = banner.filter(|b| b.showing_at(Utc::now()))?;
        Some(Self {
            id: b.id,
            text: b.text.clone(),
            link: b.link.clone(),
            style: b.style.as_str(),
            label: lang.t(match b.style {
                byline_domain::BannerStyle::Breaking => "live-banner-breaking",
                byline_domain::BannerStyle::Notice => "live-banner-notice",
            }),
            ends_millis: b.ends_at.map(|t| t.timestamp_millis()),
        })
    }
}

/// The banner's markup, as the page includes it and a `banner` event carries it.
#[derive(Template)]
#[template(path = "live/banner.html")]
pub struct BannerFragment<'a> {
    pub lang: Lang,
    pub banner: &'a BannerView,
}

/// How often the clock looks at the banner in memory (no database read).
const TICK: Duration = Duration::from_millis(250);

/// Starts the banner clock: when the banner in the chrome should start or stop showing
/// but the pages were built the other way, every cached page (and the chrome) is dropped.
pub fn spawn_clock(app: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        loop {
            tick.tick().await;
            let Some(chrome) = app.chrome.peek() else {
                continue;
            };
            let should_show = chrome
                .banner_set
                .as_ref()
                .is_some_and(|b| b.showing_at(Utc::now()));
            if should_show != chrome.banner.is_some() {
                tracing::debug!("the banner's start or end time has come");
                app.invalidate(&[byline_store::CacheTag::from("site")]);
            }
        }
    })
}
