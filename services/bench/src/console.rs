//! Benchmark B5: many idle consoles, then one push to all of them.
//!
//! Two servers run as child processes of this one, so that their resident memory can be read
//! alone: `tracecall serve` (our console, on a fresh SQLite data directory) and a bare
//! tokio-tungstenite broadcast server with the same buffer settings (`tracecall-bench
//! b5-baseline`, hidden). For each, `n` WebSocket clients connect and wait for their greeting;
//! the server's resident memory before and after gives the bytes per idle connection. Then
//! one message makes each server push one frame to every connection, and each client's
//! receive time gives the push-to-all latencies.
//!
//! Our push is an agent's `state`: all connections belong to one agent, and pausing from one
//! of them pushes the new state to every one (the hub shares one frame buffer among them).
#![allow(clippy::print_stdout)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use futures::{SinkExt, StreamExt};
use tokio::sync::{mpsc, Mutex};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};

const PASSWORD: &str = "bench console password";

/// Resident memory of `pid`, in KiB.
fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("no VmRSS")
}

/// A child process, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `args` and waits for the line announcing its URL (`... at http://...`).
fn start(
    program: std::path::PathBuf,
    args: &[&str],
    envs: &[(&str, &str)],
) -> anyhow::Result<Server> {
    let mut child = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .env("TRACECALL_LOG__FILTER", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let out = child.stdout.take().context("stdout")?;
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(out));
    let url = loop {
        let line = lines.next().context("the server stopped")??;
        if let Some(at) = line.split(" at ").nth(1) {
            break at.trim().trim_end_matches('/').to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Ok(Server { child, url })
}

/// What the clients measured.
struct Run {
    kib_per_connection: f64,
    /// When the first console had the push: the server's own work before fanning out.
    push_first_ms: f64,
    push_p50_ms: f64,
    push_p99_ms: f64,
    /// The push's size: the baseline broadcasts a frame of as many bytes.
    push_bytes: usize,
}

/// Connects `n` clients, waits for `greeting` frames each, measures memory, triggers one push
/// to all with `trigger` (sent on the first connection) and times its arrival everywhere.
async fn run(
    server: &Server,
    n: usize,
    cookie: Option<&str>,
    greeting: usize,
    trigger: &str,
) -> anyhow::Result<Run> {
    let before = rss_kib(server.child.id())?;
    let ws_url = server.url.replacen("http", "ws", 1);
    let ws_url = if cookie.is_some() {
        format!("{ws_url}/api/v1/console/ws")
    } else {
        ws_url
    };
    let (ready_tx, mut ready_rx) = mpsc::channel::<()>(n);
    let (done_tx, mut done_rx) = mpsc::channel::<Instant>(n);
    let pushed_bytes = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let first = Arc::new(Mutex::new(None));
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        let mut req = ws_url.clone().into_client_request()?;
        if let Some(c) = cookie {
            req.headers_mut()
                .insert("cookie", HeaderValue::from_str(c)?);
        }
        let (mut ws, _) = tokio_tungstenite::connect_async(req)
            .await
            .with_context(|| format!("connection {i}"))?;
        let (ready_tx, done_tx, first) = (ready_tx.clone(), done_tx.clone(), first.clone());
        let pushed_bytes = pushed_bytes.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..greeting {
                ws.next().await;
            }
            let _ = ready_tx.send(()).await;
            if i == 0 {
                let (sink, stream) = ws.split();
                *first.lock().await = Some(sink);
                let mut stream = stream;
                // The trigger's own reply may come before or after the push; count the push.
                while let Some(Ok(m)) = stream.next().await {
                    if is_push(&m) {
                        let _ = done_tx.send(Instant::now()).await;
                        pushed_bytes.store(m.len(), std::sync::atomic::Ordering::Relaxed);
                        break;
                    }
                }
            } else if let Some(Ok(_)) = ws.next().await {
                let _ = done_tx.send(Instant::now()).await;
            }
        }));
    }
    for _ in 0..n {
        ready_rx.recv().await;
    }
    let after = rss_kib(server.child.id())?;
    let started = Instant::now();
    if let Some(sink) = first.lock().await.as_mut() {
        sink.send(Message::text(trigger)).await?;
    }
    let mut latencies = Vec::with_capacity(n);
    for _ in 0..n {
        let at = tokio::time::timeout(Duration::from_secs(60), done_rx.recv())
            .await?
            .context("a client stopped")?;
        latencies.push(at - started);
    }
    latencies.sort();
    for t in tasks {
        t.abort();
    }
    let p = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    Ok(Run {
        kib_per_connection: after.saturating_sub(before) as f64 / n as f64,
        push_first_ms: p(0.0),
        push_p50_ms: p(0.5),
        push_p99_ms: p(0.99),
        push_bytes: pushed_bytes.load(std::sync::atomic::Ordering::Relaxed),
    })
}

/// Our pushes are `state` messages; the baseline's are any text frame.
fn is_push(m: &Message) -> bool {
    match m {
        Message::Text(t) => !t.as_str().contains("\"type\":\"ack\""),
        _ => false,
    }
}

/// `tracecall-bench b5 --people N`: N consoles on each server.
pub async fn b5(n: usize) -> anyhow::Result<()> {
    let limit = rlimit::increase_nofile_limit(u64::MAX)?;
    anyhow::ensure!(
        limit as usize > n + 100,
        "the open-file limit ({limit}) is too low for {n} connections"
    );
    let data = tempfile::tempdir()?;
    let dir = data.path().to_string_lossy().to_string();
    let add = Command::new(crate::tracecall_exe()?)
        .args([
            "--data-dir",
            &dir,
            "user",
            "add",
            "--email",
            "b5@bench.test",
            "--name",
            "B5",
        ])
        .args(["--role", "agent", "--language", "fr", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().map(|mut s| s.write_all(PASSWORD.as_bytes()));
            c.wait()
        })?;
    anyhow::ensure!(add.success(), "creating the bench agent failed");
    let ours = start(
        crate::tracecall_exe()?,
        &["--data-dir", &dir, "serve", "--listen", "127.0.0.1:0"],
        &[],
    )?;
    let login = reqwest::Client::new()
        .post(format!("{}/api/v1/session", ours.url))
        .json(&serde_json::json!({"email": "b5@bench.test", "password": PASSWORD}))
        .send()
        .await?;
    let cookie = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.split(';')
                .next()
                .filter(|c| c.starts_with("tracecall_session="))
        })
        .context("no session cookie")?
        .to_string();
    let trigger = r#"{"v":1,"id":"b5","type":"pause","reason":"break"}"#;
    let our_run = run(&ours, n, Some(&cookie), 2, trigger).await?;
    drop(ours);
    let bare = start(std::env::current_exe()?, &["b5-baseline"], &[])?;
    // The baseline broadcasts the frame it is sent: one as large as our push.
    let frame = format!(
        "{{\"pad\":\"{}\"}}",
        "x".repeat(our_run.push_bytes.saturating_sub(10))
    );
    let base_run = run(&bare, n, None, 1, &frame).await?;
    println!("connections: {n}; push frame: {} bytes", our_run.push_bytes);
    println!(
        "ours: {:.1} KiB per idle connection, push to all: first {:.1} ms, p50 {:.1} ms, p99 {:.1} ms",
        our_run.kib_per_connection, our_run.push_first_ms, our_run.push_p50_ms, our_run.push_p99_ms
    );
    println!(
        "baseline (bare tokio-tungstenite, same buffers): {:.1} KiB per idle connection, push to all: first {:.1} ms, p50 {:.1} ms, p99 {:.1} ms",
        base_run.kib_per_connection, base_run.push_first_ms, base_run.push_p50_ms, base_run.push_p99_ms
    );
    println!(
        "B5 push-to-all p99: ours={:.1} ms baseline={:.1} ms ratio={:.2}",
        our_run.push_p99_ms,
        base_run.push_p99_ms,
        our_run.push_p99_ms / base_run.push_p99_ms.max(0.001)
    );
    println!(
        "B5: ours={:.1} KiB baseline={:.1} KiB ratio={:.2}",
        our_run.kib_per_connection,
        base_run.kib_per_connection,
        our_run.kib_per_connection / base_run.kib_per_connection.max(0.001)
    );
    Ok(())
}

/// The baseline: a bare broadcast server with our buffer settings. Greets each connection
/// with one frame; any text frame received is pushed, as received, to every connection.
pub async fn baseline_server() -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!("baseline serving at http://{}", listener.local_addr()?);
    let conns: Arc<std::sync::Mutex<Vec<mpsc::Sender<Utf8Bytes>>>> = Arc::default();
    let config = WebSocketConfig::default()
        .read_buffer_size(console::socket::READ_BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(console::socket::MAX_WRITE_BUFFER)
        .max_message_size(Some(console::protocol::MAX_MESSAGE))
        .max_frame_size(Some(console::protocol::MAX_MESSAGE));
    loop {
        let (tcp, _) = listener.accept().await?;
        let conns = conns.clone();
        tokio::spawn(async move {
            let Ok(mut ws) = tokio_tungstenite::accept_async_with_config(tcp, Some(config)).await
            else {
                return;
            };
            let (tx, mut rx) = mpsc::channel::<Utf8Bytes>(console::hub::QUEUE);
            conns.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
            if ws.send(Message::text("hello")).await.is_err() {
                return;
            }
            loop {
                tokio::select! {
                    m = ws.next() => match m {
                        Some(Ok(Message::Text(frame))) => {
                            let all = conns.lock().unwrap_or_else(|e| e.into_inner()).clone();
                            for c in all {
                                let _ = c.try_send(frame.clone());
                            }
                        }
                        Some(Ok(_)) => {}
                        _ => return,
                    },
                    out = rx.recv() => match out {
                        Some(f) => if ws.send(Message::Text(f)).await.is_err() { return },
                        None => return,
                    },
                }
            }
        });
    }
}
