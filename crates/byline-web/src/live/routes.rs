//! The live streams' endpoints: `/news-feed/events` (the News Feed and the banner),
//! `/live/{slug}/events` (one live page and the banner) and `/events?streams=feed,site`
//! (whatever a page shows, over its one connection). Each takes `?after=N` on the first
//! connect and `Last-Event-ID` on a reconnect. Under an edition's prefix (`/uk/events`)
//! the News Feed carries that edition's items.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::event::StreamKey;
use super::stream;
use crate::client_ip::ClientIp;
use crate::editions::RequestEdition;
use crate::{AppError, AppState};

pub(crate) fn event_routes() -> Router<AppState> {
    Router::new()
        .route("/news-feed/events", get(news_feed_events))
        .route("/live/{slug}/events", get(live_page_events))
        .route("/events", get(chosen_events))
}

async fn news_feed_events(
    State(app): State<AppState>,
    edition: RequestEdition,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    respond(
        &app,
        &client,
        &headers,
        query.as_deref(),
        vec![StreamKey::Feed, StreamKey::Site],
        Some(&edition),
    )
    .await
}

async fn live_page_events(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let page = match app.store.live_page(&slug).await {
        Ok(Some(page)) => page,
        Ok(None) => return AppError::NotFound.into_response(),
        Err(e) => return AppError::from(e).into_response(),
    };
    respond(
        &app,
        &client,
        &headers,
        query.as_deref(),
        vec![StreamKey::Live(page.id), StreamKey::Site],
        None,
    )
    .await
}

async fn chosen_events(
    State(app): State<AppState>,
    edition: RequestEdition,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let streams = match chosen_streams(param(query.as_deref(), "streams")) {
        Ok(streams) => streams,
        Err(e) => return e.into_response(),
    };
    respond(
        &app,
        &client,
        &headers,
        query.as_deref(),
        streams,
        Some(&edition),
    )
    .await
}

/// Opens the stream of `streams`; under `edition` (the News Feed's streams) its items
/// are that edition's, otherwise every edition's.
async fn respond(
    app: &AppState,
    client: &str,
    headers: &HeaderMap,
    query: Option<&str>,
    streams: Vec<StreamKey>,
    edition: Option<&RequestEdition>,
) -> Response {
    let editions = match edition {
        Some(edition) => match app.chrome.edition(app.store.as_ref(), edition.code()).await {
            Ok(chrome) => Some(chrome.languages()),
            Err(e) => return e.into_response(),
        },
        None => None,
    };
    match stream::resume_point(headers, param(query, "after").as_deref()) {
        Ok(after) => stream::open(app, client, after, streams, editions).await,
        Err(e) => e.into_response(),
    }
}

/// The first value of `name` in the query string.
fn param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// `feed`, `site` or both, comma-separated (the banner's `site` when none is named).
fn chosen_streams(list: Option<String>) -> Result<Vec<StreamKey>, AppError> {
    let list = list.unwrap_or_else(|| "site".to_owned());
    let mut streams = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let key = match name {
            "feed" => StreamKey::Feed,
            "site" => StreamKey::Site,
            other => {
                return Err(AppError::bad_input(
                    "live-stream-bad-streams",
                    &[("value", other)],
                ))
            }
        };
        if !streams.contains(&key) {
            streams.push(key);
        }
    }
    if streams.is_empty() {
        streams.push(StreamKey::Site);
    }
    Ok(streams)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_read_from_the_list() {
        assert_eq!(
            chosen_streams(Some("feed, site,feed".into())).ok(),
            Some(vec![StreamKey::Feed, StreamKey::Site])
        );
        assert_eq!(chosen_streams(None).ok(), Some(vec![StreamKey::Site]));
        let error = chosen_streams(Some("feed,weather".into())).expect_err("unknown");
        assert!(error
            .message_in(byline_i18n::Lang::En)
            .contains("`weather`"));
        assert_eq!(
            param(Some("streams=feed&after=12"), "after").as_deref(),
            Some("12")
        );
    }
}
