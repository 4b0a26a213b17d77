//! One error path: whatever the router cannot serve answers `application/problem+json` with a
//! status that says why (405 with `Allow`, 400 for a path segment that does not parse, 414 and
//! 431 for oversized heads), and a campaign policy that could later break the arithmetic is
//! refused when written, naming the field.

use kernel::auth::Role;
use serde_json::{json, Value};

use crate::support::{campaign_body, Backend, TestApp};

async fn unknown_methods_answer_405_with_allow(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = app.anonymous();
    for method in ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"] {
        // Methods no route takes: the request is built by hand.
        let r = client
            .send(client.request(method.parse().unwrap(), "/healthz"))
            .await;
        assert_eq!(r.status, 405, "{method} /healthz");
        assert!(r.is_problem(), "{method} /healthz answers a problem");
        let allow = r.header("allow");
        assert!(
            allow.contains("GET") && allow.contains("HEAD"),
            "Allow: {allow}"
        );
        assert_eq!(r.json()["status"], 405);
    }
    // A route that only takes POST says so.
    let r = client.get("/api/v1/campaigns/x/launch").await;
    assert_eq!(r.status, 405);
    assert_eq!(r.headers["allow"], "POST");
    app.stop().await;
}
both_backends!(unknown_methods_answer_405_with_allow);

async fn bad_path_segments_and_oversized_heads_are_problems(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = app.login_as(Role::Author).await;
    let r = client.get("/api/v1/releases/9223372036854775808").await;
    assert_eq!(r.status, 400);
    assert!(r.is_problem());
    assert!(r.json()["type"]
        .as_str()
        .unwrap()
        .ends_with("/invalid-path"));

    let long = format!("/healthz?pad={}", "a".repeat(10 * 1024));
    let r = client.get(&long).await;
    assert_eq!(r.status, 414);
    assert!(r.is_problem());

    // An oversized header: built by hand.
    let r = client
        .send(
            client
                .request(reqwest::Method::GET, "/healthz")
                .header("x-padding", "b".repeat(40 * 1024)),
        )
        .await;
    assert_eq!(r.status, 431);
    assert!(r.is_problem());
    app.stop().await;
}
both_backends!(bad_path_segments_and_oversized_heads_are_problems);

async fn absurd_policies_are_refused_naming_the_field(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = app.login_as(Role::Supervisor).await;
    let attempt = |policy: Value| {
        let mut body = campaign_body("Absurd", "contact-tracing", &["fr"]);
        body["policy"] = policy;
        let client = client.clone();
        async move { client.create_campaign(&body).await }
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
        assert_eq!(r.status, 422, "{policy}");
        assert!(r.is_problem());
        let body = r.json();
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, [field], "{policy}");
    }
    // Nothing was created.
    let list = client.campaigns().await.json();
    assert_eq!(
        list["campaigns"].as_array().map(Vec::len),
        Some(0),
        "{list}"
    );
    app.stop().await;
}
both_backends!(absurd_policies_are_refused_naming_the_field);

/// A browser's navigation to a page that does not exist, is not for the user's role, or
/// needs a login, gets a page in the user's language (or a way to the login form and back);
/// the API's clients keep their problem documents.
#[tokio::test]
async fn browsers_get_error_pages_and_logged_out_links_lead_to_login() {
    let app = TestApp::start(Backend::Sqlite).await;
    let html = |req: reqwest::RequestBuilder| {
        req.header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
            .header("accept-language", "nl-BE,nl;q=0.9")
    };
    // No redirects followed: the test reads the redirect itself.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let missing = html(browser.get(app.url("/no/such/page")))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let text = missing.text().await.unwrap();
    assert!(text.contains("Pagina niet gevonden"), "{text}");
    assert!(text.contains("<h1>"), "{text}");

    let deep = html(browser.get(app.url("/campaigns")))
        .send()
        .await
        .unwrap();
    assert_eq!(deep.status(), 303);
    assert_eq!(deep.headers()["location"], "/?next=/campaigns");

    // A French agent on a supervisor's page: refused, in French, as a page.
    let (agent, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let session = app.session(&agent).await;
    let refused = session
        .send(
            session
                .request(reqwest::Method::GET, "/campaigns")
                .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(
        refused.text.contains("Pas pour votre rôle"),
        "{}",
        refused.text
    );

    // The API, and the pages' own scripts (which ask for JSON), keep the problem documents.
    let api = browser
        .get(app.url("/no/such/page"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 404);
    assert!(api.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/problem+json"));
    let logged_out_api = browser
        .get(app.url("/api/v1/campaigns"))
        .send()
        .await
        .unwrap();
    assert_eq!(logged_out_api.status(), 401);
    app.stop().await;
}
