//! An inbound call runs the script of what the caller came for: the topic they chose in the
//! voice menu (sent by the PBX) names it on the screen pop, the opened case offers every
//! inbound script, and the call runs the one chosen (here the cold-chain report, which could
//! not be started before: inbound calls always ran `inbound`). A bad topic, an outbound
//! script, or a script never published are refused by name.

use kernel::auth::Role;
use serde_json::json;

use super::{agent, campaign};
use crate::support::{Backend, TestApp};

async fn the_callers_topic_picks_the_inbound_script(backend: Backend) {
    let app = TestApp::start(backend).await;
    campaign(&app, "index_case", "index", 1).await;
    let (mut c, email) = agent(&app).await;
    let admin = app.login_as(Role::Admin).await;
    let pbx = admin.new_pbx("pbx").await;

    let bad = json!({"id": "ev-0", "event": "ringing", "caller": "+32470123456",
                     "agent": email, "topic": "Cold Chain!"});
    let refused = pbx.post(&bad).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert!(refused.text.contains("topic"), "{}", refused.text);

    let event = json!({"id": "ev-1", "event": "ringing", "caller": "+32470123456",
                       "agent": email, "topic": "cold_chain"});
    assert_eq!(pbx.post(&event).await.status, 202);
    let pop = c.wait_for("screen_pop", |_| true).await;
    assert_eq!(pop["topic"], "cold_chain", "{pop}");
    assert_eq!(pop["script"], "cold_chain", "{pop}");
    let code = pop["results"][0]["case_code"].as_str().unwrap().to_string();

    let opened = c
        .ok("open_case", json!({"code": code, "reason": "screen_pop"}))
        .await;
    let scripts: Vec<&str> = opened["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(scripts.first(), Some(&"inbound"), "{opened}");
    assert!(scripts.contains(&"cold_chain"), "{opened}");
    assert!(
        !scripts.contains(&"index_case"),
        "outbound scripts are not offered"
    );

    for (script, why) in [
        ("index_case", "outbound"),
        ("no_such_script", "unpublished"),
    ] {
        let refused = c
            .request("start_inbound", json!({"code": code, "script": script}))
            .await;
        assert_eq!(refused["type"], "error", "{why}: {refused}");
        assert!(
            refused["errors"][0]["field"] == "script"
                && refused["errors"][0]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(script)),
            "{why}: {refused}"
        );
    }
    let started = c
        .ok(
            "start_inbound",
            json!({"code": code, "script": "cold_chain"}),
        )
        .await;
    assert_eq!(
        started["call"]["release"]["script_id"], "cold_chain",
        "{started}"
    );
    assert_eq!(started["call"]["kind"], "inbound");
    app.stop().await;
}
both_backends!(the_callers_topic_picks_the_inbound_script);
