//! A call walked to its end on autopilot: every visible field answered, Next followed to a
//! reached outcome, while a new release is published mid-call; the case closes, the order is
//! done, the answers are sealed, and the call stays pinned to the release it started on.

use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::{agent, campaign, national_number, repo, take_call};
use crate::support::ws::Console;
use crate::support::{Backend, TestApp};

/// What the autopilot answers for a field it is not told about.
fn sample(field: &Value) -> Value {
    let today = Utc::now().date_naive();
    match field["type"].as_str().unwrap() {
        "boolean" => json!(false),
        "choice" => field["choices"][0]["value"].clone(),
        "multi_choice" => json!([field["choices"][0]["value"]]),
        "integer" => json!(1),
        "decimal" => json!(1.5),
        "date" => json!((today - Duration::days(3)).to_string()),
        "datetime" => json!((Utc::now() + Duration::days(1)).to_rfc3339()),
        "phone" => json!("0470 11 22 33"),
        "email" => json!("person@example.test"),
        "national_number" => json!(national_number()),
        "postal_code" => json!("1000"),
        "repeat" => json!([]),
        _ => json!("Noted"),
    }
}

/// Walks a call to its end: answers every visible field of each step (`overrides` first),
/// then follows Next. Returns the outcome of the end reached.
pub(super) async fn autopilot(c: &mut Console, call: &Value, overrides: &Value) -> String {
    let id = call["call_id"].as_str().unwrap();
    let form: Vec<Value> = call["form"].as_array().unwrap().clone();
    let mut view = call["view"].clone();
    let mut answered = std::collections::BTreeSet::new();
    for _ in 0..60 {
        // Answering can show more fields: take the next unanswered visible one each time.
        while let Some(f) = view["visible"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .find(|f| !answered.contains(*f))
            .map(str::to_string)
        {
            answered.insert(f.clone());
            let f = f.as_str();
            let def = form.iter().find(|d| d["id"] == f).unwrap();
            if def["computed"] == true {
                continue;
            }
            let value = overrides.get(f).cloned().unwrap_or_else(|| sample(def));
            let ack = c
                .request("answer", json!({"call_id": id, "field": f, "value": value}))
                .await;
            assert_eq!(ack["type"], "ack", "{f}: {ack}");
            assert_eq!(ack["errors"], json!([]), "{f}: {ack}");
            view = ack["view"].clone();
        }
        if let Some(end) = view["end"].as_str() {
            return end.to_string();
        }
        let moved = c.request("next", json!({"call_id": id})).await;
        assert_eq!(
            moved["type"], "ack",
            "next from {}: {moved}",
            view["position"]
        );
        view = moved["view"].clone();
    }
    panic!("no end reached")
}

/// The answers that walk the contact script to its `reached` end.
pub(super) fn contact_reached() -> Value {
    let today = Utc::now().date_naive();
    json!({
        "answered_by": "target_person", "availability": "now",
        "identity_birth_date_matches": true, "continues_interview": true,
        "exposure_date_confirmed": true, "has_symptoms": false,
        "last_exposure_date": (today - Duration::days(3)).to_string(),
        "planned_test_date": (today + Duration::days(5)).to_string(),
        "quarantine_understood": true, "test_prescription_needed": true,
    })
}

/// A reached call: validated, sealed, the order done, the case closed, audited.
async fn a_reached_call_closes_its_case(backend: Backend) {
    let app = TestApp::start(backend).await;
    campaign(&app, "contact", "contact", 1).await;
    let (mut c, _) = agent(&app).await;
    let call = take_call(&mut c).await;
    let overrides = contact_reached();
    assert_eq!(
        call["answers"]["test_type"], "pcr",
        "a field's default is prefilled"
    );
    // A new release of the script is published mid-call: the call finishes on its own.
    let dir = tempfile::tempdir().unwrap();
    for sub in ["scripts", "scripts/blocks", "forms"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for e in std::fs::read_dir(repo().join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&p).unwrap();
                let text = text.replace(
                    "Call to a high-risk contact",
                    "Call to a high-risk contact (v2)",
                );
                std::fs::write(dir.path().join(sub).join(p.file_name().unwrap()), text).unwrap();
            }
        }
    }
    let (_, published) = tracecall::content::publish_clean(
        &app.kernel,
        &[dir.path().join("scripts"), dir.path().join("forms")],
        "test",
    )
    .await
    .unwrap();
    assert!(published
        .iter()
        .any(|(s, n, new)| s == "contact" && *n == 2 && *new));
    let end = autopilot(&mut c, &call, &overrides).await;
    assert_eq!(end, "reached");
    let id = call["call_id"].as_str().unwrap();
    let ack = c
        .ok("finish", json!({"call_id": id, "outcome": "reached"}))
        .await;
    assert_eq!(ack["scheduled"]["state"], "done");

    let db = app.kernel.db.pool();
    let status: String = sqlx::query_scalar("SELECT status FROM cases")
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(status, "closed");
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM call_orders")
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(outcome, "reached");
    let release: i64 = sqlx::query_scalar("SELECT release_id FROM calls WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(
        release,
        call["release"]["id"].as_i64().unwrap(),
        "pinned to the release it started on"
    );
    assert_eq!(call["release"]["number"], 1);
    let submission = console::calls::submission(&app.kernel, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(submission["answered_by"], "target_person");
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT submission FROM calls WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains("target_person"));
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(db)
        .await
        .unwrap();
    for a in ["case.opened", "call.finished"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    app.stop().await;
}
both_backends!(a_reached_call_closes_its_case);
