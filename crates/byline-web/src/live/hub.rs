//! One node's live hub: a single bounded broadcast of [`LiveEvent`]s that every open
//! stream reads (an event is rendered once and shared; a slow reader loses its place and
//! is told to resync, it never queues events of its own), a shutdown signal that ends
//! every stream at once, and the accounting that bounds open streams in total and per
//! client address.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{broadcast, watch};

use super::event::{LiveEvent, StreamKey};

/// The `event:` name that tells a page to reload what it shows (it missed events).
pub const RESYNC: &str = "resync";

/// Events kept for readers that are behind, by default (then they get `resync`).
pub const DEFAULT_BUFFER: usize = 1024;

/// How many streams may be open at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamLimits {
    /// All readers together.
    pub total: usize,
    /// Readers from one client address.
    pub per_client: usize,
}

/// Why a stream was not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The node has `total` streams open.
    Full,
    /// This address has `per_client` streams open.
    TooManyFromClient,
}

/// The live hub of one node (see the module docs).
pub struct LiveHub {
    sender: broadcast::Sender<Arc<LiveEvent>>,
    capacity: usize,
    shutdown: watch::Sender<bool>,
    limits: StreamLimits,
    open: Mutex<OpenStreams>,
}

#[derive(Default)]
struct OpenStreams {
    total: usize,
    by_client: HashMap<String, usize>,
}

/// One open stream's place in the hub's accounting, given back when dropped.
pub struct StreamGuard {
    hub: Arc<LiveHub>,
    client: String,
}

impl LiveHub {
    /// A hub keeping `buffer` events for readers that are behind (at least 1).
    pub fn new(buffer: usize, limits: StreamLimits) -> Arc<Self> {
        let capacity = buffer.max(1);
        let (sender, _) = broadcast::channel(capacity);
        let (shutdown, _) = watch::channel(false);
        Arc::new(Self {
            sender,
            capacity,
            shutdown,
            limits,
            open: Mutex::new(OpenStreams::default()),
        })
    }

    /// Sends `event` to every open stream (those not showing its stream skip it).
    pub fn publish(&self, event: LiveEvent) {
        // No stream open is fine: nobody to tell.
        let _ = self.sender.send(Arc::new(event));
    }

    /// Tells every open stream to reload (events were lost on the way to the hub).
    pub fn publish_resync(&self) {
        metrics::counter!("byline_live_resyncs_total").increment(1);
        self.publish(resync_event());
    }

    /// A receiver of everything published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.sender.subscribe()
    }

    /// Resolves when the hub shuts down (at once if it already has).
    pub fn shutdown_signal(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.shutdown.subscribe();
        async move {
            let _ = rx.wait_for(|stopped| *stopped).await;
        }
    }

    /// Ends every open stream and refuses new ones (graceful shutdown).
    pub fn shutdown(&self) {
        self.shutdown.send_replace(true);
    }

    pub fn is_shut_down(&self) -> bool {
        *self.shutdown.borrow()
    }

    /// A place for one more stream from `client`, unless a bound is reached. IPv6 clients
    /// count by their /64 (one subscriber's network), see [`client_key`].
    pub fn admit(self: &Arc<Self>, client: &str) -> Result<StreamGuard, Refusal> {
        let key = client_key(client);
        let client = key.as_str();
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if open.total >= self.limits.total {
            return Err(Refusal::Full);
        }
        let mine = open.by_client.get(client).copied().unwrap_or(0);
        if mine >= self.limits.per_client {
            return Err(Refusal::TooManyFromClient);
        }
        open.total += 1;
        open.by_client.insert(client.to_owned(), mine + 1);
        Ok(StreamGuard {
            hub: Arc::clone(self),
            client: client.to_owned(),
        })
    }

    /// Streams open now.
    pub fn open_streams(&self) -> usize {
        self.open.lock().map_or(0, |o| o.total)
    }

    /// Client addresses with a stream open now.
    pub fn clients(&self) -> usize {
        self.open.lock().map_or(0, |o| o.by_client.len())
    }

    /// Readers of the broadcast now (open streams, plus the resolver's none).
    pub fn receivers(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Events the broadcast holds now: at most [`Self::capacity`], however many streams
    /// are open (one copy each, shared).
    pub fn buffered(&self) -> usize {
        self.sender.len()
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn limits(&self) -> StreamLimits {
        self.limits
    }
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut open = self
            .hub
            .open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        open.total = open.total.saturating_sub(1);
        if let Some(n) = open.by_client.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.by_client.remove(&self.client);
            }
        }
    }
}

/// The `resync` event: no id (it is no change), delivered to every stream.
pub fn resync_event() -> LiveEvent {
    LiveEvent {
        id: 0,
        stream: StreamKey::Site,
        name: RESYNC,
        data: Arc::from("{\"resync\":true}"),
        edition: None,
    }
}

/// Whom a stream counts against: an IPv4 address as it is, an IPv6 address by its /64,
/// since one subscriber is given a whole /64 and could otherwise open the node's every
/// stream from it.
pub fn client_key(client: &str) -> String {
    match client.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => client.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_count_by_their_64() {
        assert_eq!(client_key("2001:db8::1"), client_key("2001:db8::12"));
        assert_eq!(client_key("2001:db8:0:0:ffff::9"), "2001:db8:0:0::/64");
        assert_ne!(client_key("2001:db8:0:1::1"), client_key("2001:db8::1"));
        assert_eq!(client_key("192.0.2.7"), "192.0.2.7");
        let h = hub(100, 2);
        let _a = h.admit("2001:db8::1").expect("first");
        let _b = h.admit("2001:db8::2").expect("second");
        assert!(
            h.admit("2001:db8::3").is_err(),
            "a third address of the same /64 is the same client"
        );
        assert!(
            h.admit("2001:db8:0:9::1").is_ok(),
            "another /64 is another client"
        );
    }

    fn hub(total: usize, per_client: usize) -> Arc<LiveHub> {
        LiveHub::new(8, StreamLimits { total, per_client })
    }

    #[test]
    fn streams_are_bounded_per_client_and_given_back() {
        let hub = hub(10, 2);
        let a = hub.admit("192.0.2.1").expect("first");
        let _b = hub.admit("192.0.2.1").expect("second");
        assert_eq!(
            hub.admit("192.0.2.1").err(),
            Some(Refusal::TooManyFromClient)
        );
        assert!(hub.admit("192.0.2.2").is_ok(), "other addresses unaffected");
        drop(a);
        assert!(
            hub.admit("192.0.2.1").is_ok(),
            "a closed stream frees its place"
        );
        assert_eq!(hub.clients(), 1, "the other address's guard was dropped");
    }

    #[test]
    fn streams_are_bounded_in_total() {
        let hub = hub(2, 5);
        let _a = hub.admit("192.0.2.1").expect("first");
        let b = hub.admit("192.0.2.2").expect("second");
        assert_eq!(hub.admit("192.0.2.3").err(), Some(Refusal::Full));
        drop(b);
        assert_eq!(hub.open_streams(), 1);
        assert!(hub.admit("192.0.2.3").is_ok());
    }

    #[test]
    fn the_buffer_is_bounded_however_many_readers() {
        let hub = hub(1000, 1000);
        let readers: Vec<_> = (0..100).map(|_| hub.subscribe()).collect();
        for id in 1..=50 {
            hub.publish(LiveEvent {
                id,
                stream: StreamKey::Feed,
                name: "item",
                data: Arc::from("{}"),
                edition: None,
            });
        }
        assert_eq!(hub.receivers(), 100);
        assert_eq!(hub.buffered(), hub.capacity());
        drop(readers);
    }

    #[tokio::test]
    async fn shutdown_resolves_for_old_and_new_waiters() {
        let hub = hub(1, 1);
        let before = hub.shutdown_signal();
        hub.shutdown();
        tokio::time::timeout(std::time::Duration::from_secs(1), before)
            .await
            .expect("a waiter from before the shutdown");
        tokio::time::timeout(std::time::Duration::from_secs(1), hub.shutdown_signal())
            .await
            .expect("a waiter from after it");
        assert!(hub.is_shut_down());
    }
}
