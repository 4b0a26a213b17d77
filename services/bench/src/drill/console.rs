//! A console client for the drill's agents: the real WebSocket protocol through the load
//! balancer, requests matched to replies by id, every wait bounded (a node that died or a
//! database that is down shows as an error, and the agent reconnects).

use std::collections::VecDeque;
use std::time::Duration;

use anyhow::{bail, Context};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

type Stream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// How long any one reply or push may take before the connection counts as broken.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Console {
    stream: Stream,
    next_id: u64,
    pushes: VecDeque<Value>,
}

impl Console {
    pub async fn connect(base: &str, cookie: &str) -> anyhow::Result<Self> {
        let mut req =
            (base.replacen("http", "ws", 1) + "/api/v1/console/ws").into_client_request()?;
        req.headers_mut()
            .insert("cookie", HeaderValue::from_str(cookie)?);
        req.headers_mut()
            .insert("origin", HeaderValue::from_str(base)?);
        let (stream, _) = tokio::time::timeout(PATIENCE, tokio_tungstenite::connect_async(req))
            .await
            .context("connect timed out")??;
        Ok(Self {
            stream,
            next_id: 0,
            pushes: VecDeque::new(),
        })
    }

    async fn read(&mut self) -> anyhow::Result<Value> {
        loop {
            let m = tokio::time::timeout(PATIENCE, self.stream.next())
                .await
                .context("no message in time")?;
            match m {
                Some(Ok(Message::Text(t))) => return Ok(serde_json::from_str(t.as_str())?),
                Some(Ok(Message::Close(_))) | None => bail!("the server closed the console"),
                Some(Ok(_)) => continue,
                Some(Err(e)) => bail!("console read failed: {e}"),
            }
        }
    }

    /// Sends a request; its reply (`ack` or `error`), keeping pushes that come meanwhile.
    pub async fn request(&mut self, kind: &str, args: Value) -> anyhow::Result<Value> {
        self.next_id += 1;
        let id = format!("d{}", self.next_id);
        let mut msg = args.as_object().cloned().unwrap_or_default();
        msg.insert("v".into(), json!(1));
        msg.insert("id".into(), json!(id));
        msg.insert("type".into(), json!(kind));
        tokio::time::timeout(
            PATIENCE,
            self.stream
                .send(Message::text(Value::Object(msg).to_string())),
        )
        .await
        .context("send timed out")??;
        loop {
            let m = self.read().await?;
            if m["re"] == id.as_str() {
                return Ok(m);
            }
            self.pushes.push_back(m);
        }
    }

    /// The next push of `kind` for which `pred` holds.
    pub async fn push(
        &mut self,
        kind: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> anyhow::Result<Value> {
        loop {
            while let Some(m) = self.pushes.pop_front() {
                if m["type"] == kind && pred(&m) {
                    return Ok(m);
                }
            }
            let m = self.read().await?;
            self.pushes.push_back(m);
        }
    }

    /// As [`Console::push`], but `None` when nothing matching came within `wait` (not an
    /// error: an agent waiting for work hears nothing until there is some).
    pub async fn push_within(
        &mut self,
        kind: &str,
        pred: impl Fn(&Value) -> bool,
        wait: Duration,
    ) -> anyhow::Result<Option<Value>> {
        match tokio::time::timeout(wait, self.push(kind, pred)).await {
            Ok(found) => found.map(Some),
            Err(_) => Ok(None),
        }
    }

    /// Drops pushes received so far (older states).
    pub fn forget_pushes(&mut self) {
        self.pushes.clear();
    }
}
