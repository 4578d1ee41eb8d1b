//! The hot path: a layer that answers cache hits straight from memory, before the
//! timeout, body-limit and middleware machinery, without boxing a future. Misses go on to
//! the `render_cache` middleware, which renders and stores.

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::http::{Method, Request, Response};
use futures_util::future::{Either, Ready};
use tower::{Layer, Service};

use crate::cache::RenderCache;

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

impl<S> Service<Request<Body>> for CacheFirst<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = Infallible>,
{
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response<Body>, Infallible>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        if matches!(*request.method(), Method::GET | Method::HEAD) {
            let hit = match request.uri().query() {
                None => self.cache.get(request.uri().path()),
                Some(_) => self.cache.get(&crate::middleware::cache_key(request.uri())),
            };
            if let Some(page) = hit {
                return Either::Left(futures_util::future::ready(Ok(crate::middleware::secure(
                    page.respond(request.headers()),
                ))));
            }
        }
        Either::Right(self.inner.call(request))
    }
}
