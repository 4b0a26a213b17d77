//! Every route walked: as no one, as every person's role and as a machine token, each
//! answered as its access decision says.

use std::collections::BTreeSet;

use crate::support::{Backend, TestApp};
use kernel::auth::guard::Access;
use kernel::auth::Role;

/// Every route in the OpenAPI document has exactly one access decision, and every role (and
/// no session) gets the answer that decision implies.
async fn route_table_walk(backend: Backend) {
    let app = TestApp::start(backend).await;
    let anonymous = app.anonymous();
    let doc = anonymous.get("/api/v1/openapi.json").await.json();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let decided: BTreeSet<_> = tracecall::app::policies()
        .map(|p| (p.method.to_string(), p.path.to_string()))
        .collect();
    assert_eq!(
        documented, decided,
        "routes without a decision, or decisions without a route"
    );

    let mut clients = vec![(None, anonymous)];
    for role in Role::PEOPLE {
        clients.push((Some(role), app.login_as(role).await));
    }
    for policy in tracecall::app::policies() {
        let path = regex_lite_replace(policy.path);
        for (role, client) in &clients {
            // Logging out would end the session the later routes need: use a fresh one.
            let fresh;
            let client = match (role, policy.path, policy.method.as_str()) {
                (Some(r), "/api/v1/session", "DELETE") => {
                    fresh = app.login_as(*r).await;
                    &fresh
                }
                _ => client,
            };
            // Every method of the table, so the request is built from the policy itself.
            let mut request = client.request(policy.method.clone(), &path);
            if matches!(policy.method.as_str(), "POST" | "PUT" | "PATCH") {
                request = request.json(&serde_json::json!({}));
            }
            let status = client.send(request).await.status;
            let expected_denial = match (role, policy.access) {
                (_, Access::Public) => None,
                (None, _) => Some(401),
                (Some(r), access) if !access.admits(*r) => Some(403),
                _ => None,
            };
            let what = format!("{} {} as {:?}: {status}", policy.method, policy.path, role);
            match expected_denial {
                Some(code) => assert_eq!(status, code, "{what}"),
                None => {
                    assert!(status != 401 && status != 403, "{what}");
                    let op = &doc["paths"][policy.path][policy.method.as_str().to_lowercase()];
                    let required_query = op["parameters"].as_array().is_some_and(|ps| {
                        ps.iter()
                            .any(|p| p["in"] == "query" && p["required"] == true)
                    });
                    // A WebSocket route (documented as 101) tells a plain GET to upgrade.
                    let websocket = op["responses"].get("101").is_some();
                    if policy.method == "GET" && !policy.path.contains('{') {
                        let expected = match (websocket, required_query) {
                            (true, _) => 426,
                            (false, true) => 400,
                            (false, false) => 200,
                        };
                        assert_eq!(status, expected, "{what}");
                    }
                }
            }
        }
    }
    app.stop().await;
}
both_backends!(route_table_walk);

/// A machine token reaches the machine routes and the public ones, and nothing else: every
/// route of the table, walked with a telephony token.
async fn machine_token_walk(backend: Backend) {
    let app = TestApp::start(backend).await;
    let pbx = app.login_as(Role::Admin).await.new_pbx("pbx").await;
    for policy in tracecall::app::policies() {
        let path = regex_lite_replace(policy.path);
        let mut request = pbx.session.request(policy.method.clone(), &path);
        if matches!(policy.method.as_str(), "POST" | "PUT" | "PATCH") {
            request = request.json(&serde_json::json!({}));
        }
        let answer = pbx.session.send(request).await;
        let what = format!(
            "{} {} as a token: {}",
            policy.method, policy.path, answer.status
        );
        match policy.access {
            Access::Public => assert!(answer.status != 403, "{what}"),
            Access::Machine(roles) if roles.contains(&Role::Telephony) => {
                // Reached: only the signature (absent here) may stop it.
                assert!(answer.status != 403, "{what}");
                if answer.status == 401 {
                    assert!(
                        answer.text.contains("bad-signature"),
                        "{what}: {}",
                        answer.text
                    );
                }
            }
            _ => assert_eq!(answer.status, 403, "{what}"),
        }
    }
    app.stop().await;
}
both_backends!(machine_token_walk);

/// Every `{param}` of a route pattern replaced by a value that names nothing.
fn regex_lite_replace(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => inside = true,
            '}' => {
                inside = false;
                out.push_str("999999");
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}
