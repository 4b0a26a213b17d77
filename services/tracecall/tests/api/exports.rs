//! Exports end to end: reproducible files whose manifest hashes match and whose small cells
//! are hidden; a signed delivery to a real local HTTP receiver that fails twice with 503 and
//! drops the connection once before accepting, received exactly once (also when the export is
//! run again); a refusal that stops and alerts; the daily schedule running once.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use crate::support::{show, Backend, Session, TestApp};
use base64::Engine;
use chrono::{Duration, TimeZone};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use kernel::auth::Role;
use kernel::clock::ManualClock;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

mod versions;

/// Index cases registered yesterday (exports cover closed days only), all women of 20-29: 12
/// in Brussels, 2 in Antwerp (a small cell), 9 in Liège.
async fn seed(app: &TestApp) {
    let mut csv = String::from("first_name,last_name,phone,birth_date,sex,postal_code,case_type\n");
    let born = (app.kernel.now() - Duration::days(365 * 25)).format("%Y-%m-%d");
    for i in 0..23 {
        let postal = match i {
            0..12 => "1000",
            12..14 => "2000",
            _ => "4000",
        };
        csv.push_str(&format!(
            "P{i},Case,+3247555{i:04},{born},F,{postal},index\n"
        ));
    }
    app.import(csv).await;
    into_yesterday(app).await;
}

/// Moves the cases registered today to the same time yesterday.
async fn into_yesterday(app: &TestApp) {
    let brussels = chrono_tz::Europe::Brussels;
    let midnight = app
        .kernel
        .now()
        .with_timezone(&brussels)
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_local_timezone(brussels)
        .earliest()
        .unwrap()
        .timestamp_millis();
    sqlx::query("UPDATE cases SET created_at = created_at - 86400000 WHERE created_at >= $1")
        .bind(midnight)
        .execute(app.kernel.db.writer())
        .await
        .unwrap();
}

async fn epidemiologist(app: &TestApp) -> Session {
    app.login_as(Role::Epidemiologist).await
}

/// Today as the exports count days: in their time zone (Europe/Brussels by default), which
/// differs from UTC's date for an hour or two around midnight.
fn today(app: &TestApp) -> chrono::NaiveDate {
    app.kernel
        .now()
        .with_timezone(&chrono_tz::Europe::Brussels)
        .date_naive()
}

/// The latest closed day: yesterday, in the exports' time zone.
fn export_day(app: &TestApp) -> String {
    today(app).pred_opt().unwrap().to_string()
}

/// Builds an export that must be accepted; its description.
async fn run(epi: &Session, dataset: &str, date: &str) -> Value {
    let r = epi.run_export(dataset, date).await;
    assert_eq!(r.status, 201, "{dataset}: {}", r.text);
    r.json()
}

/// The bytes of one file of an export.
async fn file(epi: &Session, id: &str, name: &str) -> Vec<u8> {
    let r = epi.export_file(id, name).await;
    assert_eq!(r.status, 200, "{name}: {}", r.text);
    r.bytes
}

fn sha256(b: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(b))
}

async fn files_are_reproducible_hashed_and_suppressed(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app).await;
    let epi = epidemiologist(&app).await;
    let today = export_day(&app);
    // Today is not over: it cannot be exported, so no one differences its partial runs.
    let open = epi
        .run_export("daily_cases", &self::today(&app).to_string())
        .await;
    assert_eq!(open.status, 422, "{}", open.text);
    assert!(open.text.contains("day_not_closed"), "{}", open.text);
    let a = run(&epi, "daily_cases", &today).await;
    let b = run(&epi, "daily_cases", &today).await;
    assert_eq!(
        a, b,
        "a closed day is frozen: asking again gives the same export"
    );
    let a = a["id"].as_str().unwrap();
    let b = b["id"].as_str().unwrap();
    let csv_a = file(&epi, a, "daily_cases.csv").await;
    assert_eq!(
        csv_a,
        file(&epi, b, "daily_cases.csv").await,
        "byte-identical"
    );
    let json_a = file(&epi, a, "daily_cases.json").await;
    assert_eq!(json_a, file(&epi, b, "daily_cases.json").await);
    let manifest: Value = serde_json::from_slice(&file(&epi, a, "manifest.json").await).unwrap();
    assert_eq!(manifest["files"][0]["sha256"], sha256(&csv_a));
    assert_eq!(manifest["files"][1]["sha256"], sha256(&json_a));
    assert_eq!(manifest["dataset"], "daily_cases");
    assert_eq!(manifest["schema_version"], 1);
    assert_eq!(manifest["version"], 1);

    let text = String::from_utf8(csv_a).unwrap();
    assert!(
        text.starts_with("date,case_type,region,age_band,sex,count\r\n"),
        "RFC 4180 CRLF"
    );
    let count = |region: &str, band: &str, sex: &str| -> String {
        text.lines()
            .find(|l| l.starts_with(&format!("{today},index,{region},{band},{sex},")))
            .unwrap_or_else(|| panic!("{region} {band} {sex}"))
            .rsplit(',')
            .next()
            .unwrap()
            .to_string()
    };
    // The column (20-29, F) holds 12, 2 and 9, total 23. The 2 is below k = 5: hidden, with
    // Antwerp's total (also 2). The column total would then give it away (23 - 12 - 9), so
    // the smallest other cell of the column, Liège's 9, is hidden too, and with it Liège's
    // total (9), which would give the 9 away. Brussels and every total over it stay.
    assert_eq!(count("BRU", "20-29", "F"), "12");
    assert_eq!(count("ANT", "20-29", "F"), "");
    assert_eq!(count("ANT", "ALL", "ALL"), "");
    assert_eq!(count("LIE", "20-29", "F"), "", "the complementary cell");
    assert_eq!(count("LIE", "ALL", "ALL"), "");
    assert_eq!(count("BRU", "ALL", "ALL"), "12");
    assert_eq!(count("ALL", "20-29", "F"), "23");
    assert_eq!(count("ALL", "ALL", "ALL"), "23");

    // Every dataset builds.
    for d in [
        "reach",
        "call_outcomes",
        "contacts_per_case",
        "onset_to_call",
    ] {
        run(&epi, d, &today).await;
    }
    app.stop().await;
}
both_backends!(files_are_reproducible_hashed_and_suppressed);

/// What the receiver answers to each request, in turn; then 200.
#[derive(Clone, Copy)]
enum Reply {
    Status(u16),
    Drop,
}

#[derive(Default)]
struct Received {
    requests: usize,
    /// Accepted bodies by idempotency key (a key seen again is acknowledged, not kept twice).
    accepted: BTreeMap<String, (Vec<u8>, String)>,
}

/// A real HTTP/1.1 receiver on loopback.
async fn receiver(plan: Vec<Reply>) -> (String, Arc<Mutex<Received>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/ingest", listener.local_addr().unwrap());
    let state = Arc::new(Mutex::new(Received::default()));
    let s = state.clone();
    tokio::spawn(async move {
        loop {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut buf = Vec::new();
            let mut chunk = [0u8; 8192];
            let head_end = loop {
                let n = sock.read(&mut chunk).await.unwrap();
                if n == 0 {
                    break None;
                }
                buf.extend_from_slice(&chunk[..n]);
                if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(i + 4);
                }
            };
            let Some(head_end) = head_end else { continue };
            let head = String::from_utf8_lossy(&buf[..head_end]).to_lowercase();
            let header = |name: &str| {
                head.lines().find_map(|l| {
                    l.strip_prefix(&format!("{name}:"))
                        .map(|v| v.trim().to_string())
                })
            };
            let len: usize = header("content-length")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            while buf.len() < head_end + len {
                let n = sock.read(&mut chunk).await.unwrap();
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            let body = buf[head_end..].to_vec();
            // Header values keep their case for the signature and key.
            let raw = String::from_utf8_lossy(&buf[..head_end]).to_string();
            let raw_header = |name: &str| {
                raw.lines().find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
                })
            };
            let reply = {
                let mut st = s.lock().unwrap();
                let i = st.requests;
                st.requests += 1;
                let reply = plan.get(i).copied().unwrap_or(Reply::Status(200));
                if let Reply::Status(200) = reply {
                    let key = raw_header("idempotency-key").unwrap_or_default();
                    let sig = raw_header("tracecall-signature").unwrap_or_default();
                    st.accepted.entry(key).or_insert((body, sig));
                }
                reply
            };
            match reply {
                Reply::Drop => drop(sock),
                Reply::Status(code) => {
                    let text = format!(
                        "HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                    let _ = sock.write_all(text.as_bytes()).await;
                }
            }
        }
    });
    (url, state)
}

fn export_cli(
    app: &TestApp,
    endpoint: &str,
    date: &str,
    out: &std::path::Path,
) -> std::process::Output {
    app.cli()
        .env("TRACECALL_EXPORTER__ENDPOINT", endpoint)
        .env("TRACECALL_EXPORTER__RETRY_BASE_MS", "20")
        .args([
            "export",
            "run",
            "--dataset",
            "daily_cases",
            "--date",
            date,
            "--deliver",
            "--out",
        ])
        .arg(out)
        .output()
        .unwrap()
}

async fn delivery_is_signed_and_received_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app).await;
    let (endpoint, received) =
        receiver(vec![Reply::Status(503), Reply::Status(503), Reply::Drop]).await;
    let today = export_day(&app);
    let out = app.data_dir.path().join("out");
    let run = export_cli(&app, &endpoint, &today, &out);
    assert!(run.status.success(), "{}", show(&run));
    assert!(out.join("daily_cases.csv").is_file() && out.join("manifest.json").is_file());
    {
        let r = received.lock().unwrap();
        assert_eq!(r.requests, 4, "503, 503, dropped, accepted");
        assert_eq!(r.accepted.len(), 1);
    }

    // The signature verifies with the served public key, over the exact body.
    let key = app.anonymous().export_public_key().await.json();
    let b64 = base64::engine::general_purpose::STANDARD;
    let public: [u8; 32] = b64
        .decode(key["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let (body, sig) = received
        .lock()
        .unwrap()
        .accepted
        .values()
        .next()
        .cloned()
        .unwrap();
    let sig: [u8; 64] = b64
        .decode(sig.strip_prefix("ed25519=").unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    VerifyingKey::from_bytes(&public)
        .unwrap()
        .verify(&body, &Signature::from_bytes(&sig))
        .expect("the signature verifies");
    let delivered: Value = serde_json::from_slice(&body).unwrap();
    let csv = delivered["files"]["daily_cases.csv"].as_str().unwrap();
    assert_eq!(
        delivered["manifest"]["files"][0]["sha256"],
        sha256(csv.as_bytes())
    );

    // The ledger shows every attempt; the epidemiologist sees it, nobody else.
    let epi = epidemiologist(&app).await;
    let list = epi.exports().await.json();
    let id = list["exports"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(list["exports"][0]["status"], "delivered");
    let ledger = epi.export_attempts(&id).await.json();
    let outcomes: Vec<&str> = ledger["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["retry", "retry", "retry", "delivered"]);
    let admin = app.login_as(Role::Admin).await;
    assert_eq!(admin.exports().await.status, 403);

    // Run again over the same data (as after a crash): the same key, received once.
    let again = export_cli(&app, &endpoint, &today, &out);
    assert!(again.status.success(), "{}", show(&again));
    let (requests, accepted) = {
        let r = received.lock().unwrap();
        (r.requests, r.accepted.len())
    };
    assert_eq!(requests, 5);
    assert_eq!(accepted, 1, "the receiver keeps one delivery");
    app.stop().await;
}
both_backends!(delivery_is_signed_and_received_once);

async fn a_refusal_stops_and_alerts(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (endpoint, received) = receiver(vec![Reply::Status(400)]).await;
    let today = export_day(&app);
    let run = export_cli(&app, &endpoint, &today, &app.data_dir.path().join("out"));
    assert_eq!(run.status.code(), Some(1), "{}", show(&run));
    assert_eq!(received.lock().unwrap().requests, 1, "a 4xx is not retried");
    let epi = epidemiologist(&app).await;
    let list = epi.exports().await.json();
    assert_eq!(list["exports"][0]["status"], "failed", "{list}");
    assert!(list["exports"][0]["alert"]
        .as_str()
        .unwrap()
        .contains("400"));
    let page = epi.get("/exports").await.text;
    assert!(
        page.contains("data-alert="),
        "the alert is on the epidemiologists' page"
    );
    // In the epidemiologist's language (it was English for everyone).
    let (french, _) = app.add_user_with(Role::Epidemiologist, None, &["fr"]).await;
    let page = app.session(&french).await.get("/exports").await.text;
    assert!(
        page.contains("<html lang=\"fr\"") && page.contains("Exports vers l"),
        "{page}"
    );
    app.stop().await;
}
both_backends!(a_refusal_stops_and_alerts);

/// The schedule builds each dataset once a day, whatever the number of runs, for the latest
/// day whose figures have settled: yesterday, three days back for contacts per case, four
/// for reach (72 hours after the day's orders).
async fn the_schedule_runs_once_a_day(backend: Backend) {
    let brussels = chrono_tz::Europe::Brussels;
    let at = brussels
        .with_ymd_and_hms(2026, 11, 20, 6, 0, 0)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let clock = Arc::new(ManualClock::new(at));
    let app = TestApp::start_with_clock(backend, clock.clone()).await;
    let mut ex = exporter::Exporter::new(&app.kernel).await.unwrap();
    ex.cfg.schedule = "30 5 * * *".into();
    assert_eq!(
        exporter::schedule::run_due(&app.kernel, &ex).await.unwrap(),
        5
    );
    assert_eq!(
        exporter::schedule::run_due(&app.kernel, &ex).await.unwrap(),
        0
    );
    let days: Vec<String> =
        sqlx::query_scalar("SELECT dataset || ' ' || period_date FROM exports ORDER BY dataset")
            .fetch_all(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(
        days,
        [
            "call_outcomes 2026-11-19",
            "contacts_per_case 2026-11-17",
            "daily_cases 2026-11-19",
            "onset_to_call 2026-11-19",
            "reach 2026-11-16",
        ]
    );
    // Before the next day's 05:30 nothing more; after it, the next day.
    clock.advance(Duration::hours(23));
    assert_eq!(
        exporter::schedule::run_due(&app.kernel, &ex).await.unwrap(),
        0
    );
    clock.advance(Duration::hours(1));
    assert_eq!(
        exporter::schedule::run_due(&app.kernel, &ex).await.unwrap(),
        5
    );
    app.stop().await;
}
both_backends!(the_schedule_runs_once_a_day);
