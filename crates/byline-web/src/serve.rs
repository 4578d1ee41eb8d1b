//! Serving HTTP over our own accept loop (hyper-util), so that a connection that sends
//! its headers slowly is closed (header read timeout: slowloris), and one client address
//! cannot hold more than a bounded number of connections at once. Trusted proxies are
//! exempt from the per-address bound: their connections carry many readers.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How connections are accepted.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// A request's headers must arrive within this time (also the keep-alive idle limit).
    pub header_timeout: Duration,
    /// Open connections per client address at most.
    pub max_connections_per_ip: usize,
    /// Addresses exempt from that bound (the reverse proxies).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How long connections in flight may finish after shutdown begins.
    pub drain: Duration,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            max_connections_per_ip: 256,
            trusted_proxies: crate::client_ip::default_trusted_proxies(),
            drain: Duration::from_secs(30),
        }
    }
}

/// Open connections by client address.
#[derive(Debug, Default)]
struct Connections(Mutex<HashMap<IpAddr, usize>>);

/// One connection's place in [`Connections`], given back when dropped.
struct Slot {
    connections: Arc<Connections>,
    ip: IpAddr,
}

impl Connections {
    fn take(self: &Arc<Self>, ip: IpAddr, limit: usize) -> Option<Slot> {
        let mut map = self.0.lock().ok()?;
        let n = map.entry(ip).or_insert(0);
        if *n >= limit {
            return None;
        }
        *n += 1;
        Some(Slot {
            connections: Arc::clone(self),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Ok(mut map) = self.connections.0.lock() {
            if let Some(n) = map.get_mut(&self.ip) {
                *n -= 1;
                if *n == 0 {
                    map.remove(&self.ip);
                }
            }
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets connections in
/// flight finish (at most `config.drain`).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let connections = Arc::new(Connections::default());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(20)))
        .keep_alive_timeout(Duration::from_secs(10));
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: back off briefly, keep serving.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let exempt = config
            .trusted_proxies
            .iter()
            .any(|net| net.contains(&peer.ip()));
        let slot = if exempt {
            None
        } else {
            match connections.take(peer.ip(), config.max_connections_per_ip) {
                Some(slot) => Some(slot),
                None => {
                    tracing::debug!(ip = %peer.ip(), "too many connections from one address; refused");
                    continue;
                }
            }
        };
        let _ = stream.set_nodelay(true);
        let service = connection_service(router.clone(), peer);
        let (builder, watcher, first_byte) = (
            Arc::clone(&builder),
            graceful.watcher(),
            config.header_timeout,
        );
        tokio::spawn(async move {
            // hyper's header timeout starts with the first byte: a connection that sends
            // nothing at all is closed here after the same time.
            let mut first = [0u8; 1];
            let arrived = tokio::time::timeout(first_byte, stream.peek(&mut first)).await;
            if !matches!(arrived, Ok(Ok(n)) if n > 0) {
                return;
            }
            let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
            let _ = watcher.watch(connection.into_owned()).await;
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(config.drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the drain period were closed");
    }
    Ok(())
}

/// The router for one connection, with the peer address for `ConnectInfo`.
fn connection_service(
    router: Router,
    peer: SocketAddr,
) -> impl hyper::service::Service<
    hyper::Request<Incoming>,
    Response = axum::response::Response,
    Error = std::convert::Infallible,
    Future = impl Future<Output = Result<axum::response::Response, std::convert::Infallible>>
                 + Send
                 + 'static,
> + Clone {
    hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_per_address_are_bounded_and_given_back() {
        let c = Arc::new(Connections::default());
        let ip: IpAddr = "192.0.2.1".parse().expect("ip");
        let a = c.take(ip, 2).expect("first");
        let _b = c.take(ip, 2).expect("second");
        assert!(c.take(ip, 2).is_none(), "third refused");
        assert!(
            c.take("192.0.2.2".parse().expect("ip"), 2).is_some(),
            "other addresses unaffected"
        );
        drop(a);
        assert!(
            c.take(ip, 2).is_some(),
            "a closed connection frees its slot"
        );
    }
}
