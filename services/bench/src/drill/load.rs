//! The load: agents on the console WebSocket (ready, take the offered order, answer with
//! autosave, talk a little, finish reached), searchers looking up callers by phone over
//! HTTP, and exports asked for by an epidemiologist, all through the load balancer.
//!
//! Everything the server acknowledged goes to the load log (`load.jsonl`), which the checker
//! reads back; every request's success or failure goes to the timeline the report measures
//! unavailability from.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::Rng;
use serde_json::{json, Value};

use super::console::Console;

/// One request's result, for the unavailability figures.
#[derive(Debug, Clone, Copy)]
pub struct Event {
    pub at_ms: u64,
    pub client: usize,
    pub ok: bool,
}

/// What the load shares: where to go, when to stop, what was acknowledged.
pub struct Load {
    pub base: String,
    /// How long an agent talks before finishing (ms, from-to): short in the short drill so
    /// calls overlap every fault, longer in the long one so the campaign lasts the hour.
    pub talk_ms: (u64, u64),
    pub started: Instant,
    pub stop: AtomicBool,
    log: Mutex<std::io::BufWriter<std::fs::File>>,
    pub timeline: Mutex<Vec<Event>>,
    pub calls_finished: AtomicU64,
    pub answers_acked: AtomicU64,
    pub searches: AtomicU64,
    /// Searches answered 200 that did not find the person looked for.
    pub search_misses: AtomicU64,
    /// Calls resumed after a reconnect whose acknowledged answer was not there.
    pub resumed_without_answer: AtomicU64,
}

impl Load {
    pub fn new(
        base: String,
        talk_ms: (u64, u64),
        log: &std::path::Path,
    ) -> anyhow::Result<Arc<Self>> {
        Ok(Arc::new(Self {
            base,
            talk_ms,
            started: Instant::now(),
            stop: AtomicBool::new(false),
            log: Mutex::new(std::io::BufWriter::new(std::fs::File::create(log)?)),
            timeline: Mutex::new(Vec::new()),
            calls_finished: AtomicU64::new(0),
            answers_acked: AtomicU64::new(0),
            searches: AtomicU64::new(0),
            search_misses: AtomicU64::new(0),
            resumed_without_answer: AtomicU64::new(0),
        }))
    }

    pub fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    fn event(&self, client: usize, ok: bool) {
        let at_ms = self.now_ms();
        if let Ok(mut t) = self.timeline.lock() {
            t.push(Event { at_ms, client, ok });
        }
    }

    /// A failed request, counted and logged with why.
    fn failure(&self, client: usize, why: &str) {
        self.event(client, false);
        self.record(json!({"kind": "failure", "client": client, "why": why}));
    }

    /// Appends one acknowledged fact to the load log.
    pub fn record(&self, mut fact: Value) {
        fact["t"] = json!(self.now_ms());
        if let Ok(mut log) = self.log.lock() {
            let _ = writeln!(log, "{fact}");
        }
    }

    pub fn flush(&self) -> anyhow::Result<()> {
        if let Ok(mut log) = self.log.lock() {
            log.flush()?;
        }
        Ok(())
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Logs `email` in through the balancer; the session cookie (`name=value`).
pub async fn login(base: &str, email: &str, password: &str) -> anyhow::Result<String> {
    let r = reqwest::Client::new()
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await?;
    anyhow::ensure!(r.status() == 200, "login of {email}: {}", r.status());
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("tracecall_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("no session cookie for {email}"))
}

/// One agent until the load stops, then until its call in hand is finished.
pub async fn agent(load: Arc<Load>, client: usize, cookie: String) {
    let mut n = 0u64;
    // The call in hand: its id, the last value acknowledged, and values sent since whose
    // reply never came (the server may have saved them).
    let mut in_hand: Option<InHand> = None;
    loop {
        let mut c = match Console::connect(&load.base, &cookie).await {
            Ok(c) => c,
            Err(e) => {
                load.failure(client, &format!("connect: {e:#}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        match calls(&load, client, &mut c, &mut n, &mut in_hand).await {
            Ok(()) => return,
            // Refused (already counted): read the state afresh on a new connection.
            Err(e) if e.is::<Resync>() => {
                load.record(json!({"kind": "refused", "client": client, "why": e.to_string()}));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => {
                load.failure(client, &format!("{e:#}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// The call an agent has in hand, for checking a resumed console against it.
struct InHand {
    call: String,
    acked: Option<String>,
    sent: Vec<String>,
}

/// The server refused a step (a conflict, a database that is down): the agent's view may be
/// stale, so it reconnects and starts again from the state the server pushes.
#[derive(Debug)]
struct Resync(String);

impl std::fmt::Display for Resync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused: {}", self.0)
    }
}

impl std::error::Error for Resync {}

/// Sends a request and counts it; a refusal becomes [`Resync`].
async fn step(
    load: &Load,
    client: usize,
    c: &mut Console,
    kind: &str,
    args: Value,
) -> anyhow::Result<Value> {
    let r = c.request(kind, args).await?;
    let ok = r["type"] == "ack";
    load.event(client, ok);
    if !ok {
        return Err(Resync(format!("{kind}: {} {}", r["code"], r["message"])).into());
    }
    Ok(r)
}

/// Calls on one connection until the load stops (`Ok`) or the connection fails (`Err`).
async fn calls(
    load: &Load,
    client: usize,
    c: &mut Console,
    n: &mut u64,
    in_hand: &mut Option<InHand>,
) -> anyhow::Result<()> {
    let state = c.push("state", |_| true).await?;
    load.event(client, true);
    let mut call = state["call"].clone();
    if !call.is_null() {
        // Resumed after a reconnect: what was acknowledged must be there (or a value sent
        // after it), and the order's lease is renewed, as the console's heartbeat does.
        if let Some(h) = in_hand.as_ref() {
            let stored = call["answers"]["note"].as_str();
            if call["call_id"] == h.call.as_str()
                && h.acked.is_some()
                && stored != h.acked.as_deref()
                && !h.sent.iter().any(|v| Some(v.as_str()) == stored)
            {
                load.resumed_without_answer.fetch_add(1, Ordering::Relaxed);
                load.record(
                    json!({"kind": "resumed_without_answer", "call": h.call, "stored": stored}),
                );
            }
        }
        step(load, client, c, "heartbeat", json!({})).await?;
    }
    loop {
        if call.is_null() {
            if load.stopping() {
                // Going on a break gives an offered order back to the queue.
                step(load, client, c, "pause", json!({"reason": "break"})).await?;
                return Ok(());
            }
            c.forget_pushes();
            step(load, client, c, "ready", json!({})).await?;
            // No offer while the campaign has none for us: keep waiting, quietly.
            let state = loop {
                match c
                    .push_within("state", |s| !s["offer"].is_null(), Duration::from_secs(1))
                    .await?
                {
                    Some(s) => break Some(s),
                    None if load.stopping() => break None,
                    None => {}
                }
            };
            let Some(state) = state else {
                continue; // stopping: the top of the loop pauses
            };
            let order = json!({"order_id": state["offer"]["order_id"]});
            call = step(load, client, c, "start_call", order).await?["call"].clone();
        }
        let id = call["call_id"].as_str().unwrap_or_default().to_string();
        let order = call["order_id"].clone();
        *n += 1;
        let value = format!("agent{client}-{n}");
        let hand = match in_hand.take() {
            Some(h) if h.call == id => h,
            _ => InHand {
                call: id.clone(),
                acked: None,
                sent: Vec::new(),
            },
        };
        let hand = in_hand.insert(hand);
        hand.sent.push(value.clone());
        load.record(json!({"kind": "sent", "call": id, "value": value}));
        let answer = json!({"call_id": id, "field": "note", "value": value});
        step(load, client, c, "answer", answer).await?;
        load.answers_acked.fetch_add(1, Ordering::Relaxed);
        load.record(json!({"kind": "answer", "call": id, "order": order, "value": value}));
        hand.acked = Some(value);
        hand.sent.clear();
        // Some talk, shortened from real calls' minutes.
        let talk = rand::rng().random_range(load.talk_ms.0..load.talk_ms.1);
        tokio::time::sleep(Duration::from_millis(talk)).await;
        let finish = json!({"call_id": id, "outcome": "reached"});
        step(load, client, c, "finish", finish).await?;
        load.calls_finished.fetch_add(1, Ordering::Relaxed);
        load.record(json!({"kind": "reached", "call": id, "order": order}));
        *in_hand = None;
        call = Value::Null;
    }
}

/// Looks callers up by phone (the inbound path) until the load stops.
pub async fn searcher(load: Arc<Load>, client: usize, cookie: String, phones: Arc<Vec<String>>) {
    let http = reqwest::Client::new();
    while !load.stopping() {
        let phone = {
            let i = rand::rng().random_range(0..phones.len().max(1));
            phones.get(i).cloned().unwrap_or_default()
        };
        let r = http
            .get(format!("{}/api/v1/cases/search", load.base))
            .query(&[("q", phone.as_str())])
            .header("cookie", &cookie)
            .timeout(Duration::from_secs(20))
            .send()
            .await;
        let body = match r {
            Ok(r) if r.status() == 200 => r.json::<Value>().await.ok(),
            Ok(r) => {
                load.failure(client, &format!("search: {}", r.status()));
                None
            }
            Err(e) => {
                load.failure(client, &format!("search: {e}"));
                None
            }
        };
        if let Some(b) = body {
            load.event(client, true);
            load.searches.fetch_add(1, Ordering::Relaxed);
            if b["results"].as_array().is_none_or(|r| r.is_empty()) {
                load.search_misses.fetch_add(1, Ordering::Relaxed);
            }
        }
        // An inbound agent looks up one caller every few seconds, below the per-user limit
        // of 30 searches a minute.
        let pause = rand::rng().random_range(2_100..2_600);
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }
}

/// Asks for one export of `dataset` for `date`, delivered to the institute (a correction
/// when `correct`), retrying until the server acknowledges it; logs its id.
pub async fn export(load: &Load, client: usize, cookie: &str, date: &str, correct: bool) {
    let http = reqwest::Client::new();
    loop {
        let r = http
            .post(format!("{}/api/v1/exports", load.base))
            .header("cookie", cookie)
            .json(&json!({"dataset": "call_outcomes", "date": date, "deliver": true, "correct": correct}))
            .timeout(Duration::from_secs(30))
            .send()
            .await;
        let body = match r {
            Ok(r) if r.status().is_success() => r.json::<Value>().await.ok(),
            _ => None,
        };
        load.event(client, body.is_some());
        if let Some(b) = body {
            load.record(json!({"kind": "export", "id": b["id"], "key": b["idempotency_key"]}));
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
