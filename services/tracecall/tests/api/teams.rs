//! Teams and jurisdictions: created from the CLI and the API with clear errors; a
//! supervisor sees and steers only their own team's campaigns, orders and agents; a
//! campaign calls only people within its teams' jurisdictions.

use kernel::auth::Role;
use serde_json::json;

use crate::support::{show, Backend, TestApp};

async fn teams_from_the_cli_and_the_api(backend: Backend) {
    let app = TestApp::start(backend).await;
    let out = app.run_cli(&["team", "add", "Brussels", "--region", "brussels"], "");
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1000-1299"),
        "{}",
        show(&out)
    );
    let out = app.run_cli(
        &[
            "team",
            "add",
            "North",
            "--region",
            "antwerpen",
            "--postal",
            "3500-3599",
        ],
        "",
    );
    assert!(out.status.success(), "{}", show(&out));
    // Every problem is named by its flag, and nothing is created.
    let out = app.run_cli(
        &[
            "team",
            "add",
            "Bad",
            "--postal",
            "2000-1000",
            "--region",
            "atlantis",
        ],
        "",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--postal") && err.contains("--region"),
        "{err}"
    );
    let out = app.run_cli(&["team", "add", "Nowhere"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--national"));
    let out = app.run_cli(&["team", "list"], "");
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(listed.contains("Brussels\t1000-1299"), "{listed}");
    assert!(listed.contains("North\t2000-2999, 3500-3599"), "{listed}");
    assert!(!listed.contains("Bad"), "{listed}");

    let admin = app.login_as(Role::Admin).await;
    let created = admin
        .post("/api/v1/teams", &json!({"name": "Desk", "national": true}))
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let sup = app.login_as(Role::Supervisor).await;
    let refused = sup
        .post("/api/v1/teams", &json!({"name": "Mine", "national": true}))
        .await;
    assert_eq!(refused.status, 403);
    let teams = sup.get("/api/v1/teams").await.expect_json(200);
    assert_eq!(teams["teams"].as_array().unwrap().len(), 3, "{teams}");
    // A user's team must exist.
    let user = admin
        .post(
            "/api/v1/users",
            &json!({"email": "x@example.test", "name": "X", "role": "agent",
                    "team": "Atlantis", "password": "long enough password"}),
        )
        .await;
    assert_eq!(user.status, 422, "{}", user.text);
    assert!(user.text.contains("\"team\""), "{}", user.text);
    app.stop().await;
}
both_backends!(teams_from_the_cli_and_the_api);

async fn supervisors_steer_their_own_teams_only(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.add_team("A", &["brussels"]).await;
    app.add_team("B", &["antwerpen"]).await;
    app.import(
        "first_name,last_name,phone,birth_date,language,case_type,postal_code\n\
         Anne,Brux,+32478200001,1990-01-01,fr,contact,1000\n\
         Bert,Brux,+32478200002,1980-01-01,fr,contact,1210\n\
         Carl,Antw,+32478200003,1970-01-01,fr,contact,2000\n\
         Dora,Gent,+32478200004,1960-01-01,fr,contact,9000\n"
            .to_string(),
    )
    .await;
    let sup_a = app
        .session(&app.add_user(Role::Supervisor, Some("A")).await)
        .await;
    let sup_b_email = app.add_user(Role::Supervisor, Some("B")).await;
    let sup_b = app.session(&sup_b_email).await;
    let (_, agent_a) = app.add_user_with(Role::Agent, Some("A"), &["fr"]).await;
    let (_, agent_b) = app.add_user_with(Role::Agent, Some("B"), &["fr"]).await;

    // A team supervisor's campaign is their team's, and calls within its jurisdiction only.
    let body = json!({"name": "Brussels contacts", "script_id": "contact", "languages": ["fr"]});
    let launched = sup_a.create_and_launch_campaign(&body).await;
    let list = sup_a.campaigns().await.expect_json(200);
    let mine = &list["campaigns"][0];
    assert_eq!(mine["campaign"]["teams"], json!(["A"]));
    assert_eq!(mine["orders"]["open"], 2, "Brussels only: {list}");
    let other = sup_b
        .create_campaign(
            &json!({"name": "x", "script_id": "contact", "languages": ["fr"], "teams": ["A"]}),
        )
        .await;
    assert_eq!(other.status, 422, "{}", other.text);

    // Team B sees nothing of it, not even its waiting orders, and cannot steer it.
    let theirs = sup_b.campaigns().await.expect_json(200);
    assert_eq!(theirs["campaigns"], json!([]), "{theirs}");
    let mut dashboard = crate::support::ws::Console::of(&app, &sup_b_email).await;
    let d = dashboard.wait_for("dashboard", |_| true).await;
    assert_eq!(d["campaigns"], json!([]), "{d}");
    assert_eq!(d["waiting_by_language"], json!({}), "{d}");
    let id = &launched.id;
    assert_eq!(sup_b.pause_campaign(id).await.status, 404);
    assert_eq!(sup_b.cancel_campaign(id).await.status, 404);
    assert_eq!(sup_b.launch_campaign(id).await.status, 404);
    let order: i64 = sqlx::query_scalar("SELECT MIN(id) FROM call_orders")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    let raise = json!({"action": "raise", "minutes": 10});
    assert_eq!(sup_b.supervise(order, &raise).await.status, 404);
    // Team A's supervisor hands orders to team A's agents only.
    let to_b = sup_a
        .supervise(order, &json!({"action": "reassign", "agent_id": agent_b}))
        .await;
    assert_eq!(to_b.status, 422, "{}", to_b.text);
    let to_a = sup_a
        .supervise(order, &json!({"action": "reassign", "agent_id": agent_a}))
        .await;
    assert_eq!(to_a.status, 204, "{}", to_a.text);
    // Agents: each supervisor lists their own team's.
    let users = sup_b.users().await.expect_json(200);
    let ids: Vec<i64> = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&agent_b) && !ids.contains(&agent_a), "{users}");
    assert_eq!(sup_a.pause_campaign(id).await.status, 200);
    app.stop().await;
}
both_backends!(supervisors_steer_their_own_teams_only);
