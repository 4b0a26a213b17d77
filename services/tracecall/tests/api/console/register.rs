//! A caller with no file: during an inbound call the agent registers them (validated as an
//! import row, every wrong field named, nothing written), the case opens like one found on
//! the line, the inbound script runs on it, a later search by the phone finds it, and
//! registering the same caller again opens the same file instead of a second one.

use serde_json::json;

use super::{agent, campaign};
use crate::support::{Backend, TestApp};

async fn a_caller_with_no_file_is_registered_and_handled(backend: Backend) {
    let app = TestApp::start(backend).await;
    campaign(&app, "contact", "contact", 1).await;
    let (mut c, email) = agent(&app).await;
    let caller = json!({
        "case_type": "contact",
        "last_name": "Dubois",
        "first_name": "Léa",
        "phone": "0478 12 34 56",
        "birth_date": "1990-04-12",
        "postal_code": "1050",
        "language": "fr",
        "exposure_date": "2026-11-20",
    });

    // Not on an inbound call: refused.
    let refused = c
        .request("register_caller", json!({"fields": caller}))
        .await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["code"], "purpose_refused", "{refused}");

    app.ring(&email).await;
    let cases_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    let bad = c
        .request(
            "register_caller",
            json!({"fields": {"case_type": "contact", "phone": "abc", "birth_date": "2999-01-01", "pet": "cat"}}),
        )
        .await;
    assert_eq!(bad["code"], "invalid", "{bad}");
    let bad = c
        .request(
            "register_caller",
            json!({"fields": {"case_type": "contact", "phone": "abc", "birth_date": "2999-01-01"}}),
        )
        .await;
    assert_eq!(bad["code"], "invalid", "{bad}");
    let fields: Vec<&str> = bad["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for f in ["phone", "last_name", "birth_date"] {
        assert!(fields.contains(&f), "{f} named: {bad}");
    }
    let cases_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(cases_before, cases_after, "nothing written");

    let opened = c.ok("register_caller", json!({"fields": caller})).await;
    let code = opened["case"]["code"].as_str().unwrap().to_string();
    assert_eq!(opened["person"]["last_name"], "Dubois", "{opened}");
    assert_eq!(opened["person"]["phone"], "+32478123456");
    assert_eq!(opened["case"]["case_type"], "contact");
    let started = c.ok("start_inbound", json!({"code": code})).await;
    assert_eq!(started["call"]["case"]["code"], code.as_str());
    let id = started["call"]["call_id"].as_str().unwrap().to_string();
    c.ok(
        "finish",
        json!({"call_id": id, "outcome": "not_applicable"}),
    )
    .await;

    // Found later by the phone the caller gave; registering them again opens the same file.
    let found = c.ok("search", json!({"q": "+32478123456"})).await;
    assert_eq!(found["results"][0]["case_code"], code.as_str(), "{found}");
    let again = c.ok("register_caller", json!({"fields": caller})).await;
    assert_eq!(again["case"]["code"], code.as_str(), "{again}");

    let registered: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'case.registered' ORDER BY id",
    )
    .fetch_all(app.kernel.db.pool())
    .await
    .unwrap();
    assert_eq!(registered.len(), 2, "{registered:?}");
    assert!(
        registered[0].contains("\"new_person\":true"),
        "{registered:?}"
    );
    assert!(
        registered[1].contains("\"new_person\":false"),
        "{registered:?}"
    );
    assert!(
        !registered
            .iter()
            .any(|d| d.contains("Dubois") || d.contains("478")),
        "no personal data in the audit detail"
    );
    app.stop().await;
}
both_backends!(a_caller_with_no_file_is_registered_and_handled);
