//! A correction of a closed day: the day's next version, published beside the first, never
//! differing from it by a small count in any cell.

use std::collections::HashMap;

use chrono::Duration;
use serde_json::{json, Value};

use super::{epidemiologist, export_day, file, into_yesterday, run};
use crate::support::{Backend, TestApp};

/// Index cases, all women of 20-29 registered yesterday, in Brussels (1000) and Liège (4000).
async fn register(app: &TestApp, brussels: usize, liege: usize, from: usize) {
    let mut csv = String::from("first_name,last_name,phone,birth_date,sex,postal_code,case_type\n");
    let born = (app.kernel.now() - Duration::days(365 * 25)).format("%Y-%m-%d");
    for i in from..from + brussels + liege {
        let postal = if i < from + brussels { "1000" } else { "4000" };
        csv.push_str(&format!(
            "P{i},Case,+3247666{i:04},{born},F,{postal},index\n"
        ));
    }
    app.import(csv).await;
    into_yesterday(app).await;
}

/// Published counts of an export's JSON by cell (labels and column).
fn counts(json: &[u8]) -> HashMap<String, i64> {
    let doc: Value = serde_json::from_slice(json).unwrap();
    let mut out = HashMap::new();
    for row in doc["rows"].as_array().unwrap() {
        let row = row.as_array().unwrap();
        let labels: Vec<&str> = row.iter().skip(1).filter_map(Value::as_str).collect();
        if let Some(n) = row.last().and_then(Value::as_i64) {
            out.insert(labels.join("|"), n);
        }
    }
    out
}

async fn epi_post(epi: &crate::support::Session, body: &Value) -> crate::support::Answer {
    epi.post("/api/v1/exports", body).await
}

async fn a_correction_publishes_no_small_difference(backend: Backend) {
    let app = TestApp::start(backend).await;
    register(&app, 12, 9, 0).await;
    let epi = epidemiologist(&app).await;
    let day = export_day(&app);
    let first = run(&epi, "daily_cases", &day).await;
    let first_id = first["id"].as_str().unwrap().to_string();
    // Two more Brussels cases of that day are registered late.
    register(&app, 2, 0, 100).await;
    let again = run(&epi, "daily_cases", &day).await;
    assert_eq!(
        again["id"], first["id"],
        "the day stays frozen until corrected"
    );

    let body = json!({"dataset": "daily_cases", "date": day, "correct": true});
    let correct = |epi| epi_post(epi, &body);
    let second = correct(&epi).await;
    assert_eq!(second.status, 201, "{}", second.text);
    let second = second.json();
    assert_eq!(second["version"], 2);
    let second_id = second["id"].as_str().unwrap().to_string();
    assert_ne!(second_id, first_id);
    let manifest: Value =
        serde_json::from_slice(&file(&epi, &second_id, "manifest.json").await).unwrap();
    assert_eq!(manifest["version"], 2);
    assert_eq!(manifest["supersedes"], first_id.as_str());

    let before = counts(&file(&epi, &first_id, "daily_cases.json").await);
    let after = counts(&file(&epi, &second_id, "daily_cases.json").await);
    let k = 5;
    for (cell, now) in &after {
        if let Some(then) = before.get(cell) {
            let d = (now - then).abs();
            assert!(d == 0 || d >= k, "{cell}: {then} then {now}");
        }
    }
    // Brussels went from 12 to 14: published in the first version, hidden in the second.
    let brussels = "index|BRU|20-29|F";
    assert_eq!(before.get(brussels), Some(&12));
    assert_eq!(after.get(brussels), None, "{after:?}");
    // Liège's 9 is the complement that keeps Brussels' 14 from the column's total.
    assert_eq!(after.get("index|LIE|20-29|F"), None, "{after:?}");
    assert_eq!(
        after.get("index|ANT|20-29|F"),
        Some(&0),
        "unchanged cells stay"
    );

    // Nothing new since: a correction gives the same version back.
    let third = correct(&epi).await.json();
    assert_eq!(third["id"], second_id.as_str());
    // And the day now answers its latest version.
    assert_eq!(
        run(&epi, "daily_cases", &day).await["id"],
        second_id.as_str()
    );
    app.stop().await;
}
both_backends!(a_correction_publishes_no_small_difference);
