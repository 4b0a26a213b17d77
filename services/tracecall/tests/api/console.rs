//! The console over its WebSocket, with a real client: the upgrade's checks, protocol
//! errors that keep the connection, a call from offer to finish (autosave, branching, going
//! back, validation, callback), a reached call closing its case with the answers sealed (in
//! `reached`), the inbound lookup, and pushes crossing nodes through PostgreSQL (screen pop,
//! dashboard).

use std::path::Path;

use crate::support::ws::{session_cookie, upgrade_status, Console};
use crate::support::{campaign_body, Backend, TestApp};
use chrono::{Duration, Utc};
use kernel::auth::Role;
use serde_json::{json, Value};
use sqlx::Row;

mod bulk;
mod delivery;
mod documents;
mod erasure;
mod idle;
mod placeholders;
mod reached;
mod register;
mod returned;
mod topics;
mod updates;
mod work;
mod wrap_up;

fn repo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A valid Belgian national number for someone born on 1985-07-30 (sequence 33).
fn national_number() -> String {
    let base = "850730033";
    let check = 97 - base.parse::<u64>().unwrap() % 97;
    format!("{base}{check:02}")
}

/// Publishes the shipped scripts, imports `n` French-speaking cases of `case_type`, and
/// launches a campaign on `script`; returns the supervisor's email.
async fn campaign(app: &TestApp, script: &str, case_type: &str, n: u32) -> String {
    let mut csv = String::from(
        "first_name,last_name,phone,birth_date,language,postal_code,case_type,test_date,exposure_date\n",
    );
    let day = (Utc::now() - Duration::days(2)).format("%Y-%m-%d");
    for i in 0..n {
        csv.push_str(&format!(
            "Ana{i},Peeters,+3247012{:04},1985-07-30,fr,1000,{case_type},{day},{day}\n",
            3456 + i
        ));
    }
    campaign_of(app, script, csv).await
}

/// Publishes the shipped scripts, imports the cases of `csv` and launches a campaign on
/// `script`; returns the supervisor's email.
async fn campaign_of(app: &TestApp, script: &str, csv: String) -> String {
    let paths = [repo().join("scripts"), repo().join("forms")];
    let (diags, _) = tracecall::content::publish_clean(&app.kernel, &paths, "test")
        .await
        .unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    app.import(csv).await;
    let (email, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    app.session(&email)
        .await
        .create_and_launch_campaign(&campaign_body("Tracing", script, &["fr"]))
        .await;
    email
}

async fn agent(app: &TestApp) -> (Console, String) {
    let (email, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let mut c = Console::of(app, &email).await;
    c.wait_for("welcome", |_| true).await;
    c.wait_for("state", |_| true).await;
    (c, email)
}

/// Goes ready and takes the offered order: the started call.
async fn take_call(c: &mut Console) -> Value {
    c.ok("ready", json!({})).await;
    let state = c.wait_for("state", |s| !s["offer"].is_null()).await;
    let order_id = state["offer"]["order_id"].clone();
    assert!(
        state["offer"]["case"]["last_name_masked"]
            .as_str()
            .unwrap()
            .starts_with('P'),
        "masked until opened: {state}"
    );
    let started = c.ok("start_call", json!({ "order_id": order_id })).await;
    started["call"].clone()
}

async fn upgrade_checks_session_role_and_origin(backend: Backend) {
    let app = TestApp::start(backend).await;
    let agent = app.add_user(Role::Agent, None).await;
    let cookie = session_cookie(&app.url, &agent).await;
    assert_eq!(
        upgrade_status(&app.url, Some(&cookie), Some(&app.url)).await,
        101
    );
    assert_eq!(
        upgrade_status(&app.url, Some(&cookie), Some("https://evil.example")).await,
        403
    );
    assert_eq!(upgrade_status(&app.url, None, Some(&app.url)).await, 401);
    let epi = app.add_user(Role::Epidemiologist, None).await;
    let epi = session_cookie(&app.url, &epi).await;
    assert_eq!(
        upgrade_status(&app.url, Some(&epi), Some(&app.url)).await,
        403
    );
    // A plain GET is told to upgrade.
    let plain = app.session(&agent).await;
    assert_eq!(plain.get("/api/v1/console/ws").await.status, 426);
    app.stop().await;
}
both_backends!(upgrade_checks_session_role_and_origin);

/// Bad messages get an error and the connection stays; a call goes from offer to callback.
async fn a_call_with_autosave_branches_and_callback(backend: Backend) {
    let app = TestApp::start(backend).await;
    campaign(&app, "index_case", "index", 2).await;
    let (mut c, email) = agent(&app).await;

    c.send_raw("nope").await;
    let err = c.wait_for("error", |_| true).await;
    assert_eq!(err["code"], "malformed");
    let err = c.request("fly", json!({})).await;
    assert_eq!(err["code"], "unknown_type");
    let err = c.request("pause", json!({"reason": "nap"})).await;
    assert_eq!(err["code"], "invalid");

    let call = take_call(&mut c).await;
    let id = call["call_id"].as_str().unwrap().to_string();
    assert_eq!(call["view"]["position"], "intro");
    assert_eq!(
        call["person"]["last_name"], "Peeters",
        "opened for the call"
    );
    assert_eq!(call["release"]["script_id"], "index_case");
    let say = call["view"]["say"].as_str().unwrap();
    assert!(say.contains("Peeters") && !say.contains("{{"), "{say}");

    // Next waits for the step's questions: the unanswered one is named.
    let err = c.request("next", json!({"call_id": id})).await;
    assert_eq!(err["code"], "validation", "{err}");
    assert_eq!(err["errors"][0]["field"], "answered_by");
    let ack = c
        .ok(
            "answer",
            json!({"call_id": id, "field": "answered_by", "value": "target_person"}),
        )
        .await;
    assert_eq!(ack["errors"], json!([]));
    assert_eq!(ack["view"]["next"]["position"], "availability");
    let ack = c.ok("next", json!({"call_id": id})).await;
    assert_eq!(ack["view"]["position"], "availability");
    c.ok(
        "answer",
        json!({"call_id": id, "field": "availability", "value": "now"}),
    )
    .await;
    let ack = c.ok("next", json!({"call_id": id})).await;
    assert_eq!(
        ack["view"]["position"], "identity/ask_birth_date",
        "into the block"
    );

    // Back to the start: answers stay; forward again drops the old tail of the path.
    let ack = c
        .ok("goto", json!({"call_id": id, "position": "intro"}))
        .await;
    assert_eq!(ack["view"]["position"], "intro");
    let ack = c.ok("next", json!({"call_id": id})).await;
    assert_eq!(ack["path"], json!(["intro", "availability"]));
    let err = c
        .request("goto", json!({"call_id": id, "position": "certificate"}))
        .await;
    assert_eq!(err["code"], "invalid", "only visited steps");

    // A contact with a national number whose checksum is wrong: named at its path.
    c.ok(
        "answer",
        json!({"call_id": id, "field": "has_high_risk_contacts", "value": true}),
    )
    .await;
    let contact = |nn: &str| {
        json!([{"first_name": "Jan", "last_name": "Janssens", "phone": "0470 99 88 77",
                "national_number": nn, "last_contact_date": (Utc::now() - Duration::days(1)).format("%Y-%m-%d").to_string(),
                "contact_type": "household", "language": "nl"}])
    };
    let ack = c
        .ok(
            "answer",
            json!({"call_id": id, "field": "contacts", "value": contact("85073003399")}),
        )
        .await;
    let codes: Vec<(&str, &str)> = ack["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert!(
        codes.contains(&("contacts[0].national_number", "invalid_national_number")),
        "{codes:?}"
    );
    let ack = c
        .ok(
            "answer",
            json!({"call_id": id, "field": "contacts", "value": contact(&national_number())}),
        )
        .await;
    assert_eq!(ack["errors"], json!([]), "fixed");

    // Reached is refused while the form is incomplete: every error at once, nothing ends.
    let err = c
        .request("finish", json!({"call_id": id, "outcome": "reached"}))
        .await;
    assert_eq!(err["code"], "validation", "{err}");
    assert!(
        err["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "identity_birth_date_matches" && e["code"] == "required"),
        "{err}"
    );

    // A reconnect resumes exactly there.
    let cookie = session_cookie(&app.url, &email).await;
    let mut again = Console::connect(&app.url, &cookie).await;
    let state = again.wait_for("state", |_| true).await;
    assert_eq!(state["call"]["call_id"], id.as_str());
    assert_eq!(state["call"]["view"]["position"], "availability");
    assert_eq!(
        state["call"]["answers"]["contacts"][0]["last_name"],
        "Janssens"
    );

    // A callback tomorrow at 17:00: the order comes back then; the next order is offered.
    let tomorrow = (Utc::now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(16, 0, 0)
        .unwrap()
        .and_utc();
    let ack = c
        .ok(
            "finish",
            json!({"call_id": id, "outcome": "callback", "callback_at": tomorrow.to_rfc3339()}),
        )
        .await;
    assert_eq!(ack["scheduled"]["state"], "open");
    assert_eq!(ack["scheduled"]["due_at"], tomorrow.timestamp_millis());
    let state = c
        .wait_for("state", |s| !s["offer"].is_null() && s["call"].is_null())
        .await;
    assert_eq!(state["status"], "ready");

    // At rest the answers are sealed.
    let rows = sqlx::query("SELECT value FROM call_answers WHERE call_id = $1")
        .bind(&id)
        .fetch_all(app.kernel.db.pool())
        .await
        .unwrap();
    assert!(rows.len() >= 3);
    for r in rows {
        let bytes: Vec<u8> = r.try_get("value").unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Janssens") && !text.contains("target_person"));
    }
    app.stop().await;
}
both_backends!(a_call_with_autosave_branches_and_callback);

/// Inbound: search by phone in another format, open (audited, with history), run the
/// inbound script.
async fn inbound_lookup_and_script(backend: Backend) {
    let app = TestApp::start(backend).await;
    campaign(&app, "index_case", "index", 1).await;
    let (mut c, email) = agent(&app).await;
    // The citizen calls: the telephony system announces it, the agent searches their phone.
    app.ring(&email).await;
    let found = c.ok("search", json!({"q": "0470/12.34.56"})).await;
    let results = found["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{found}");
    assert!(results[0].get("last_name").is_none(), "masked");
    let code = results[0]["case_code"].as_str().unwrap();
    let opened = c
        .ok("open_case", json!({"code": code, "reason": "inbound_call"}))
        .await;
    assert_eq!(opened["person"]["last_name"], "Peeters");
    assert!(opened["history"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["action"] == "case.opened"));
    let started = c.ok("start_inbound", json!({"code": code})).await;
    assert_eq!(started["call"]["release"]["script_id"], "inbound");
    assert_eq!(started["call"]["kind"], "inbound");
    let err = c.request("ready", json!({})).await;
    assert_eq!(err["code"], "conflict", "busy with the inbound call");
    app.stop().await;
}
both_backends!(inbound_lookup_and_script);

/// Two nodes on one PostgreSQL: a telephony event posted to one pops up on the agent's
/// console held by the other; a supervisor on the second sees the agent go ready.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_cross_nodes() {
    let app = TestApp::start(Backend::Postgres).await;
    campaign(&app, "index_case", "index", 1).await;
    let other = app.another_node().await;
    let (email, agent_id) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let mut agent = Console::of(&app, &email).await;
    agent.wait_for("state", |_| true).await;
    let (sup_email, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    let sup_cookie = session_cookie(&other.url, &sup_email).await;
    let mut sup = Console::connect(&other.url, &sup_cookie).await;
    sup.wait_for("dashboard", |_| true).await;

    agent.ok("ready", json!({})).await;
    sup.wait_for("dashboard", |d| {
        d["agents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == agent_id && a["status"] == "ready")
    })
    .await;

    // The telephony system's token signs its events; a person's session is refused.
    let admin = app.login_as(Role::Admin).await;
    let pbx = admin.new_pbx("pbx").await.at(&other.url);
    let event = json!({"id": "ev-1", "event": "ringing", "caller": "+32470123456", "agent": email, "call_ref": "pbx-1"});
    let person = app.session(&sup_email).await.at(&other.url);
    assert_eq!(person.telephony_event(&event).await.status, 403);
    assert_eq!(pbx.post(&event).await.status, 202);
    let pop = agent.wait_for("screen_pop", |_| true).await;
    assert_eq!(pop["results"].as_array().unwrap().len(), 1, "{pop}");
    assert_eq!(pop["caller_masked"], "•••• •• 3456");
    // What the pop showed, the agent may open as such; the pop is in the audit log.
    let popped = pop["results"][0]["case_code"].as_str().unwrap();
    let agent_http = app.session(&email).await;
    let opened = agent_http.open_case(popped, "screen_pop").await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    let shown: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'case.screen_pop'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(shown, 1);
    // The caller's number is sealed at rest.
    let raw: Vec<u8> = sqlx::query_scalar("SELECT caller FROM telephony_events")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&raw).contains("470"));

    // A supervisor's message reaches the agent across nodes.
    sup.ok(
        "message",
        json!({"agent_id": agent_id, "text": "Team briefing at 14:00"}),
    )
    .await;
    let m = agent.wait_for("message", |_| true).await;
    assert_eq!(m["text"], "Team briefing at 14:00");
    other.stop().await;
    app.stop().await;
}
