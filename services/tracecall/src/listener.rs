//! The accept loop. `axum::serve` has no read timeouts: a client that opens a connection and
//! sends nothing, or sends a head byte by byte, holds it (and a file descriptor) forever. So
//! each connection is served by hyper's HTTP/1 builder with a header read timeout (which also
//! bounds the wait for the next request on a kept-alive connection), the body read timeout is
//! a layer on the router, and shutdown is graceful: no new connections, then the open ones
//! are given [`DRAIN`] to finish.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long open connections get to finish after shutdown begins.
pub const DRAIN: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    // Each connection holds a sender: when every one is dropped, every connection has ended.
    let (open_tx, mut all_closed) = tokio::sync::mpsc::channel::<()>(1);
    let (stop_tx, _) = tokio::sync::watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or a reset before accept: wait a moment, go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app
            .clone()
            .map_request(move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
                req
            });
        let connection = http
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
            .with_upgrades();
        let (open, mut stop) = (open_tx.clone(), stop_tx.subscribe());
        tokio::spawn(async move {
            tokio::pin!(connection);
            let ended = tokio::select! {
                ended = connection.as_mut() => ended,
                _ = stop.changed() => {
                    // Finish the request in flight, then close.
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(e) = ended {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(open);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(open_tx);
    tokio::select! {
        _ = all_closed.recv() => {}
        () = tokio::time::sleep(DRAIN) => tracing::warn!("connections still open after the drain time"),
    }
}
