//! The hot path: a layer that answers fresh cache hits straight from memory, before the
//! timeout, body-limit and middleware machinery, without boxing a future. An expired page
//! (one with a TTL, such as the news sitemap) is served as it is while one background
//! request renders it again (stale-while-revalidate). Misses, stale pages and URLs that
//! are not canonical go on to the `render_cache` middleware.

use std::convert::Infallible;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{Method, Request, Response};
use futures_util::future::{Either, Ready};
use tower::{Layer, Service, ServiceExt};

use crate::cache::key::{self, Keyed};
use crate::cache::{CachedPage, Lookup, RenderCache};

#[derive(Clone)]
pub(crate) struct CacheFirstLayer {
    pub cache: Arc<RenderCache>,
}

impl<S> Layer<S> for CacheFirstLayer {
    type Service = CacheFirst<S>;
    fn layer(&self, inner: S) -> CacheFirst<S> {
        CacheFirst {
            cache: Arc::clone(&self.cache),
            inner,
        }
    }
}

#[derive(Clone)]
pub(crate) struct CacheFirst<S> {
    cache: Arc<RenderCache>,
    inner: S,
}

impl<S> CacheFirst<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    /// The page to answer with, if the cache has a servable one for this request.
    fn hit(&self, request: &Request<Body>) -> Option<Arc<CachedPage>> {
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return None;
        }
        let route = request
            .extensions()
            .get::<MatchedPath>()
            .and_then(|m| key::route(m.as_str()))?;
        let prefix = crate::editions::routing::prefix_of(request.extensions());
        let key: std::borrow::Cow<'_, str> = if key::is_plain(request.uri()) {
            if prefix.is_empty() {
                request.uri().path().into()
            } else {
                format!("{prefix}{}", request.uri().path()).into()
            }
        } else {
            match key::for_edition(route, request.uri(), prefix) {
                Keyed::Key(k) => k.key.into(),
                Keyed::Redirect(_) | Keyed::Invalid(_) => return None,
            }
        };
        match self.cache.lookup(&key) {
            Lookup::Fresh(page) => {
                if page.wants_recompression() {
                    self.cache
                        .recompress
                        .push(key.into_owned(), Arc::clone(&page));
                }
                Some(page)
            }
            Lookup::Expired(page) => {
                self.refresh(request, &page);
                Some(page)
            }
            Lookup::Stale(_) | Lookup::Missing => None,
        }
    }

    /// Renders an expired page again in the background, once at a time per page.
    fn refresh(&self, request: &Request<Body>, page: &Arc<CachedPage>) {
        if page.refreshing.swap(true, Ordering::AcqRel) {
            return;
        }
        let mut background = Request::new(Body::empty());
        *background.uri_mut() = request.uri().clone();
        if let Some(matched) = request.extensions().get::<MatchedPath>() {
            background.extensions_mut().insert(matched.clone());
        }
        if let Some(edition) = request.extensions().get::<crate::editions::EditionPath>() {
            background.extensions_mut().insert(edition.clone());
        }
        let (inner, page) = (self.inner.clone(), Arc::clone(page));
        tokio::spawn(async move {
            let _ = inner.oneshot(background).await;
            page.refreshing.store(false, Ordering::Release);
        });
    }
}

impl<S> Service<Request<Body>> for CacheFirst<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response<Body>, Infallible>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        if let Some(page) = self.hit(&request) {
            self.cache.stats.hits.fetch_add(1, Ordering::Relaxed);
            return Either::Left(futures_util::future::ready(Ok(crate::middleware::secure(
                page.respond(request.headers()),
            ))));
        }
        Either::Right(self.inner.call(request))
    }
}
