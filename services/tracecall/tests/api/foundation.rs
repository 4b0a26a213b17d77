//! The foundation, end to end: health, metrics, OpenAPI, accounts, roles, the access guard,
//! the audit chain and bad input (login throttling in `logins`, the route walks in `routes`),
//! on SQLite and on PostgreSQL.

use std::collections::BTreeSet;

use crate::support::{show, Answer, Backend, Session, TestApp, PASSWORD};
use kernel::auth::Role;
use kernel::db::Backend as DbBackend;

mod login_page;
mod logins;
mod routes;

async fn health_metrics_and_openapi(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.anonymous();
    assert_eq!(c.get("/healthz").await.status, 200);
    assert_eq!(c.get("/readyz").await.status, 200);
    let metrics = c.get("/metrics").await.text;
    assert!(
        metrics.contains("tracecall_http_requests_total"),
        "{metrics}"
    );
    assert!(metrics.contains("route=\"/readyz\""), "{metrics}");
    let doc = c.get("/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["paths"]["/api/v1/users"]["get"].is_object(), "{doc}");
    let answer = c.get("/no/such/route").await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.headers["content-type"], "application/problem+json");
    assert!(answer.headers.contains_key("x-request-id"));
    app.stop().await;
}
both_backends!(health_metrics_and_openapi);

async fn cli_user_login_me_and_roles(backend: Backend) {
    let app = TestApp::start(backend).await;
    let out = app.run_cli(&["team", "add", "north", "--region", "flanders"], "");
    assert!(out.status.success(), "{}", show(&out));
    let out = app.run_cli(
        &[
            "user",
            "add",
            "--email",
            "Ana@Example.test",
            "--name",
            "Ana Peeters",
            "--role",
            "supervisor",
            "--team",
            "north",
            "--language",
            "nl",
            "--language",
            "fr",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", show(&out));

    let c = app.anonymous();
    // No session: 401 on a protected route and on me.
    assert_eq!(c.users().await.status, 401);
    assert_eq!(c.me().await.status, 401);
    // Wrong password: 401, no cookie.
    let wrong = c.login("ana@example.test", "not the password").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.headers.get("set-cookie").is_none());

    let ok = c.login("ana@example.test", PASSWORD).await;
    assert_eq!(ok.status, 200);
    let cookie = ok.header("set-cookie");
    assert!(cookie.starts_with("tracecall_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert_eq!(ok.json()["user"]["role"], "supervisor");

    let me = c.me().await.json();
    assert_eq!(me["user"]["role"], "supervisor");
    assert_eq!(me["user"]["team"], "north");
    // In the order given: the first is the user's preferred language.
    assert_eq!(me["user"]["languages"], serde_json::json!(["nl", "fr"]));

    // A supervisor lists users of their own team only.
    app.add_user(Role::Agent, Some("north")).await;
    app.add_user(Role::Agent, Some("south")).await;
    let users = c.users().await.json();
    let teams: BTreeSet<_> = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["team"].to_string())
        .collect();
    assert_eq!(teams, BTreeSet::from(["\"north\"".to_string()]));

    // An agent may not list users.
    let agent = app.login_as(Role::Agent).await;
    assert_eq!(agent.users().await.status, 403);

    // Logging out revokes the session server-side.
    assert_eq!(c.logout().await.status, 204);
    assert_eq!(c.me().await.status, 401);

    // Bad input to the CLI: exit 1 naming the field; duplicate email refused.
    let out = app.run_cli(
        &[
            "user",
            "add",
            "--email",
            "not-an-email",
            "--name",
            "X",
            "--role",
            "agent",
            "--password-stdin",
        ],
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--email"),
        "{}",
        show(&out)
    );
    let out = app.run_cli(
        &[
            "user",
            "add",
            "--email",
            "ana@example.test",
            "--name",
            "X",
            "--role",
            "agent",
            "--password-stdin",
        ],
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let out = app.run_cli(
        &[
            "user",
            "add",
            "--email",
            "b@example.test",
            "--name",
            "X",
            "--role",
            "pilot",
            "--password-stdin",
        ],
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    app.stop().await;
}
both_backends!(cli_user_login_me_and_roles);

async fn audit_chain_detects_tampering(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.login_as(Role::Admin).await;
    app.add_user(Role::Agent, None).await;
    // A token acts with a machine role only: never a person's.
    let refused = admin.create_token("telephony", Role::Agent).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    let created = admin
        .create_token("telephony", Role::Telephony)
        .await
        .expect_json(201);
    // The token is known (a forged one is 401) but is not a user: people's routes refuse it.
    let bearer = created["token"].as_str().unwrap().to_string();
    let machine = Session::with_token(&app.url, &bearer);
    assert_eq!(machine.me().await.status, 403);
    assert_eq!(machine.users().await.status, 403);
    let forged = Session::with_token(&app.url, "tct_forged");
    assert_eq!(forged.me().await.status, 401);
    let listed = admin.tokens().await.json();
    assert!(
        !listed.to_string().contains(&bearer),
        "token values are never listed"
    );
    let id = created["id"].as_i64().unwrap();
    assert_eq!(admin.revoke_token(id).await.status, 204);
    assert_eq!(machine.me().await.status, 401, "revoked at once");
    let out = app.run_cli(&["audit", "verify"], "");
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("intact"),
        "{}",
        show(&out)
    );

    let db = &app.kernel.db;
    // The log refuses edits through SQL...
    let refused = sqlx::query("UPDATE audit_log SET actor = 'user:999' WHERE id = 2")
        .execute(db.writer())
        .await;
    assert!(refused.is_err(), "audit_log accepted an UPDATE");
    let emptied = match db.backend() {
        DbBackend::Sqlite => "DELETE FROM audit_log",
        DbBackend::Postgres => "TRUNCATE audit_log",
    };
    let refused = sqlx::query(emptied).execute(db.writer()).await;
    assert!(refused.is_err(), "audit_log accepted {emptied}");
    // ...so an attacker with database access removes the guard first.
    let disable = match db.backend() {
        DbBackend::Sqlite => "DROP TRIGGER audit_log_no_update",
        DbBackend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
    };
    sqlx::query(disable).execute(db.writer()).await.unwrap();
    sqlx::query("UPDATE audit_log SET actor = 'user:999' WHERE id = 2")
        .execute(db.writer())
        .await
        .unwrap();

    let out = app.run_cli(&["audit", "verify"], "");
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("audit row 2:"),
        "{}",
        show(&out)
    );
    let verdict = admin.audit_verify().await.json();
    assert_eq!(verdict["ok"], false);
    app.stop().await;
}
both_backends!(audit_chain_detects_tampering);

async fn bad_input_is_refused_and_changes_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.login_as(Role::Admin).await;
    let count = || async {
        admin.users().await.json()["users"]
            .as_array()
            .unwrap()
            .len()
    };
    // The server closes the connection after refusing an oversized body: that request gets a
    // client (and connection) of its own so the others do not reuse a closed one.
    let big = app.login_as(Role::Admin).await;
    let before = count().await;
    // Malformed on purpose, so each request is built by hand.
    let post = |s: &Session| s.request(reqwest::Method::POST, "/api/v1/users");
    let cases: Vec<(reqwest::RequestBuilder, u16, &str)> = vec![
        (post(&admin).header("content-type", "application/json").body("{\"email\": "), 400, "malformed"),
        (post(&admin).json(&serde_json::json!({"email": 5, "name": "x", "role": "agent", "password": PASSWORD})), 422, "wrong type"),
        (post(&admin).json(&serde_json::json!({"email": "a@b.test", "name": "x", "role": "agent", "password": PASSWORD, "extra": 1})), 422, "unknown field"),
        (post(&admin).json(&serde_json::json!({"email": "a@b.test", "name": "x", "role": "wizard", "password": PASSWORD})), 422, "unknown role"),
        (post(&admin).body("{}"), 415, "no content type"),
        (post(&big).header("content-type", "application/json").body(vec![b' '; 3 * 1024 * 1024]), 413, "too large"),
    ];
    for (request, status, what) in cases {
        let answer = match request.send().await {
            Ok(a) => Answer::read(a).await,
            // The server answers 413 as soon as the body passes the limit and closes the
            // connection; a client still uploading may see the close before the answer.
            Err(e) if what == "too large" && e.is_request() => continue,
            Err(e) => panic!("{what}: {e}"),
        };
        assert_eq!(answer.status, status, "{what}");
        assert_eq!(
            answer.headers["content-type"], "application/problem+json",
            "{what}"
        );
        let problem = answer.json();
        assert_eq!(problem["status"], status, "{what}");
        assert!(
            problem["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{what}"
        );
        if what == "unknown field" {
            assert!(
                problem["detail"].as_str().unwrap().contains("extra"),
                "{problem}"
            );
        }
    }
    // Validation reports every field at once.
    let answer = admin
        .post(
            "/api/v1/users",
            &serde_json::json!({"email": "nope", "name": " ", "role": "agent", "password": "short", "languages": ["french"]}),
        )
        .await;
    assert_eq!(answer.status, 422);
    let problem = answer.json();
    let fields: BTreeSet<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        fields,
        BTreeSet::from([
            "email".into(),
            "name".into(),
            "password".into(),
            "languages[0]".to_string()
        ])
    );
    assert_eq!(count().await, before, "refused input changed the users");
    app.stop().await;
}
both_backends!(bad_input_is_refused_and_changes_nothing);

/// The SQLite and PostgreSQL migrations describe the same tables, columns and nullability.
#[tokio::test]
async fn schemas_of_both_backends_agree() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = kernel::db::Db::connect(
        &format!("sqlite://{}", dir.path().join("s.db").display()),
        2,
    )
    .await
    .unwrap();
    sqlite.migrate().await.unwrap();
    let pg_db = crate::support::pg::TestDatabase::create().await;
    let pg = kernel::db::Db::connect(&pg_db.url, 2).await.unwrap();
    let (a, b) = (sqlite.schema().await.unwrap(), pg.schema().await.unwrap());
    assert!(!a.is_empty());
    let only_sqlite: Vec<_> = a.iter().filter(|c| !b.contains(c)).collect();
    let only_pg: Vec<_> = b.iter().filter(|c| !a.contains(c)).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "only in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_pg:?}"
    );
    pg.close().await;
}
