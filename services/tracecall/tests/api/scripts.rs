//! Scripts and releases end to end: lint and publish from the CLI, the API for authors,
//! validation against a pinned release, on both backends.

use std::path::{Path, PathBuf};

use crate::support::{show, Backend, TestApp};
use kernel::auth::Role;
use serde_json::json;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn lint_command_on_shipped_and_broken_content() {
    let out = std::process::Command::new(crate::support::bin())
        .current_dir(root())
        .args(["lint", "scripts", "forms"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", show(&out));
    // A broken copy: exit 1 with path:line:column.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("forms/cold_chain.toml"),
        dir.path().join("cold_chain.toml"),
    )
    .unwrap();
    let text = std::fs::read_to_string(root().join("scripts/cold_chain.toml")).unwrap();
    let broken = text.replacen("start = \"", "start = \"nowhere_", 1);
    std::fs::write(dir.path().join("script.toml"), &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.starts_with("start = "))
        .unwrap()
        + 1;
    let out = std::process::Command::new(crate::support::bin())
        .arg("lint")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!(
        "{}:{line}:9: start node",
        dir.path().join("script.toml").display()
    );
    assert!(
        stdout.contains(&expected),
        "expected {expected:?} in\n{stdout}"
    );
}

#[test]
fn committed_json_schemas_are_current() {
    for (name, text) in tracecall::content::schemas() {
        let committed =
            std::fs::read_to_string(root().join("schemas").join(name)).unwrap_or_default();
        assert_eq!(
            committed, text,
            "schemas/{name} is stale: run tracecall schema --out schemas"
        );
    }
}

async fn releases_are_immutable_and_pinned(backend: Backend) {
    let app = TestApp::start(backend).await;
    let content = tempfile::tempdir().unwrap();
    for sub in ["scripts/blocks", "forms"] {
        std::fs::create_dir_all(content.path().join(sub)).unwrap();
    }
    for f in [
        "scripts/contact.toml",
        "scripts/blocks/verify_identity.toml",
        "forms/contact.toml",
    ] {
        std::fs::copy(root().join(f), content.path().join(f)).unwrap();
    }
    let paths = [content.path().join("scripts"), content.path().join("forms")];
    let args = |cmd: &str| {
        let mut v = vec![cmd.to_string()];
        v.extend(paths.iter().map(|p| p.display().to_string()));
        v
    };
    let publish = || {
        let a = args("publish");
        app.run_cli(&a.iter().map(String::as_str).collect::<Vec<_>>(), "")
    };
    // The application published the shipped content at start (as `serve` does): the same
    // files make no new release.
    let out = publish();
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("contact: release 1 (unchanged)"),
        "{}",
        show(&out)
    );

    // A change (a new optional field asked at the start) makes release 2.
    let form_path = content.path().join("forms/contact.toml");
    let mut form = std::fs::read_to_string(&form_path).unwrap();
    form.push_str("\n[[fields]]\nid = \"preferred_channel\"\ntype = \"text\"\nlabel = { fr = \"Canal\", nl = \"Kanaal\", en = \"Channel\", de = \"Kanal\" }\n");
    std::fs::write(&form_path, &form).unwrap();
    let out = publish();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("contact: release 2 (new)"),
        "{}",
        show(&out)
    );

    let author = app.login_as(Role::Author).await;
    let releases = author.releases("contact").await.json();
    let ids: Vec<i64> = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    let (new_id, old_id) = (ids[0], ids[1]);
    let diff = author.release_diff("contact", 1, 2).await.json();
    assert_eq!(diff["fields_added"], json!(["preferred_channel"]), "{diff}");
    let out = app.run_cli(&["diff", "contact", "1", "2"], "");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("+ field preferred_channel"),
        "{}",
        show(&out)
    );

    // A call pinned to release 1 still validates against release 1: the new field is unknown there.
    let agent = app.login_as(Role::Agent).await;
    let answers = json!({"answers": {"preferred_channel": "sms", "answered_by": "target_person"}, "language": "nl"});
    let old = agent.validate_answers(old_id, &answers).await;
    assert_eq!(old.status, 422);
    let problem = old.json();
    assert!(
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "preferred_channel" && e["code"] == "unknown_field"),
        "{problem}"
    );
    let problem = agent.validate_answers(new_id, &answers).await.json();
    assert!(
        !problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "preferred_channel"),
        "{problem}"
    );
    assert!(
        problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["code"] == "required" && e["message"] == "Dit veld is verplicht."),
        "{problem}"
    );

    // Navigation from the start fills placeholders with the agent's name.
    let next = agent
        .next_step(
            new_id,
            &json!({"answers": {}, "language": "fr", "person": {"first_name": "Ana", "last_name": "Peeters"}}),
        )
        .await
        .json();
    assert_eq!(next["step"]["position"], "intro");
    assert!(
        next["view"]["say"]
            .as_str()
            .unwrap()
            .contains("Ana Peeters"),
        "{next}"
    );

    // Publishing a broken file through the API is refused with the lint messages, and the
    // last good release stays.
    let bad = author
        .publish_scripts(&json!({"files": [{"path": "scripts/contact.toml", "content": "id = \"contact\"\nform = \"contact\"\nnodes = [\n"}]}))
        .await;
    assert_eq!(bad.status, 422);
    let problem = bad.json();
    assert!(
        problem["errors"][0]["field"]
            .as_str()
            .unwrap()
            .starts_with("scripts/contact.toml:"),
        "{problem}"
    );
    let list = author.scripts().await.json();
    let contact = list["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["script_id"] == "contact")
        .unwrap();
    assert_eq!(contact["number"], 2, "{list}");
    // Agents may not publish.
    assert_eq!(
        agent.publish_scripts(&json!({"files": []})).await.status,
        403
    );
    app.stop().await;
}
both_backends!(releases_are_immutable_and_pinned);
