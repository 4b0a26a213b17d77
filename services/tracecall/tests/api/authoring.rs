//! The author's API: a release keeps the files it was published from; edited files are
//! checked (each problem at its file, line and column, and what would change against the
//! newest release), previewed as an agent walks them before anything is published, then
//! published as the next release, which the diff names as changed. Only authors and admins
//! check and publish; supervisors read the files; agents neither.

use kernel::auth::Role;
use serde_json::{json, Value};

use crate::support::{Backend, TestApp};

const NEW_GREETING: &str =
    "Bonjour, ici {{agent.name}} du centre de contact : puis-je parler à {{person.first_name}} ?";

async fn an_author_checks_previews_publishes_and_compares(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.login_as(Role::Author).await;

    // The newest release of the contact script, and the files it was published from.
    let scripts = author.get("/api/v1/scripts").await.expect_json(200);
    let release = scripts["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["script_id"] == "contact")
        .cloned()
        .expect("the contact script is published at start");
    let id = release["id"].as_i64().unwrap();
    let number = release["number"].as_i64().unwrap();
    let sources = author
        .get(&format!("/api/v1/releases/{id}/sources"))
        .await
        .expect_json(200);
    let files: Vec<Value> = sources["files"].as_array().unwrap().clone();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"scripts/contact.toml"), "{paths:?}");
    assert!(paths.contains(&"forms/contact.toml"), "{paths:?}");
    assert!(
        paths.contains(&"scripts/blocks/verify_identity.toml"),
        "{paths:?}"
    );

    // Edited: the French greeting of the first step.
    let edit = |from: &str, to: &str| -> Vec<Value> {
        files
            .iter()
            .map(|f| {
                let mut f = f.clone();
                if f["path"] == "scripts/contact.toml" {
                    let text = f["content"].as_str().unwrap();
                    assert!(text.contains(from), "{from}");
                    f["content"] = json!(text.replacen(from, to, 1));
                }
                f
            })
            .collect()
    };
    let greeting = "say.fr = \"Bonjour, je m'appelle {{agent.name}} et je vous appelle du centre de contact Santé publique. Pourrais-je parler à {{person.first_name}} {{person.last_name}}, s'il vous plaît ?\"";
    let edited = edit(greeting, &format!("say.fr = \"{NEW_GREETING}\""));

    // A mistake is named at its file, line and column, and the check changes nothing.
    let broken = edit(
        "{ goto = \"end_wrong_number\" },",
        "{ goto = \"no_such_step\" },",
    );
    let checked = author
        .post("/api/v1/scripts/check", &json!({ "files": broken }))
        .await
        .expect_json(200);
    let problem = &checked["problems"][0];
    assert_eq!(problem["path"], "scripts/contact.toml", "{checked}");
    assert!(problem["line"].as_i64().unwrap() > 10, "{checked}");
    assert!(problem["column"].as_i64().unwrap() > 0, "{checked}");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("no_such_step"),
        "{checked}"
    );
    let preview = author
        .post(
            "/api/v1/scripts/preview",
            &json!({"files": broken, "script_id": "contact", "walk": {"answers": {}, "language": "fr"}}),
        )
        .await;
    assert_eq!(preview.status, 422, "{}", preview.text);

    // The edit is clean, and would change the first step only.
    let checked = author
        .post("/api/v1/scripts/check", &json!({ "files": edited }))
        .await
        .expect_json(200);
    assert_eq!(checked["problems"], json!([]), "{checked}");
    let contact = checked["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "contact")
        .unwrap();
    assert_eq!(contact["changed"], true);
    assert_eq!(contact["published"], number);
    assert_eq!(
        contact["diff"]["nodes_changed"],
        json!(["intro"]),
        "{contact}"
    );
    assert_eq!(contact["diff"]["fields_changed"], json!([]));

    // The preview walks the edited script before it is published, in each language.
    let walk = |language: &str, position: Value, answers: Value| {
        json!({"files": edited, "script_id": "contact",
               "walk": {"answers": answers, "language": language, "position": position,
                        "person": {"first_name": "Marie", "last_name": "Exemple"}}})
    };
    let fr = author
        .post(
            "/api/v1/scripts/preview",
            &walk("fr", Value::Null, json!({})),
        )
        .await
        .expect_json(200);
    assert_eq!(fr["view"]["position"], "intro");
    assert!(
        fr["view"]["say"]
            .as_str()
            .unwrap()
            .contains("puis-je parler à Marie ?"),
        "{fr}"
    );
    let nl = author
        .post(
            "/api/v1/scripts/preview",
            &walk("nl", Value::Null, json!({})),
        )
        .await
        .expect_json(200);
    assert!(
        nl["view"]["say"].as_str().unwrap().starts_with("Goeiedag"),
        "{nl}"
    );
    let next = author
        .post(
            "/api/v1/scripts/preview",
            &walk("fr", json!("intro"), json!({"answered_by": "someone_else"})),
        )
        .await
        .expect_json(200);
    assert_eq!(next["view"]["position"], "someone_else", "{next}");
    // Nothing was published by checking or previewing.
    let releases = author
        .get("/api/v1/scripts/contact/releases")
        .await
        .expect_json(200);
    assert_eq!(releases["releases"][0]["number"], number);

    // Published: the next release, its own files kept, the diff naming the step.
    let published = author
        .post("/api/v1/scripts/publish", &json!({ "files": edited }))
        .await
        .expect_json(200);
    let new = published["published"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["release"]["script_id"] == "contact")
        .unwrap()
        .clone();
    assert_eq!(new["new"], true);
    assert_eq!(new["release"]["number"], number + 1);
    let kept = author
        .get(&format!(
            "/api/v1/releases/{}/sources",
            new["release"]["id"]
        ))
        .await
        .expect_json(200);
    assert!(kept
        .to_string()
        .contains("puis-je parler à {{person.first_name}} ?"));
    let diff = author
        .get_query(
            "/api/v1/scripts/contact/diff",
            &[
                ("from", &number.to_string()),
                ("to", &(number + 1).to_string()),
            ],
        )
        .await
        .expect_json(200);
    assert_eq!(diff["nodes_changed"], json!(["intro"]), "{diff}");

    // Who may: a supervisor reads the files; an agent neither reads nor checks.
    let sup = app.login_as(Role::Supervisor).await;
    assert_eq!(
        sup.get(&format!("/api/v1/releases/{id}/sources"))
            .await
            .status,
        200
    );
    assert_eq!(
        sup.post("/api/v1/scripts/check", &json!({"files": edited}))
            .await
            .status,
        403
    );
    let agent = app.login_as(Role::Agent).await;
    assert_eq!(
        agent
            .get(&format!("/api/v1/releases/{id}/sources"))
            .await
            .status,
        403
    );
    assert_eq!(agent.get("/author").await.status, 403);
    let page = author.get("/author").await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("id=\"author\""));
    app.stop().await;
}
both_backends!(an_author_checks_previews_publishes_and_compares);
