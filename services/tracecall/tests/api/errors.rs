//! One error path: whatever the router cannot serve answers `application/problem+json` with a
//! status that says why (405 with `Allow`, 400 for a path segment that does not parse, 414 and
//! 431 for oversized heads), and a campaign policy that could later break the arithmetic is
//! refused when written, naming the field.

use kernel::auth::Role;
use serde_json::{json, Value};

use crate::support::{Backend, TestApp};

fn is_problem(r: &reqwest::Response) -> bool {
    r.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/problem+json"))
}

async fn unknown_methods_answer_405_with_allow(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = TestApp::client();
    for method in ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"] {
        let r = client
            .request(method.parse().unwrap(), app.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405, "{method} /healthz");
        assert!(is_problem(&r), "{method} /healthz answers a problem");
        let allow = r.headers()["allow"].to_str().unwrap().to_string();
        assert!(
            allow.contains("GET") && allow.contains("HEAD"),
            "Allow: {allow}"
        );
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["status"], 405);
    }
    // A route that only takes POST says so.
    let r = client
        .get(app.url("/api/v1/campaigns/x/launch"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "POST");
    app.stop().await;
}
both_backends!(unknown_methods_answer_405_with_allow);

async fn bad_path_segments_and_oversized_heads_are_problems(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = app.client_as(Role::Author).await;
    let r = client
        .get(app.url("/api/v1/releases/9223372036854775808"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(is_problem(&r));
    let body: Value = r.json().await.unwrap();
    assert!(body["type"].as_str().unwrap().ends_with("/invalid-path"));

    let long = format!("/healthz?pad={}", "a".repeat(10 * 1024));
    let r = client.get(app.url(&long)).send().await.unwrap();
    assert_eq!(r.status(), 414);
    assert!(is_problem(&r));

    let r = client
        .get(app.url("/healthz"))
        .header("x-padding", "b".repeat(40 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 431);
    assert!(is_problem(&r));
    app.stop().await;
}
both_backends!(bad_path_segments_and_oversized_heads_are_problems);

async fn absurd_policies_are_refused_naming_the_field(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = app.client_as(Role::Supervisor).await;
    let attempt = |policy: Value| {
        let client = client.clone();
        let url = app.url("/api/v1/campaigns");
        async move {
            client
                .post(url)
                .json(&json!({
                    "name": "Absurd", "script_id": "contact-tracing", "languages": ["fr"],
                    "policy": policy,
                }))
                .send()
                .await
                .unwrap()
        }
    };
    let cases = [
        (
            json!({ "retry_minutes_no_answer": 9223372036854775807_i64 }),
            "policy.retry_minutes_no_answer",
        ),
        (
            json!({ "windows": { "mon": [["09:00", "25:00"]] } }),
            "policy.windows.mon[0]",
        ),
        (
            json!({ "windows": { "someday": [["09:00", "12:00"]] } }),
            "policy.windows.someday",
        ),
        (json!({ "time_zone": "Mars/Olympus" }), "policy.time_zone"),
        (json!({ "holidays": ["25/12/2026"] }), "policy.holidays[0]"),
        (json!({ "lease_seconds": 0 }), "policy.lease_seconds"),
    ];
    for (policy, field) in cases {
        let r = attempt(policy.clone()).await;
        assert_eq!(r.status(), 422, "{policy}");
        assert!(is_problem(&r));
        let body: Value = r.json().await.unwrap();
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, [field], "{policy}");
    }
    // Nothing was created.
    let list: Value = client
        .get(app.url("/api/v1/campaigns"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        list["campaigns"].as_array().map(Vec::len),
        Some(0),
        "{list}"
    );
    app.stop().await;
}
both_backends!(absurd_policies_are_refused_naming_the_field);
