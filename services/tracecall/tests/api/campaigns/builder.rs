//! What the supervisor's builder and order list stand on: the live count of a target (the
//! same selection as the launch), a draft edited until it is launched and not after, a list
//! of case codes checked line by line, and the order list with its filters, its actions and
//! its scope (another team's supervisor learns nothing), showing case codes, never names.

use kernel::auth::Role;
use serde_json::{json, Value};

use super::seed;
use crate::support::{campaign_body, Backend, Session, TestApp};

async fn count(sup: &Session, body: &Value) -> i64 {
    let answer = sup.post("/api/v1/campaigns/count", body).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.body["cases"].as_i64().unwrap()
}

fn contacts(languages: &[&str]) -> Value {
    let mut body = campaign_body("Contacts", "contact", languages);
    body["target"] = json!({"case_type": "contact"});
    body
}

async fn the_builder_counts_before_launching_and_edits_drafts_only(backend: Backend) {
    let app = TestApp::start(backend).await;
    // Twelve cases in Brussels: index cases at 0, 3, 6, 9, French at even numbers.
    seed(&app, 12).await;
    let sup = app.login_as(Role::Supervisor).await;

    assert_eq!(count(&sup, &contacts(&["fr", "nl"])).await, 8);
    assert_eq!(count(&sup, &contacts(&["fr"])).await, 4);
    let mut elsewhere = contacts(&["fr", "nl"]);
    elsewhere["target"]["regions"] = json!(["ANT"]);
    assert_eq!(count(&sup, &elsewhere).await, 0);
    let mut index = campaign_body("Index", "index_case", &["fr", "nl"]);
    index["target"] = json!({"case_type": "index"});
    assert_eq!(count(&sup, &index).await, 4);

    // The count checks what the launch would: a script for other cases is named.
    let mut wrong = contacts(&["fr"]);
    wrong["script_id"] = json!("index_case");
    let refused = sup.post("/api/v1/campaigns/count", &wrong).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(refused.body["errors"][0]["code"], "script_mismatch");

    // A listed case code with a typing error is named by its line, and nothing is created.
    let mut codes = contacts(&["fr", "nl"]);
    codes["target"]["case_codes"] = json!(["ABCDEFG", "not a code"]);
    let refused = sup.create_campaign(&codes).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    let fields: Vec<&str> = refused.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"target.case_codes[1]"), "{}", refused.text);
    assert!(
        refused.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("line"),
        "{}",
        refused.text
    );
    assert_eq!(sup.campaigns().await.json()["campaigns"], json!([]));

    // A draft is edited; the edit is audited; once launched it is no longer edited.
    let id = sup.new_campaign(&contacts(&["fr", "nl"])).await;
    let mut changed = contacts(&["fr"]);
    changed["name"] = json!("Contacts, French");
    changed["policy"] = json!({"windows": {"mon": [["09:00", "17:00"]]}, "max_attempts": 3});
    let edited = sup.put(&format!("/api/v1/campaigns/{id}"), &changed).await;
    assert_eq!(edited.status, 200, "{}", edited.text);
    assert_eq!(edited.body["name"], "Contacts, French");
    assert_eq!(edited.body["languages"], json!(["fr"]));
    assert_eq!(edited.body["policy"]["max_attempts"], 3);
    assert_eq!(
        edited.body["policy"]["windows"]["mon"],
        json!([["09:00", "17:00"]])
    );
    // A bad window is refused by name, and the draft stays as it was.
    let mut bad = changed.clone();
    bad["policy"]["windows"] = json!({"tue": [["18:00", "09:00"]]});
    let refused = sup.put(&format!("/api/v1/campaigns/{id}"), &bad).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(refused.body["errors"][0]["field"], "policy.windows.tue[0]");
    let dpo = app.login_as(Role::Dpo).await;
    let audit = dpo
        .get(&format!(
            "/api/v1/audit?action=campaign.edited&subject=campaign:{id}"
        ))
        .await;
    assert_eq!(
        audit.body["events"].as_array().map(Vec::len),
        Some(1),
        "{}",
        audit.text
    );

    let mut any_time = changed.clone();
    any_time["policy"] = json!({});
    assert_eq!(
        sup.put(&format!("/api/v1/campaigns/{id}"), &any_time)
            .await
            .status,
        200
    );
    let launched = sup.launch_campaign(&id).await.expect_json(200);
    assert_eq!(launched["orders"]["open"], 4, "{launched}");
    let late = sup.put(&format!("/api/v1/campaigns/{id}"), &changed).await;
    assert_eq!(late.status, 409, "{}", late.text);

    // Another team's supervisor cannot edit or count for it.
    app.add_team("Antwerpen", &["antwerpen"]).await;
    let other = app
        .session(&app.add_user(Role::Supervisor, Some("Antwerpen")).await)
        .await;
    let hidden = other
        .put(&format!("/api/v1/campaigns/{id}"), &changed)
        .await;
    assert_eq!(hidden.status, 404, "{}", hidden.text);
    app.stop().await;
}
both_backends!(the_builder_counts_before_launching_and_edits_drafts_only);

async fn orders(sup: &Session, query: &[(&str, &str)]) -> Value {
    sup.get_query("/api/v1/orders", query)
        .await
        .expect_json(200)
}

async fn the_order_list_filters_and_its_actions_show_at_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 12).await;
    let sup = app.login_as(Role::Supervisor).await;
    let launched = sup
        .create_and_launch_campaign(&contacts(&["fr", "nl"]))
        .await;
    let id = launched.id;

    let all = orders(&sup, &[("campaign", id.as_str())]).await;
    let rows = all["orders"].as_array().unwrap();
    assert_eq!(rows.len(), 8, "{all}");
    assert_eq!(all["more"], false);
    for row in rows {
        assert_eq!(row["state"], "open");
        assert_eq!(row["case_type"], "contact");
        assert_eq!(row["region"], "BRU");
        assert_eq!(row["campaign_name"], "Contacts");
        assert!(row["case_code"].as_str().unwrap().len() >= 7, "{row}");
    }
    // Stored facts only: no name or number of the people (seeded as "P1 Person", +3247...).
    let text = all.to_string();
    assert!(
        !text.contains("Person") && !text.contains("+3247"),
        "{text}"
    );
    // Nearest deadline first.
    let deadlines: Vec<i64> = rows
        .iter()
        .map(|r| r["deadline_at"].as_i64().unwrap())
        .collect();
    assert!(deadlines.windows(2).all(|w| w[0] <= w[1]), "{deadlines:?}");

    let french = orders(&sup, &[("language", "fr")]).await;
    assert_eq!(french["orders"].as_array().unwrap().len(), 4, "{french}");
    let limited = orders(&sup, &[("limit", "3")]).await;
    assert_eq!(limited["orders"].as_array().unwrap().len(), 3);
    assert_eq!(limited["more"], true);
    // Registered just now with a 24-hour deadline: nothing at risk.
    let risky = orders(&sup, &[("at_risk", "true")]).await;
    assert_eq!(risky["orders"], json!([]), "{risky}");

    // An agent takes one: the list shows who holds it.
    let (agent_email, agent_id) = app.add_user_with(Role::Agent, None, &["fr", "nl"]).await;
    let agent = app.session(&agent_email).await;
    let held = agent.claim_order().await.expect("an order");
    let leased = orders(&sup, &[("state", "leased")]).await;
    let leased = leased["orders"].as_array().unwrap().clone();
    assert_eq!(leased.len(), 1);
    assert_eq!(leased[0]["id"], held["id"]);
    assert_eq!(leased[0]["agent_id"], agent_id);
    assert_eq!(leased[0]["held"], true);
    assert!(leased[0]["agent_name"].as_str().is_some(), "{leased:?}");
    let mine = orders(&sup, &[("agent", &agent_id.to_string())]).await;
    assert_eq!(mine["orders"].as_array().unwrap().len(), 1);

    // Reassigned by picking another agent: taken from the first, kept for the second.
    let (_, second) = app.add_user_with(Role::Agent, None, &["fr", "nl"]).await;
    let order_id = held["id"].as_i64().unwrap();
    let done = sup
        .post(
            &format!("/api/v1/orders/{order_id}/supervise"),
            &json!({"action": "reassign", "agent_id": second}),
        )
        .await;
    assert_eq!(done.status, 204, "{}", done.text);
    let kept = orders(&sup, &[("agent", &second.to_string())]).await;
    let kept = kept["orders"].as_array().unwrap().clone();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0]["id"], order_id);
    assert_eq!(kept[0]["state"], "open");
    assert_eq!(kept[0]["held"], false);
    assert_eq!(
        orders(&sup, &[("state", "leased")]).await["orders"],
        json!([])
    );

    // A filter the API does not know, a state that does not exist: refused by name.
    let bad = sup.get_query("/api/v1/orders", &[("state", "lost")]).await;
    assert_eq!(bad.status, 400, "{}", bad.text);

    // Another team's supervisor: the campaign does not exist for them, and their list is
    // empty. An agent has no order list at all.
    app.add_team("Antwerpen", &["antwerpen"]).await;
    let other = app
        .session(&app.add_user(Role::Supervisor, Some("Antwerpen")).await)
        .await;
    let hidden = other
        .get_query("/api/v1/orders", &[("campaign", id.as_str())])
        .await;
    assert_eq!(hidden.status, 404, "{}", hidden.text);
    assert_eq!(orders(&other, &[]).await["orders"], json!([]));
    assert_eq!(agent.get("/api/v1/orders").await.status, 403);

    // The pages: the supervisor's, refused to an agent.
    for page in ["/campaigns", "/orders"] {
        let html = sup.get(page).await;
        assert_eq!(html.status, 200, "{page}: {}", html.text);
        assert!(html.text.contains("<h1>"), "{page}");
        assert_eq!(agent.get(page).await.status, 403, "{page}");
    }
    app.stop().await;
}
both_backends!(the_order_list_filters_and_its_actions_show_at_once);
