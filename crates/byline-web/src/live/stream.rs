//! One reader's Server-Sent Events stream: admitted within the hub's bounds, first what it
//! missed (re-read from the database after its `Last-Event-ID` or `?after=`), then the
//! node's broadcast filtered to the streams its page shows. A reader that falls behind
//! the broadcast gets `resync` and carries on from the present: nothing is queued per
//! reader. Keep-alive comments hold proxies open; the stream ends when the hub shuts down.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::{self, error::RecvError};

use byline_store::LanguageFilter;

use super::event::{LiveEvent, StreamKey};
use super::hub::{Refusal, StreamGuard, RESYNC};
use super::replay::{self, Replay};
use crate::{AppError, AppState};

/// How long a browser waits before it reconnects a dropped stream (the `retry:` hint).
const RECONNECT_HINT: Duration = Duration::from_secs(3);
/// Seconds a refused reader is asked to wait (`Retry-After`).
const REFUSED_RETRY_SECS: i64 = 30;

/// The change id a reader has seen: its `Last-Event-ID` header (a reconnect) or else
/// `after` from the query (the page's first connect: the id it was rendered at).
/// `None` when neither is given; a value that is not a whole number from 0 is a 400.
pub(crate) fn resume_point(
    headers: &HeaderMap,
    after: Option<&str>,
) -> Result<Option<i64>, AppError> {
    let (name, raw) = match headers.get("last-event-id") {
        Some(value) => ("Last-Event-ID", value.to_str().unwrap_or("\u{fffd}")),
        None => match after {
            Some(value) => ("after", value),
            None => return Ok(None),
        },
    };
    match raw.trim().parse::<i64>() {
        Ok(id) if id >= 0 => Ok(Some(id)),
        _ => Err(AppError::bad_input(
            "live-stream-bad-resume",
            &[("name", name), ("value", raw)],
        )),
    }
}

/// The SSE response of a reader from `client` who has seen changes up to `after`, for
/// the events of `streams`; News Feed items of the editions `editions` admits (all when
/// `None`).
pub(crate) async fn open(
    app: &AppState,
    client: &str,
    after: Option<i64>,
    streams: Vec<StreamKey>,
    editions: Option<LanguageFilter>,
) -> Response {
    let guard = match app.live.admit(client) {
        Ok(guard) => guard,
        Err(refusal) => return refused(app, refusal).await.into_response(),
    };
    // Subscribed before the replay is read: whatever commits meanwhile arrives by the
    // broadcast, and what the replay already carried is skipped by its id.
    let events = app.live.subscribe();
    let mut pending = VecDeque::from([Event::default().retry(RECONNECT_HINT)]);
    let mut replayed_up_to = 0;
    if let Some(after) = after {
        replayed_up_to = after;
        // A replay reads the log and re-renders what changed: a client reconnecting in a
        // loop gets `resync` (its page reloads from the cache) once over its allowance.
        let allowed = app.live_replays.allow(&super::hub::client_key(client));
        let answer = if allowed {
            replay::replay(app, &streams, after).await
        } else {
            metrics::counter!("byline_live_replays_refused_total").increment(1);
            Ok(Replay::TooFarBehind)
        };
        if matches!(answer, Ok(Replay::TooFarBehind) | Err(_)) {
            // What it reloads is newer than any id it holds; one from the future (a
            // restored database) must not silence the stream either.
            replayed_up_to = 0;
        }
        match answer {
            Ok(Replay::Events(missed)) => {
                for event in missed.iter().filter(|e| e.id > after) {
                    replayed_up_to = replayed_up_to.max(event.id);
                    pending.push_back(sse_for(event, editions.as_ref()));
                }
            }
            Ok(Replay::TooFarBehind) => pending.push_back(resync()),
            Err(e) => {
                // The page reloads what it shows rather than the stream failing for good
                // (a browser does not reconnect an EventSource after an error status).
                tracing::warn!(error = %e, "cannot replay missed live events; asking for a resync");
                pending.push_back(resync());
            }
        }
    }
    let reader = Reader {
        pending,
        events,
        shutdown: Box::pin(app.live.shutdown_signal()),
        streams,
        editions,
        replayed_up_to,
        _guard: guard,
    };
    let stream = futures_util::stream::unfold(reader, Reader::next);
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(app.config.live_keep_alive))
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    response
}

/// 429 with `Retry-After` and a sentence in the site's language.
async fn refused(app: &AppState, refusal: Refusal) -> AppError {
    let lang = crate::chrome::language(app)
        .await
        .unwrap_or_else(|_| app.chrome.last_lang());
    let limits = app.live.limits();
    let message = match refusal {
        Refusal::TooManyFromClient => lang.t_args(
            "live-stream-too-many-per-client",
            &[("limit", limits.per_client.into())],
        ),
        Refusal::Full => lang.t("live-stream-full"),
    };
    metrics::counter!("byline_live_streams_refused_total").increment(1);
    AppError::Throttled {
        message,
        retry_after: REFUSED_RETRY_SECS,
    }
}

/// What one open stream holds: its place in the hub, its broadcast receiver, and the
/// replayed events not yet sent (bounded by the replay).
struct Reader {
    pending: VecDeque<Event>,
    events: broadcast::Receiver<Arc<LiveEvent>>,
    shutdown: Pin<Box<dyn Future<Output = ()> + Send>>,
    streams: Vec<StreamKey>,
    /// The editions whose News Feed items it shows (`None`: all).
    editions: Option<LanguageFilter>,
    /// The highest id the replay carried: broadcast events up to it are duplicates.
    replayed_up_to: i64,
    _guard: StreamGuard,
}

impl Reader {
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Self)> {
        if let Some(event) = self.pending.pop_front() {
            return Some((Ok(event), self));
        }
        loop {
            let received = tokio::select! {
                biased;
                () = &mut self.shutdown => return None,
                received = self.events.recv() => received,
            };
            match received {
                Ok(event) if event.name == RESYNC => return Some((Ok(resync()), self)),
                Ok(event)
                    if event.id > self.replayed_up_to && self.streams.contains(&event.stream) =>
                {
                    let event = sse_for(&event, self.editions.as_ref());
                    return Some((Ok(event), self));
                }
                Ok(_) => {}
                Err(RecvError::Lagged(missed)) => {
                    metrics::counter!("byline_live_lagged_total").increment(1);
                    tracing::debug!(missed, "a live reader fell behind; asking for a resync");
                    return Some((Ok(resync()), self));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

/// `event` as a reader of `editions` gets it: as it is, or the `delete` of an item of
/// another edition.
fn sse_for(event: &LiveEvent, editions: Option<&LanguageFilter>) -> Event {
    match &event.edition {
        Some(scope) if !event.is_for(editions) => Event::default()
            .id(event.id.to_string())
            .event("delete")
            .data(&*scope.elsewhere),
        _ => sse_event(event),
    }
}

fn sse_event(event: &LiveEvent) -> Event {
    Event::default()
        .id(event.id.to_string())
        .event(event.name)
        .data(&*event.data)
}

/// `resync` carries no id: the reader's last id stays the last change it really got.
fn resync() -> Event {
    let event = super::hub::resync_event();
    Event::default().event(RESYNC).data(&*event.data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_i18n::Lang;

    fn with_last_event_id(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            "last-event-id",
            HeaderValue::from_str(value).expect("value"),
        );
        headers
    }

    #[test]
    fn the_header_wins_over_the_query_and_bad_values_are_named() {
        let none = HeaderMap::new();
        assert_eq!(resume_point(&none, None).ok(), Some(None));
        assert_eq!(resume_point(&none, Some("17")).ok(), Some(Some(17)));
        assert_eq!(
            resume_point(&with_last_event_id("42"), Some("17")).ok(),
            Some(Some(42))
        );
        for bad in ["-1", "x", "", "1.5"] {
            let error = resume_point(&with_last_event_id(bad), None).expect_err(bad);
            let message = error.message_in(Lang::En);
            assert!(message.contains("Last-Event-ID"), "{message}");
            assert!(message.contains(&format!("`{bad}`")), "{message}");
        }
        let error = resume_point(&none, Some("abc")).expect_err("abc");
        assert!(error.message_in(Lang::Uk).contains("after"));
    }

    /// Keys reached through `bad_input` are not literal `.t("…")` calls.
    #[test]
    fn every_stream_message_is_worded_in_every_language() {
        for lang in Lang::ALL {
            for key in [
                "live-stream-bad-resume",
                "live-stream-bad-streams",
                "live-stream-too-many-per-client",
                "live-stream-full",
            ] {
                assert!(lang.has(key), "{lang}: {key}");
            }
        }
    }

    #[test]
    fn events_carry_id_name_and_data_and_resync_no_id() {
        let event = LiveEvent {
            id: 7,
            stream: StreamKey::Feed,
            name: "item",
            data: Arc::from("{\"headline\":\"Grid repaired\"}"),
            edition: None,
        };
        let text = format!("{:?}", sse_event(&event));
        assert!(text.contains("id: 7"), "{text}");
        assert!(text.contains("event: item"), "{text}");
        assert!(text.contains("Grid repaired"), "{text}");
        let resync = format!("{:?}", resync());
        assert!(
            resync.contains("event: resync") && !resync.contains("id:"),
            "{resync}"
        );
    }

    #[test]
    fn an_item_of_another_edition_reaches_a_reader_as_its_delete() {
        let event = LiveEvent {
            id: 9,
            stream: StreamKey::Feed,
            name: "item",
            data: Arc::from("{\"id\":4,\"headline\":\"Мости відкрито\"}"),
            edition: Some(super::super::event::EditionScope {
                code: Arc::from("uk"),
                elsewhere: Arc::from("{\"id\":4}"),
            }),
        };
        let uk = LanguageFilter::Only("uk".into());
        let default = LanguageFilter::Except(vec!["uk".into()]);
        let shown = format!("{:?}", sse_for(&event, Some(&uk)));
        assert!(
            shown.contains("event: item") && shown.contains("headline"),
            "{shown}"
        );
        let elsewhere = format!("{:?}", sse_for(&event, Some(&default)));
        assert!(
            elsewhere.contains("event: delete") && elsewhere.contains("id: 9"),
            "{elsewhere}"
        );
        assert!(!elsewhere.contains("headline"), "{elsewhere}");
        // A reader that asked for no edition (the desk) gets every item as it is.
        assert!(format!("{:?}", sse_for(&event, None)).contains("event: item"));
    }
}
