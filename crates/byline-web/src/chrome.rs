//! The site chrome every page shares: settings, the edition's language and time zone, its
//! section navigation and language switcher, stylesheet URL. One per edition, kept in
//! memory and dropped on a site-wide change.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, RwLock};

use byline_domain::{Edition, Section, SiteSettings};
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
    /// Lists offered by this edition's subscribe forms.
    pub newsletters: Vec<byline_store::Newsletter>,
    /// Every list of every edition (the preferences page, the subscribe post's checks).
    pub all_newsletters: Vec<byline_store::Newsletter>,
    pub css_href: &'static str,
    pub staff_js: &'static str,
    /// The live-coverage page script (banner dismissal, live updates, share links).
    pub live_js: &'static str,
    /// The banner as set, shown or not (the banner clock compares it with the time).
    pub banner_set: Option<byline_domain::Banner>,
    /// The banner every page shows now, if any.
    pub banner: Option<crate::live::banner::BannerView>,
    pub year: i32,
    /// The site's language setting (the default edition's language).
    pub site_lang: Lang,
    /// The edition this chrome is for.
    pub edition: Edition,
    /// Every edition, by position (the switcher lists the others).
    pub editions: Vec<Edition>,
}

impl Chrome {
    /// `path` in this chrome's edition (`/feed.xml` → `/uk/feed.xml`).
    pub fn path(&self, path: &str) -> String {
        self.edition.path(path)
    }

    /// The language switcher for a page with these `alternates`.
    pub fn switcher(
        &self,
        alternates: &[crate::editions::alternates::Alternate],
    ) -> Vec<crate::editions::alternates::SwitchLink> {
        crate::editions::alternates::switcher(&self.editions, &self.edition, alternates)
    }

    /// The article languages this edition's listings show.
    pub fn languages(&self) -> byline_store::LanguageFilter {
        crate::editions::language_filter(&self.editions, &self.edition, self.site_lang.code())
    }

    /// Alternates of an edition-wide page at `path` (unprefixed), absolute through `app`.
    pub fn edition_alternates(
        &self,
        app: &crate::AppState,
        path: &str,
    ) -> Vec<crate::editions::alternates::Alternate> {
        crate::editions::alternates::of_edition_page(
            &self.editions,
            self.site_lang,
            |p| app.absolute(p),
            path,
        )
    }

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
    /// By edition code as asked for (`""`: the default edition).
    chrome: RwLock<HashMap<String, Arc<Chrome>>>,
    /// The non-default editions' URL prefixes, refreshed with every chrome read.
    pub prefixes: Arc<crate::editions::Prefixes>,
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
    /// The default edition's chrome.
    pub async fn get(&self, store: &dyn Store) -> Result<Arc<Chrome>, AppError> {
        self.edition(store, None).await
    }

    /// The chrome of the edition content in language `code` belongs to (`None`, or a code
    /// no other edition has: the default edition).
    pub async fn edition(
        &self,
        store: &dyn Store,
        code: Option<&str>,
    ) -> Result<Arc<Chrome>, AppError> {
        let slot = code.unwrap_or("");
        if let Some(chrome) = self.peek_in(slot) {
            return Ok(chrome);
        }
        let site = store.settings().await?;
        let editions = store.editions().await?;
        self.prefixes.set(&editions);
        let site_lang = site_lang(&site);
        let edition = crate::editions::edition_of(&editions, slot)
            .cloned()
            .unwrap_or_else(|| Edition {
                code: site_lang.code().to_owned(),
                name: site.name.clone(),
                path_prefix: String::new(),
                time_zone: site.time_zone.clone(),
                position: 0,
                is_default: true,
            });
        let (lang, tz) = if edition.is_default {
            (site_lang, site.tz())
        } else {
            (edition.lang(), edition.tz())
        };
        if edition.is_default {
            let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
            self.last_lang
                .store(u8::try_from(index).unwrap_or(0), Ordering::Relaxed);
        }
        let banner_set = store.banner().await?;
        let others: Vec<&str> = editions
            .iter()
            .filter(|e| !e.is_default && e.code != site_lang.code())
            .map(|e| e.code.as_str())
            .collect();
        let in_edition = |code: &str| {
            if edition.is_default {
                !others.contains(&code)
            } else {
                code == edition.code
            }
        };
        let sections = store
            .sections()
            .await?
            .into_iter()
            .filter(|s| in_edition(&s.edition))
            .collect();
        let all_newsletters = store.newsletters().await?;
        let newsletters = all_newsletters
            .iter()
            .filter(|n| in_edition(&n.edition))
            .cloned()
            .collect();
        let chrome = Arc::new(Chrome {
            banner: crate::live::banner::BannerView::showing(banner_set.as_ref(), lang),
            banner_set,
            live_js: crate::site::assets::live_script_href(),
            lang,
            site_lang,
            tz,
            site,
            sections,
            newsletters,
            all_newsletters,
            css_href: crate::site::assets::stylesheet_href(),
            staff_js: crate::site::assets::staff_script_href(),
            year: chrono::Utc::now().with_timezone(&chrono_tz::UTC).year(),
            edition,
            editions,
        });
        if let Ok(mut map) = self.chrome.write() {
            map.insert(slot.to_owned(), Arc::clone(&chrome));
        }
        Ok(chrome)
    }

    /// The default edition's chrome if it is in memory, without touching the store.
    pub fn peek(&self) -> Option<Arc<Chrome>> {
        self.peek_in("")
    }

    fn peek_in(&self, slot: &str) -> Option<Arc<Chrome>> {
        self.chrome.read().ok().and_then(|c| c.get(slot).cloned())
    }

    /// The site's language as last read from the store (English before the first read).
    pub fn last_lang(&self) -> Lang {
        let index = usize::from(self.last_lang.load(Ordering::Relaxed));
        Lang::ALL.get(index).copied().unwrap_or_default()
    }

    pub fn invalidate(&self, tags: &[String]) {
        if tags.iter().any(|t| t == "site") {
            if let Ok(mut map) = self.chrome.write() {
                map.clear();
            }
        }
    }
}
