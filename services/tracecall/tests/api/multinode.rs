//! Several app nodes on one PostgreSQL: three `tracecall serve` processes, 200 agents
//! claiming and completing orders over HTTP, one process killed with SIGKILL midway. Every
//! order must end done exactly once, none may ever be held by two agents at once, none lost.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use sqlx::{Connection, Row};

fn orders() -> i64 {
    std::env::var("TRACECALL_TEST_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

fn start_node(url: &str, data: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(crate::support::bin())
        .env("TRACECALL_DATABASE_URL", url)
        .env("TRACECALL_MASTER_KEY", crate::support::test_master_key())
        .env("TRACECALL_LOG__FILTER", "error")
        .env("TRACECALL_DATABASE__MAX_CONNECTIONS", "20")
        .arg("--data-dir")
        .arg(data)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--content",
            "/nonexistent",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("tracecall is serving at ")
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    (child, base)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_nodes_one_killed_no_order_lost_or_doubled() {
    let db = crate::support::pg::TestDatabase::create().await;
    let n = orders();
    // Nodes migrate and create keys on start; the first one does it before the others.
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let mut nodes = vec![start_node(&db.url, dirs[0].path())];
    for d in &dirs[1..] {
        nodes.push(start_node(&db.url, d.path()));
    }
    let urls: Vec<String> = nodes.iter().map(|(_, u)| u.clone()).collect();

    // Cases, a running campaign and its orders, set-based (no personal data is involved here).
    let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
    sqlx::query("INSERT INTO people (id, language, created_at, updated_at) SELECT 'p' || g, 'fr', 0, 0 FROM generate_series(1, $1) g").bind(n).execute(&mut c).await.unwrap();
    sqlx::query("INSERT INTO cases (id, code, person_id, case_type, status, created_at, updated_at) SELECT 'c' || g, 'X' || g, 'p' || g, 'contact', 'open', 0, 0 FROM generate_series(1, $1) g")
        .bind(n)
        .execute(&mut c)
        .await
        .unwrap();
    sqlx::query("INSERT INTO campaigns (id, name, purpose, script_id, status, languages, teams, required_courses, policy, target, created_by, created_at, updated_at) \
                 VALUES ('camp', 'Load', '', 'index_case', 'running', ',fr,', '', '', '{}', '{}', 'test', 0, 0)")
        .execute(&mut c)
        .await
        .unwrap();
    sqlx::query("INSERT INTO call_orders (campaign_id, case_id, language, rank_at, due_at, state, attempts, created_at, updated_at) \
                 SELECT 'camp', 'c' || g, 'fr', g, 0, 'open', 0, 0, 0 FROM generate_series(1, $1) g")
        .bind(n)
        .execute(&mut c)
        .await
        .unwrap();
    // 200 agents with sessions (logging in is tested elsewhere; argon2 for 200 would only slow this).
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000";
    let mut cookies = Vec::new();
    for i in 0..200i64 {
        let id: i64 = sqlx::query_scalar("INSERT INTO users (email, name, role, languages, password_hash, created_at) VALUES ($1, 'Agent', 'agent', 'fr', $2, 0) RETURNING id")
            .bind(format!("a{i}@load.test"))
            .bind(hash)
            .fetch_one(&mut c)
            .await
            .unwrap();
        let token = kernel::auth::sessions::new_token();
        sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, 0, 9999999999999)")
            .bind(kernel::auth::sessions::token_hash(&token))
            .bind(id)
            .execute(&mut c)
            .await
            .unwrap();
        cookies.push(token);
    }

    let completed = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let mut agents = Vec::new();
    for (i, token) in cookies.into_iter().enumerate() {
        let (client, urls, completed) = (client.clone(), urls.clone(), completed.clone());
        agents.push(tokio::spawn(async move {
            let cookie = format!("tracecall_session={token}");
            let mut node = i % 3;
            let mut idle = 0;
            loop {
                let url = &urls[node];
                let answer = client
                    .post(format!("{url}/api/v1/agent/next"))
                    .header("cookie", &cookie)
                    .send()
                    .await;
                let Ok(answer) = answer else {
                    node = (node + 1) % 3; // that node is gone: go to another, as a load balancer would
                    continue;
                };
                if answer.status() == 204 {
                    idle += 1;
                    if idle > 3 {
                        break;
                    }
                    tokio::task::yield_now().await;
                    continue;
                }
                assert_eq!(answer.status(), 200);
                idle = 0;
                let order: serde_json::Value = answer.json().await.unwrap();
                let id = order["order"]["id"].as_i64().unwrap();
                let done = client
                    .post(format!("{url}/api/v1/orders/{id}/outcome"))
                    .header("cookie", &cookie)
                    .json(&serde_json::json!({"outcome": "reached"}))
                    .send()
                    .await;
                match done {
                    Ok(r) if r.status() == 200 => {
                        completed.fetch_add(1, Ordering::Relaxed);
                    }
                    // The node died mid-request: the next claim returns the held order, or a
                    // new one if the outcome was committed after all.
                    _ => node = (node + 1) % 3,
                }
            }
        }));
    }
    // Kill node 0 once a quarter of the work is done.
    while completed.load(Ordering::Relaxed) < (n / 4) as usize {
        tokio::task::yield_now().await;
        if agents.iter().all(|a| a.is_finished()) {
            break;
        }
    }
    nodes[0].0.kill().unwrap();
    nodes[0].0.wait().unwrap();
    killed.store(true, Ordering::Relaxed);
    for a in agents {
        a.await.unwrap();
    }
    for (child, _) in nodes.iter_mut().skip(1) {
        child.kill().unwrap();
        child.wait().unwrap();
    }

    let not_done: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM call_orders WHERE state <> 'done'")
            .fetch_one(&mut c)
            .await
            .unwrap();
    assert_eq!(not_done, 0, "every order completed");
    let reached: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM order_claims WHERE end_reason = 'reached'")
            .fetch_one(&mut c)
            .await
            .unwrap();
    assert_eq!(reached, n, "each order completed exactly once");
    let rows = sqlx::query("SELECT order_id, claimed_at, COALESCE(ended_at, 9223372036854775807) AS ended_at FROM order_claims ORDER BY order_id, claimed_at, id").fetch_all(&mut c).await.unwrap();
    let mut by_order: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
    for r in rows {
        by_order
            .entry(r.get("order_id"))
            .or_default()
            .push((r.get("claimed_at"), r.get("ended_at")));
    }
    let overlaps: usize = by_order
        .values()
        .map(|spans| spans.windows(2).filter(|w| w[0].1 > w[1].0).count())
        .sum();
    assert_eq!(overlaps, 0, "an order was held by two agents at once");
    assert!(killed.load(Ordering::Relaxed));
}
