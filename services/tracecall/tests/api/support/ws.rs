//! A WebSocket client for the console protocol: requests matched to their replies by id,
//! pushes collected by type, and waits that end on the awaited message (never on time).

use std::collections::VecDeque;

use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

use super::{Session, TestApp, PASSWORD};

type Stream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The session cookie (`name=value`) of a fresh login of `email`.
pub async fn session_cookie(app_url: &str, email: &str) -> String {
    let answer = Session::anonymous(app_url).login(email, PASSWORD).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tracecall_session="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_string()
}

/// The HTTP status of an upgrade attempt with `cookie` and `origin`.
pub async fn upgrade_status(app_url: &str, cookie: Option<&str>, origin: Option<&str>) -> u16 {
    let ws_url = app_url.replacen("http", "ws", 1) + "/api/v1/console/ws";
    let mut req = ws_url.into_client_request().unwrap();
    if let Some(c) = cookie {
        req.headers_mut()
            .insert("cookie", HeaderValue::from_str(c).unwrap());
    }
    if let Some(o) = origin {
        req.headers_mut()
            .insert("origin", HeaderValue::from_str(o).unwrap());
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((_, response)) => response.status().as_u16(),
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => r.status().as_u16(),
        Err(e) => panic!("upgrade failed: {e}"),
    }
}

pub struct Console {
    stream: Stream,
    next_id: u64,
    /// Pushes received and not taken yet.
    pub pushes: VecDeque<Value>,
}

impl Console {
    pub async fn connect(app_url: &str, cookie: &str) -> Self {
        let ws_url = app_url.replacen("http", "ws", 1) + "/api/v1/console/ws";
        let mut req = ws_url.into_client_request().unwrap();
        req.headers_mut()
            .insert("cookie", HeaderValue::from_str(cookie).unwrap());
        req.headers_mut()
            .insert("origin", HeaderValue::from_str(app_url).unwrap());
        let (stream, _) = tokio_tungstenite::connect_async(req).await.unwrap();
        Self {
            stream,
            next_id: 0,
            pushes: VecDeque::new(),
        }
    }

    /// Logs `email` in and connects.
    pub async fn of(app: &TestApp, email: &str) -> Self {
        Self::connect(&app.url, &session_cookie(&app.url, email).await).await
    }

    async fn read(&mut self) -> Value {
        loop {
            match self.stream.next().await {
                Some(Ok(Message::Text(t))) => return serde_json::from_str(t.as_str()).unwrap(),
                Some(Ok(Message::Close(_))) | None => panic!("the server closed the console"),
                Some(Ok(_)) => continue,
                Some(Err(e)) => panic!("console read failed: {e}"),
            }
        }
    }

    pub async fn send_raw(&mut self, text: &str) {
        self.stream.send(Message::text(text)).await.unwrap();
    }

    /// Sends a request and returns its reply (`ack` or `error`), keeping pushes meanwhile.
    pub async fn request(&mut self, kind: &str, args: Value) -> Value {
        self.next_id += 1;
        let id = format!("t{}", self.next_id);
        let mut msg = args.as_object().cloned().unwrap_or_default();
        msg.insert("v".into(), json!(1));
        msg.insert("id".into(), json!(id));
        msg.insert("type".into(), json!(kind));
        self.send_raw(&Value::Object(msg).to_string()).await;
        loop {
            let m = self.read().await;
            if m["re"] == id.as_str() {
                return m;
            }
            self.pushes.push_back(m);
        }
    }

    /// A request that must succeed: its `ack`.
    pub async fn ok(&mut self, kind: &str, args: Value) -> Value {
        let reply = self.request(kind, args).await;
        assert_eq!(reply["type"], "ack", "{kind}: {reply}");
        reply
    }

    /// Reads until the server closes the connection (pushes meanwhile are dropped), within
    /// `limit`; panics if it stays open that long.
    pub async fn closed_within(&mut self, limit: std::time::Duration) {
        let closed = tokio::time::timeout(limit, async {
            loop {
                match self.stream.next().await {
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                    Some(Ok(_)) => continue,
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "the console stayed open for {limit:?}");
    }

    /// The next push of `kind` for which `pred` holds (earlier ones of that kind are dropped).
    pub async fn wait_for(&mut self, kind: &str, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            while let Some(m) = self.pushes.pop_front() {
                if m["type"] == kind && pred(&m) {
                    return m;
                }
            }
            let m = self.read().await;
            self.pushes.push_back(m);
        }
    }
}
