//! A campaign's script must fit the cases it calls: the index-case script speaks of the
//! person's positive test, so a campaign on contacts cannot use it unless the supervisor
//! overrides it (audited); a campaign naming no case type takes its script's; an inbound
//! script or one never published cannot run a campaign.

use kernel::auth::Role;
use serde_json::json;

use super::seed;
use crate::support::{campaign_body, Backend, TestApp};

async fn a_campaign_uses_a_script_written_for_its_cases(backend: Backend) {
    let app = TestApp::start(backend).await;
    seed(&app, 6).await; // two index cases, four contacts
    let sup = app.login_as(Role::Supervisor).await;

    let mut body = campaign_body("Contacts", "index_case", &["fr", "nl"]);
    body["target"] = json!({"case_type": "contact"});
    let refused = sup.create_campaign(&body).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(refused.body["errors"][0]["field"], "target.case_type");
    assert_eq!(refused.body["errors"][0]["code"], "script_mismatch");
    assert!(
        refused.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("written for index cases"),
        "{}",
        refused.text
    );

    // Overridden on purpose: allowed, and the audit log says so.
    body["script_override"] = json!(true);
    let id = sup.new_campaign(&body).await;
    let launched = sup.launch_campaign(&id).await;
    assert_eq!(launched.status, 200, "{}", launched.text);
    assert_eq!(launched.body["orders"]["open"], 4, "{}", launched.text);
    let dpo = app.login_as(Role::Dpo).await;
    let audit = dpo
        .get(&format!(
            "/api/v1/audit?action=campaign.created&subject=campaign:{id}"
        ))
        .await;
    let detail: serde_json::Value =
        serde_json::from_str(audit.body["events"][0]["detail"].as_str().unwrap()).unwrap();
    assert_eq!(detail["script_override"], true, "{}", audit.text);

    // No case type named: the contact script's campaign calls the contacts only.
    let created = sup
        .create_campaign(&campaign_body("Quarantine", "contact", &["fr", "nl"]))
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(
        created.body["target"]["case_type"], "contact",
        "{}",
        created.text
    );
    let id = created.body["id"].as_str().unwrap().to_string();
    let launched = sup.launch_campaign(&id).await;
    assert_eq!(launched.body["orders"]["open"], 4, "{}", launched.text);

    // An inbound script, a script never published: refused, naming the field.
    for (script, code) in [
        ("inbound", "script_kind"),
        ("no_such_script", "unknown_script"),
    ] {
        let refused = sup
            .create_campaign(&campaign_body("X", script, &["fr"]))
            .await;
        assert_eq!(refused.status, 422, "{script}: {}", refused.text);
        assert_eq!(
            refused.body["errors"][0]["field"], "script_id",
            "{}",
            refused.text
        );
        assert_eq!(refused.body["errors"][0]["code"], code, "{}", refused.text);
    }
    app.stop().await;
}
both_backends!(a_campaign_uses_a_script_written_for_its_cases);
