//! Who the client is, for rate limits, sign-in throttling and the audit log.
//!
//! The address is the TCP peer's, unless the peer is a trusted proxy
//! ([`crate::WebConfig::trusted_proxies`]: loopback by default, so nginx or a
//! CDN edge on the same host works out of the box). Then `X-Forwarded-For` is
//! read from the right, skipping trusted proxies, and the first other address
//! is the client. Entries to its left were written by the client itself and
//! are ignored, so nobody can dodge a limit by sending the header.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

use crate::AppState;

/// The client's address, or `unknown` when the server does not know its peer
/// (requests made in-process, without a socket).
pub(crate) struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let ip = peer.map(|peer| client_address(peer, &parts.headers, &app.config.trusted_proxies));
        Ok(Self(
            ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        ))
    }
}

/// The loopback networks: trusted unless configured otherwise.
pub fn default_trusted_proxies() -> Vec<IpNet> {
    let v4 = ipnet::Ipv4Net::new(std::net::Ipv4Addr::new(127, 0, 0, 0), 8)
        .expect("8 is a valid IPv4 prefix");
    vec![
        IpNet::V4(v4),
        IpNet::from(IpAddr::from(std::net::Ipv6Addr::LOCALHOST)),
    ]
}

/// Parses `10.0.0.0/8, 192.0.2.7, ::1` (addresses without a prefix are single
/// hosts). An entry that does not parse is an error naming it.
pub fn parse_trusted_proxies(list: &str) -> Result<Vec<IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("not an IP address or network: {s:?}"))
        })
        .collect()
}

fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    let hops: Vec<&str> = hops.collect();
    for hop in hops.iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            // A garbled entry: nothing to its left can be trusted.
            Err(_) => break,
        }
    }
    canonical(client)
}

/// IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`) as plain IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().expect("header value"));
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn a_direct_client_cannot_claim_another_address() {
        let trusted = default_trusted_proxies();
        assert_eq!(
            client_address(ip("198.51.100.9"), &with_xff(&["203.0.113.1"]), &trusted),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client() {
        let trusted = parse_trusted_proxies("127.0.0.1, 10.0.0.0/8").expect("list");
        // The client forged the first entry; the proxy at 10.1.2.3 appended the real one.
        let headers = with_xff(&["6.6.6.6, 198.51.100.20", "10.1.2.3"]);
        assert_eq!(
            client_address(ip("127.0.0.1"), &headers, &trusted),
            ip("198.51.100.20")
        );
        assert_eq!(
            client_address(
                ip("::ffff:127.0.0.1"),
                &with_xff(&["203.0.113.5"]),
                &trusted
            ),
            ip("203.0.113.5")
        );
        // No header: the proxy itself is the client; garbage stops the walk.
        assert_eq!(
            client_address(ip("127.0.0.1"), &HeaderMap::new(), &trusted),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &with_xff(&["203.0.113.5, nonsense"]),
                &trusted
            ),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn lists_parse_or_name_the_bad_entry() {
        assert_eq!(
            parse_trusted_proxies(" 10.0.0.0/8 ,::1,, 192.0.2.7")
                .expect("list")
                .len(),
            3
        );
        assert!(parse_trusted_proxies("10.0.0.0/8, proxy.example")
            .unwrap_err()
            .contains("proxy.example"));
        assert!(default_trusted_proxies()
            .iter()
            .any(|n| n.contains(&ip("127.0.0.1"))));
        assert!(default_trusted_proxies()
            .iter()
            .any(|n| n.contains(&ip("::1"))));
    }
}
