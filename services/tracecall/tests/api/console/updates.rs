//! A citizen calls to give a new phone number, postcode and language: when the call ends
//! reached, the person's record holds them (the form's fields declare `updates`), the new
//! number finds the case and the old one no longer does, and the audit log names what
//! changed without the values.

use kernel::auth::Role;
use serde_json::json;

use super::{agent, campaign};
use crate::support::{Backend, TestApp};

async fn an_inbound_call_corrects_the_details_and_search_follows(backend: Backend) {
    let app = TestApp::start(backend).await;
    campaign(&app, "index_case", "index", 1).await;
    let (mut c, email) = agent(&app).await;
    app.ring(&email).await;
    let found = c.ok("search", json!({"q": "+32470123456"})).await;
    let code = found["results"][0]["case_code"]
        .as_str()
        .unwrap()
        .to_string();
    c.ok("open_case", json!({"code": code, "reason": "inbound_call"}))
        .await;
    let started = c.ok("start_inbound", json!({"code": code})).await;
    let id = started["call"]["call_id"].as_str().unwrap().to_string();
    for (field, value) in [
        ("caller_reason", json!("update_information")),
        ("identity_birth_date_matches", json!(true)),
        ("identity_postal_code_matches", json!(true)),
        ("new_phone", json!("0470 99 88 77")),
        ("new_postal_code", json!("4000")),
        ("preferred_language", json!("nl")),
        ("callback_needed", json!(false)),
    ] {
        let ack = c
            .ok(
                "answer",
                json!({"call_id": id, "field": field, "value": value}),
            )
            .await;
        assert_eq!(ack["errors"], json!([]), "{field}: {ack}");
    }
    let done = c
        .request("finish", json!({"call_id": id, "outcome": "reached"}))
        .await;
    assert_eq!(done["type"], "ack", "{done}");

    let sup = app.login_as(Role::Supervisor).await;
    let codes = |hits: Vec<serde_json::Value>| -> Vec<String> {
        hits.iter()
            .map(|h| h["case_code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(sup.search("0470/99.88.77").await), vec![code.clone()]);
    assert!(
        sup.search("+32470123456").await.is_empty(),
        "the old number no longer finds the case"
    );
    let person_id: String = sqlx::query_scalar("SELECT person_id FROM cases WHERE code = $1")
        .bind(&code)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    let mut conn = app.kernel.db.pool().acquire().await.unwrap();
    let person = cases::store::load_person(&app.kernel, &mut conn, &person_id)
        .await
        .unwrap();
    assert_eq!(
        (
            person.phone.as_deref(),
            person.postal_code.as_deref(),
            person.language.as_deref()
        ),
        (Some("+32470998877"), Some("4000"), Some("nl"))
    );
    let region: Option<String> = sqlx::query_scalar("SELECT region FROM cases WHERE code = $1")
        .bind(&code)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(
        region.as_deref(),
        Some("LIE"),
        "Liège, from the new postcode"
    );
    // Audited: which details changed, not what they are.
    let row: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'call.finished' AND subject = $1",
    )
    .bind(format!("call:{id}"))
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&row).unwrap();
    assert_eq!(
        detail["updated"],
        json!(["phone", "postal_code", "language"]),
        "{detail}"
    );
    assert!(!row.contains("998877"), "{row}");
    drop(conn);
    app.stop().await;
}
both_backends!(an_inbound_call_corrects_the_details_and_search_follows);
