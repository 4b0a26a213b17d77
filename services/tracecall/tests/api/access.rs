//! Purpose-bound access to personal data: an agent decrypts a case only with a purpose the
//! server can check, or by breaking the glass (audited, pushed to the team's supervisors);
//! searches are masked, kept within the jurisdiction, audited without the query, and
//! rate-limited; admins read no personal data; the DPO lists every access to one person.

use kernel::auth::Role;
use serde_json::{json, Value};

use crate::support::ws::{session_cookie, Console};
use crate::support::{show, Backend, Session, TestApp};

fn codes(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["case_code"].as_str().unwrap().to_string())
        .collect()
}

const PEOPLE: &str = "first_name,last_name,phone,birth_date,language,case_type,postal_code\n\
    Anne,Janssens,+32470123456,1985-07-30,fr,contact,1000\n\
    Bert,Dubois,+32470555666,1970-01-01,fr,contact,1210\n\
    Carl,Peeters,+32470999888,1960-01-01,fr,contact,2000\n";

struct World {
    app: TestApp,
    agent: Session,
    agent_email: String,
    agent_id: i64,
    sup_email: String,
    anne: String,
    bert: String,
    carl: String,
}

/// A Brussels team with an agent and a supervisor; Anne and Bert live in Brussels, Carl in
/// Antwerp. Codes are found by a national supervisor.
async fn world(backend: Backend) -> World {
    let app = TestApp::start(backend).await;
    app.add_team("Brussels", &["brussels"]).await;
    app.import(PEOPLE.to_string()).await;
    let (agent_email, agent_id) = app
        .add_user_with(Role::Agent, Some("Brussels"), &["fr"])
        .await;
    let (sup_email, _) = app
        .add_user_with(Role::Supervisor, Some("Brussels"), &["fr"])
        .await;
    let national = app.login_as(Role::Supervisor).await;
    let code = |hits: Vec<Value>| codes(&hits)[0].clone();
    let anne = code(national.search("+32470123456").await);
    let bert = code(national.search("+32470555666").await);
    let carl = code(national.search("+32470999888").await);
    World {
        agent: app.session(&agent_email).await,
        agent_email,
        app,
        agent_id,
        sup_email,
        anne,
        bert,
        carl,
    }
}

async fn opens_need_a_checkable_purpose(backend: Backend) {
    let w = world(backend).await;
    let agent = &w.agent;
    // Purposes the server cannot check are refused, and nothing is decrypted.
    let fake_order = agent
        .post(
            &format!("/api/v1/cases/{}/open", w.anne),
            &json!({"reason": "call_order", "order_id": 999_999}),
        )
        .await;
    assert_eq!(fake_order.status, 403, "{}", fake_order.text);
    assert!(
        fake_order.text.contains("purpose-refused"),
        "{}",
        fake_order.text
    );
    assert!(!fake_order.text.contains("Janssens"));
    for reason in ["call_order", "inbound", "screen_pop"] {
        assert_eq!(
            agent.open_case(&w.anne, reason).await.status,
            403,
            "{reason}"
        );
    }
    let short = agent.open_case_breaking_glass(&w.anne, "because").await;
    assert_eq!(short.status, 422, "{}", short.text);

    // A phone searched outside any call grants nothing.
    assert_eq!(
        codes(&agent.search("0470 12 34 56").await),
        vec![w.anne.clone()]
    );
    assert_eq!(agent.open_case(&w.anne, "inbound").await.status, 403);
    // In a call the telephony system announced, the caller gives her phone: a strong
    // identifier in the jurisdiction, so the agent may open her case as an inbound call.
    w.app.ring(&w.agent_email).await;
    assert_eq!(
        codes(&agent.search("0470 12 34 56").await),
        vec![w.anne.clone()]
    );
    let opened = agent.open_case(&w.anne, "inbound").await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    assert_eq!(opened.body["person"]["first_name"], "Anne");
    // A lone first name or a bare birth date finds nobody for an agent.
    assert!(agent.search("Anne").await.is_empty());
    assert!(agent.search("30/07/1985").await.is_empty());
    // Two prefixes with a birth date are not a full name.
    assert!(agent.search("An Ja 30/07/1985").await.is_empty());
    // A full name with the birth date is strong too.
    assert_eq!(
        codes(&agent.search("Anne Janssens 30/07/1985").await),
        vec![w.anne.clone()]
    );
    // Carl lives outside the team's jurisdiction: not found, and the glass does not break.
    assert!(agent.search("+32470999888").await.is_empty());
    let outside = agent
        .open_case_breaking_glass(&w.carl, "caller insists he is registered here")
        .await;
    assert_eq!(outside.status, 403, "{}", outside.text);

    // A call order the agent holds is a purpose.
    let sup = w.app.session(&w.sup_email).await;
    sup.create_and_launch_campaign(
        &json!({"name": "Brussels", "script_id": "contact", "languages": ["fr"]}),
    )
    .await;
    let order = agent.claim_order().await.expect("an order in Brussels");
    let case_id = order["case_id"].as_str().unwrap();
    let code: String = sqlx::query_scalar("SELECT code FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(w.app.kernel.db.pool())
        .await
        .unwrap();
    let held = agent
        .post(
            &format!("/api/v1/cases/{code}/open"),
            &json!({"reason": "call_order", "order_id": order["id"]}),
        )
        .await;
    assert_eq!(held.status, 200, "{}", held.text);
    // ...but not for another case.
    let other = if code == w.anne { &w.bert } else { &w.anne };
    let misused = agent
        .post(
            &format!("/api/v1/cases/{other}/open"),
            &json!({"reason": "call_order", "order_id": order["id"]}),
        )
        .await;
    assert_eq!(misused.status, 403, "{}", misused.text);
    w.app.stop().await;
}
both_backends!(opens_need_a_checkable_purpose);

async fn breaking_the_glass_is_audited_and_pushed(backend: Backend) {
    let w = world(backend).await;
    let cookie = session_cookie(&w.app.url, &w.sup_email).await;
    let mut sup = Console::connect(&w.app.url, &cookie).await;
    sup.wait_for("dashboard", |_| true).await;
    let why = "citizen at the desk without any papers";
    let opened = w.agent.open_case_breaking_glass(&w.bert, why).await;
    assert_eq!(opened.status, 200, "{}", opened.text);
    let alert = sup.wait_for("alert", |a| a["kind"] == "break_glass").await;
    assert_eq!(alert["case_code"], w.bert.as_str());
    assert_eq!(alert["agent_id"], w.agent_id);
    assert_eq!(alert["count_today"], 1);
    assert_eq!(alert["over_limit"], false);

    // An admin opens nothing and searches nothing.
    let admin = w.app.login_as(Role::Admin).await;
    assert_eq!(
        admin.open_case_breaking_glass(&w.bert, why).await.status,
        403
    );
    assert_eq!(admin.search_cases("+32470555666").await.status, 403);

    // The justification is sealed in the log, and the DPO's report reads it back.
    let raw: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log")
        .fetch_all(w.app.kernel.db.pool())
        .await
        .unwrap();
    assert!(
        !raw.iter().any(|d| d.contains("papers")),
        "sealed in the log"
    );
    let dpo = w.app.login_as(Role::Dpo).await;
    let report = dpo
        .get(&format!("/api/v1/audit/people/{}", w.bert))
        .await
        .expect_json(200);
    let accesses = report["accesses"].as_array().unwrap();
    assert!(
        accesses
            .iter()
            .any(|a| a["action"] == "case.break_glass" && a["justification"] == why),
        "{report}"
    );
    assert!(
        accesses
            .iter()
            .any(|a| a["action"] == "case.opened" && a["reason"] == "break_glass"),
        "{report}"
    );
    // The national supervisor's search that found Bert is listed too.
    assert!(
        accesses.iter().any(|a| a["action"] == "case.searched"),
        "{report}"
    );
    assert_eq!(dpo.get("/api/v1/audit/people/2222222").await.status, 404);
    assert_eq!(
        w.agent
            .get(&format!("/api/v1/audit/people/{}", w.bert))
            .await
            .status,
        403
    );
    let out = w.app.run_cli(&["audit", "person", &w.bert], "");
    assert!(out.status.success(), "{}", show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("case.break_glass") && stdout.contains(why),
        "{stdout}"
    );
    w.app.stop().await;
}
both_backends!(breaking_the_glass_is_audited_and_pushed);

async fn searches_are_audited_without_the_query(backend: Backend) {
    let w = world(backend).await;
    for q in ["0470 12 34 56", "Janssens", "12/04/1961"] {
        w.agent.search(q).await;
    }
    let dpo = w.app.login_as(Role::Dpo).await;
    let audit = dpo
        .get_query(
            "/api/v1/audit",
            &[
                ("action", "case.searched"),
                ("actor", &format!("user:{}", w.agent_id)),
            ],
        )
        .await
        .expect_json(200);
    let events = audit["events"].as_array().unwrap();
    assert_eq!(events.len(), 3, "{audit}");
    // What the rows say (hashes and times are digits of their own, so only these are read).
    let said: Vec<String> = events
        .iter()
        .map(|e| format!("{} {} {}", e["subject"], e["action"], e["detail"]))
        .collect();
    for secret in ["470", "Janssens", "1961"] {
        assert!(
            !said.iter().any(|t| t.contains(secret)),
            "{secret} in {said:?}"
        );
    }
    let details: Vec<Value> = events
        .iter()
        .map(|e| serde_json::from_str(e["detail"].as_str().unwrap()).unwrap())
        .collect();
    // Newest first: the date, the lone name, the phone.
    assert_eq!(details[2]["kinds"], json!(["phone"]));
    assert_eq!(details[2]["hits"], 1);
    assert_eq!(details[1]["weak"], true);
    assert_eq!(details[0]["kinds"], json!(["birth_date"]));
    w.app.stop().await;
}
both_backends!(searches_are_audited_without_the_query);

async fn searches_are_rate_limited_with_an_alert(backend: Backend) {
    // A clock that stands still: the five searches fall in one window.
    let clock = std::sync::Arc::new(kernel::clock::ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_with(
        backend,
        clock,
        crate::support::Keys::Fixed(crate::support::test_master_key(), Vec::new()),
        None,
        Some(json!({"searches_per_minute": 3})),
    )
    .await;
    app.add_team("Brussels", &["brussels"]).await;
    let (agent_email, agent_id) = app
        .add_user_with(Role::Agent, Some("Brussels"), &["fr"])
        .await;
    let (sup_email, _) = app
        .add_user_with(Role::Supervisor, Some("Brussels"), &["fr"])
        .await;
    let cookie = session_cookie(&app.url, &sup_email).await;
    let mut sup = Console::connect(&app.url, &cookie).await;
    sup.wait_for("dashboard", |_| true).await;
    let agent = app.session(&agent_email).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(agent.search_cases("+32470123456").await.status);
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let alert = sup
        .wait_for("alert", |a| a["kind"] == "search_limited")
        .await;
    assert_eq!(alert["agent_id"], agent_id);
    let limited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'case.search_limited'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert!(limited >= 1);
    app.stop().await;
}
both_backends!(searches_are_rate_limited_with_an_alert);
