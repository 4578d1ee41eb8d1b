//! The site chrome every page shares: settings, section navigation, stylesheet URL.
//! Kept in memory and dropped on a site-wide change.

use std::sync::{Arc, RwLock};

use byline_domain::{Section, SiteSettings};
use byline_store::Store;
use chrono::Datelike;

use crate::AppError;

/// Shared by every page template.
#[derive(Debug)]
pub struct Chrome {
    pub site: SiteSettings,
    pub tz: chrono_tz::Tz,
    pub sections: Vec<Section>,
    /// Lists offered by the subscribe forms.
    pub newsletters: Vec<byline_store::Newsletter>,
    pub css_href: &'static str,
    pub staff_js: &'static str,
    pub year: i32,
}

#[derive(Debug, Default)]
pub(crate) struct ChromeCache(RwLock<Option<Arc<Chrome>>>);

impl ChromeCache {
    pub async fn get(&self, store: &dyn Store) -> Result<Arc<Chrome>, AppError> {
        if let Some(chrome) = self.0.read().ok().and_then(|c| c.clone()) {
            return Ok(chrome);
        }
        let site = store.settings().await?;
        let chrome = Arc::new(Chrome {
            tz: site.tz(),
            site,
            sections: store.sections().await?,
            newsletters: store.newsletters().await?,
            css_href: crate::site::assets::stylesheet_href(),
            staff_js: crate::site::assets::staff_script_href(),
            year: chrono::Utc::now().with_timezone(&chrono_tz::UTC).year(),
        });
        if let Ok(mut slot) = self.0.write() {
            *slot = Some(Arc::clone(&chrome));
        }
        Ok(chrome)
    }

    /// The chrome if it is in memory, without touching the store.
    pub fn peek(&self) -> Option<Arc<Chrome>> {
        self.0.read().ok().and_then(|c| c.clone())
    }

    pub fn invalidate(&self, tags: &[String]) {
        if tags.iter().any(|t| t == "site") {
            if let Ok(mut slot) = self.0.write() {
                *slot = None;
            }
        }
    }
}
