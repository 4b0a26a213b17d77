//! Slow clients do not hold connections: one that sends nothing is closed after the header
//! timeout, and a body trickled in too slowly is answered 408. Both on the real listener.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{Backend, TestApp};

/// Far beyond the one-second timeouts configured here: the bound only stops a broken server
/// from hanging the suite.
const AT_MOST: Duration = Duration::from_secs(30);

/// Everything the server sends until it closes the connection.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut all = Vec::new();
    let read = tokio::time::timeout(AT_MOST, stream.read_to_end(&mut all)).await;
    assert!(read.is_ok(), "the connection stayed open for {AT_MOST:?}");
    String::from_utf8_lossy(&all).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_hold_connections() {
    let app = TestApp::start_configured(Backend::Sqlite, |c| {
        c.http.header_timeout_secs = 1;
        c.http.body_timeout_secs = 1;
    })
    .await;
    let addr = app.url.trim_start_matches("http://").to_string();

    // Connected, and nothing sent.
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    until_closed(&mut idle).await;

    // Half a head, then nothing.
    let mut half = TcpStream::connect(&addr).await.unwrap();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    until_closed(&mut half).await;

    // A whole head, then a body that stops after a few bytes.
    let mut slow = TcpStream::connect(&addr).await.unwrap();
    slow.write_all(
        b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 100\r\nConnection: close\r\n\r\n{\"email\"",
    )
    .await
    .unwrap();
    let answer = until_closed(&mut slow).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");

    // A normal request on the same listener is served.
    assert_eq!(app.anonymous().get("/healthz").await.status, 200);
    app.stop().await;
}
