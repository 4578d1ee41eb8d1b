//! Uploaded media (hero images, portraits), served from a media cache of their own: one
//! copy per file however its URL is spelled or whatever query it carries, under a byte
//! budget, with a strong ETag, `Cache-Control: immutable` for upload names (which are
//! never given other bytes), and single-range HTTP Range requests.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::cache::flight::Flights;
use crate::{AppError, AppState};

/// Default byte budget of the media cache.
pub const DEFAULT_MEDIA_BUDGET: u64 = 32 * 1024 * 1024;
const LOAD_WAIT: Duration = Duration::from_secs(10);

/// One media file in memory.
#[derive(Debug)]
pub(crate) struct MediaEntry {
    bytes: Bytes,
    content_type: &'static str,
    etag: HeaderValue,
    cache_control: HeaderValue,
}

#[derive(Clone)]
struct MediaWeight;

impl quick_cache::Weighter<String, Arc<MediaEntry>> for MediaWeight {
    fn weight(&self, key: &String, entry: &Arc<MediaEntry>) -> u64 {
        u64::try_from(entry.bytes.len() + key.len() + 256).unwrap_or(u64::MAX)
    }
}

/// Media files by name, under a byte budget.
pub struct MediaCache {
    files: quick_cache::sync::Cache<String, Arc<MediaEntry>, MediaWeight>,
    flights: Flights,
}

impl MediaCache {
    pub fn new(budget: u64) -> Self {
        let budget = budget.max(1024 * 1024);
        Self {
            files: quick_cache::sync::Cache::with_weighter(1024, budget, MediaWeight),
            flights: Flights::default(),
        }
    }

    /// Drops files named by `media:NAME` tags (`site` drops all).
    pub fn invalidate(&self, tags: &[String]) {
        for tag in tags {
            if tag == "site" {
                self.files.clear();
            } else if let Some(name) = tag.strip_prefix("media:") {
                self.files.remove(name);
            }
        }
    }

    pub fn bytes(&self) -> u64 {
        self.files.weight()
    }

    async fn get(&self, app: &AppState, name: &str) -> Result<Arc<MediaEntry>, AppError> {
        if let Some(entry) = self.files.get(name) {
            return Ok(entry);
        }
        let _flight = self
            .flights
            .enter(name, LOAD_WAIT)
            .await
            .ok_or_else(|| AppError::Unavailable("media queue".into()))?;
        if let Some(entry) = self.files.get(name) {
            return Ok(entry);
        }
        if app.health.is_down() {
            return Err(AppError::Unavailable("database down".into()));
        }
        let _permit = app
            .render_permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let file = app.store.media(name).await?.ok_or(AppError::NotFound)?;
        let hash = xxhash_rust::xxh3::xxh3_128(&file.bytes);
        let entry = Arc::new(MediaEntry {
            content_type: content_type(&file.content_type),
            etag: HeaderValue::from_str(&format!("\"{hash:032x}\""))
                .unwrap_or(HeaderValue::from_static("\"0\"")),
            cache_control: HeaderValue::from_static(if is_upload_name(name) {
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=86400"
            }),
            bytes: Bytes::from(file.bytes),
        });
        self.files.insert(name.to_owned(), Arc::clone(&entry));
        Ok(entry)
    }
}

/// Upload names carry a random 12-hex-digit part (`stem.0123456789ab.jpg`, variants
/// `stem.0123456789ab-960w.webp`) and are never rebound to other bytes.
pub fn is_upload_name(name: &str) -> bool {
    let mut parts = name.rsplitn(3, '.');
    let (_ext, id) = (parts.next(), parts.next());
    let stem = parts.next();
    let id = id.map(|id| id.split_once('-').map_or(id, |(id, _)| id));
    stem.is_some_and(|s| !s.is_empty())
        && id.is_some_and(|id| {
            id.len() == 12
                && id
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

fn content_type(stored: &str) -> &'static str {
    match stored {
        "image/svg+xml" => "image/svg+xml",
        "image/jpeg" => "image/jpeg",
        "image/png" => "image/png",
        "image/webp" => "image/webp",
        "image/gif" => "image/gif",
        "image/avif" => "image/avif",
        "audio/ogg" => "audio/ogg",
        "audio/mpeg" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

pub(super) async fn show(
    State(app): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let entry = app.media.get(&app, &name).await?;
    Ok(respond(&entry, &headers))
}

fn respond(entry: &MediaEntry, headers: &HeaderMap) -> Response {
    let matches = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| crate::cache::etag_matches(v, &entry.etag))
    };
    let mut response = if matches(header::IF_NONE_MATCH) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        // If-Range: a range only of the representation the client already has.
        let range_applies = headers.get(header::IF_RANGE).is_none() || matches(header::IF_RANGE);
        match headers
            .get(header::RANGE)
            .and_then(|v| v.to_str().ok())
            .filter(|_| range_applies)
        {
            None => Response::new(Body::from(entry.bytes.clone())),
            Some(range) => match byte_range(range, entry.bytes.len()) {
                Range::Whole => Response::new(Body::from(entry.bytes.clone())),
                Range::Part(start, end) => {
                    let mut r = Response::new(Body::from(entry.bytes.slice(start..=end)));
                    *r.status_mut() = StatusCode::PARTIAL_CONTENT;
                    let value = format!("bytes {start}-{end}/{}", entry.bytes.len());
                    r.headers_mut().insert(
                        header::CONTENT_RANGE,
                        HeaderValue::from_str(&value)
                            .unwrap_or(HeaderValue::from_static("bytes */0")),
                    );
                    r
                }
                Range::Unsatisfiable => {
                    let mut r = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
                    let value = format!("bytes */{}", entry.bytes.len());
                    r.headers_mut().insert(
                        header::CONTENT_RANGE,
                        HeaderValue::from_str(&value)
                            .unwrap_or(HeaderValue::from_static("bytes */0")),
                    );
                    return r;
                }
            },
        }
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(entry.content_type),
    );
    h.insert(header::ETAG, entry.etag.clone());
    h.insert(header::CACHE_CONTROL, entry.cache_control.clone());
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    response
}

#[derive(Debug, PartialEq, Eq)]
enum Range {
    /// No usable range (several ranges, another unit, malformed): send everything.
    Whole,
    /// Inclusive byte offsets.
    Part(usize, usize),
    Unsatisfiable,
}

/// One `bytes=` range of RFC 9110: `a-b`, `a-` or `-n`.
fn byte_range(header: &str, len: usize) -> Range {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return Range::Whole;
    };
    if spec.contains(',') {
        return Range::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Range::Whole;
    };
    let parse = |s: &str| {
        if s.is_empty() {
            Some(None)
        } else {
            s.parse::<usize>().ok().map(Some)
        }
    };
    let (Some(first), Some(last)) = (parse(first.trim()), parse(last.trim())) else {
        return Range::Whole;
    };
    match (first, last) {
        (Some(start), _) if start >= len => Range::Unsatisfiable,
        (Some(start), Some(end)) if end >= start => Range::Part(start, end.min(len - 1)),
        (Some(_), Some(_)) => Range::Whole,
        (Some(start), None) => Range::Part(start, len - 1),
        (None, Some(0)) => Range::Unsatisfiable,
        (None, Some(_)) if len == 0 => Range::Unsatisfiable,
        (None, Some(n)) => Range::Part(len.saturating_sub(n), len - 1),
        (None, None) => Range::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_rfc_9110() {
        assert_eq!(byte_range("bytes=0-99", 1000), Range::Part(0, 99));
        assert_eq!(byte_range("bytes=900-", 1000), Range::Part(900, 999));
        assert_eq!(byte_range("bytes=-100", 1000), Range::Part(900, 999));
        assert_eq!(byte_range("bytes=990-5000", 1000), Range::Part(990, 999));
        assert_eq!(byte_range("bytes=1000-", 1000), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=-0", 1000), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=0-1,5-6", 1000), Range::Whole);
        assert_eq!(byte_range("items=0-1", 1000), Range::Whole);
        assert_eq!(byte_range("bytes=5-1", 1000), Range::Whole);
        assert_eq!(byte_range("bytes=x-1", 1000), Range::Whole);
    }

    #[test]
    fn upload_names_are_recognised() {
        assert!(is_upload_name("ferry.0123456789ab.jpg"));
        assert!(is_upload_name("ferry.0123456789ab-960w.webp"));
        assert!(!is_upload_name("ferry.jpg"));
        assert!(!is_upload_name("ferry-0123456789ab.jpg"));
        assert!(!is_upload_name(".0123456789ab.jpg"));
        assert!(!is_upload_name("ferry.0123456789AB.jpg"));
    }
}
