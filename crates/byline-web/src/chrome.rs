//! The site chrome every page shares: settings, the site's language, section navigation,
//! stylesheet URL. Kept in memory and dropped on a site-wide change.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, RwLock};

use byline_domain::{Section, SiteSettings};
use byline_i18n::Lang;
use byline_store::Store;
use chrono::Datelike;

use crate::AppError;

/// Shared by every page template.
#[derive(Debug)]
pub struct Chrome {
    pub site: SiteSettings,
    /// The public site's catalog, from `site.language`.
    pub lang: Lang,
    pub tz: chrono_tz::Tz,
    pub sections: Vec<Section>,
    /// Lists offered by the subscribe forms.
    pub newsletters: Vec<byline_store::Newsletter>,
    pub css_href: &'static str,
    pub staff_js: &'static str,
    /// The live-coverage page script (banner dismissal, live updates, share links).
    pub live_js: &'static str,
    /// The banner as set, shown or not (the banner clock compares it with the time).
    pub banner_set: Option<byline_domain::Banner>,
    /// The banner every page shows now, if any.
    pub banner: Option<crate::live::banner::BannerView>,
    pub year: i32,
}

impl Chrome {
    /// "© 2026 The Meridian Courier. All rights reserved. Reprints under our" (the
    /// copyright policy link follows in the footer).
    pub fn copyright_notice(&self) -> String {
        self.lang.t_args(
            "site-copyright-notice",
            &[
                // Years are not grouped ("2026", not "2,026").
                ("year", self.year.to_string().into()),
                ("holder", self.site.copyright_holder.as_str().into()),
            ],
        )
    }
}

#[derive(Debug, Default)]
pub(crate) struct ChromeCache {
    chrome: RwLock<Option<Arc<Chrome>>>,
    /// The language of the last chrome read (an index into `Lang::ALL`), kept across
    /// invalidations: the bare error page shown while the store is down uses it.
    last_lang: AtomicU8,
}

/// `site.language` as a catalog; an unknown stored code falls back to English.
pub(crate) fn site_lang(site: &SiteSettings) -> Lang {
    site.lang().unwrap_or_else(|e| {
        tracing::warn!(error = %e, "the site language setting is unknown; showing the site in English");
        Lang::En
    })
}

/// The site's language now, for words built outside a page template (notices, mail).
pub(crate) async fn language(app: &crate::AppState) -> Result<Lang, AppError> {
    Ok(app.chrome.get(app.store.as_ref()).await?.lang)
}

impl ChromeCache {
    pub async fn get(&self, store: &dyn Store) -> Result<Arc<Chrome>, AppError> {
        if let Some(chrome) = self.peek() {
            return Ok(chrome);
        }
        let site = store.settings().await?;
        let lang = site_lang(&site);
        let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.last_lang
            .store(u8::try_from(index).unwrap_or(0), Ordering::Relaxed);
        let banner_set = store.banner().await?;
        let chrome = Arc::new(Chrome {
            banner: crate::live::banner::BannerView::showing(banner_set.as_ref(), lang),
            banner_set,
            live_js: crate::site::assets::live_script_href(),
            lang,
            tz: site.tz(),
            site,
            sections: store.sections().await?,
            newsletters: store.newsletters().await?,
            css_href: crate::site::assets::stylesheet_href(),
            staff_js: crate::site::assets::staff_script_href(),
            year: chrono::Utc::now().with_timezone(&chrono_tz::UTC).year(),
        });
        if let Ok(mut slot) = self.chrome.write() {
            *slot = Some(Arc::clone(&chrome));
        }
        Ok(chrome)
    }

    /// The chrome if it is in memory, without touching the store.
    pub fn peek(&self) -> Option<Arc<Chrome>> {
        self.chrome.read().ok().and_then(|c| c.clone())
    }

    /// The site's language as last read from the store (English before the first read).
    pub fn last_lang(&self) -> Lang {
        let index = usize::from(self.last_lang.load(Ordering::Relaxed));
        Lang::ALL.get(index).copied().unwrap_or_default()
    }

    pub fn invalidate(&self, tags: &[String]) {
        if tags.iter().any(|t| t == "site") {
            if let Ok(mut slot) = self.chrome.write() {
                *slot = None;
            }
        }
    }
}
