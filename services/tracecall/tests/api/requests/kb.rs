//! The knowledge base: `tracecall lint kb` passes the shipped articles and names a broken
//! one's file, line and column; published, its search answers in the asked language, keeps
//! staff articles from the public and counts "did this answer your question?".

use serde_json::json;

use super::repo;
use crate::support::{Backend, TestApp};

#[test]
fn lint_kb_passes_the_shipped_articles_and_names_a_broken_one() {
    let out = std::process::Command::new(crate::support::bin())
        .current_dir(repo())
        .args(["lint", "kb"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::support::cli::show(&out));
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb");
    std::fs::create_dir(&kb).unwrap();
    std::fs::write(
        kb.join("index.toml"),
        "[[article]]\nid = \"x\"\ntopics = [\"no_such_topic\"]\naudience = \"public\"\n\
         keywords = { fr = [\"a\"], nl = [\"a\"], en = [\"a\"] }\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("topics")).unwrap();
    std::fs::write(
        kb.join("x.fr.md"),
        "# Titre\n\nRésumé.\n\nTexte <b>gras</b>.\n",
    )
    .unwrap();
    std::fs::write(kb.join("x.en.md"), "# Title\n\nSummary.\n").unwrap();
    std::fs::write(kb.join("stray.fr.md"), "# Perdu\n\nRien.\n").unwrap();
    let out = std::process::Command::new(crate::support::bin())
        .arg("lint")
        .arg(&kb)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        crate::support::cli::show(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in [
        format!("{}:5:7: no HTML", kb.join("x.fr.md").display()),
        format!(
            "{}:2:6: article \"x\": no topic \"no_such_topic\"",
            kb.join("index.toml").display()
        ),
        format!(
            "{}:2:6: article \"x\" has no nl file",
            kb.join("index.toml").display()
        ),
        format!("{}:1:1: no entry", kb.join("stray.fr.md").display()),
    ] {
        assert!(
            stdout.contains(&expected),
            "expected {expected:?} in\n{stdout}"
        );
    }
}

async fn the_knowledge_base_answers_and_counts(backend: Backend) {
    let app = TestApp::start(backend).await;
    let paths = [repo().join("scripts"), repo().join("forms")];
    tracecall::content::publish_clean(&app.kernel, &paths, "test")
        .await
        .unwrap();
    requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    let (problems, done) = requests::kb_store::publish_dir(&app.kernel, &repo().join("kb"), "test")
        .await
        .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(done.len() >= 9);
    // The same content again is no new release.
    let (_, again) = requests::kb_store::publish_dir(&app.kernel, &repo().join("kb"), "test")
        .await
        .unwrap();
    assert!(again.iter().all(|(_, n, new)| *n == 1 && !new));
    let public = app.anonymous();
    let hits = public
        .get_query(
            "/api/v1/kb/search",
            &[
                ("q", "copie certificat employeur"),
                ("lang", "fr"),
                ("topic", "document_request"),
            ],
        )
        .await
        .expect_json(200);
    assert_eq!(hits[0]["id"], "quarantine-certificate-copy", "{hits}");
    assert!(hits[0]["title"].as_str().unwrap().contains("certificat"));
    let dutch = public
        .get_query(
            "/api/v1/kb/search",
            &[("q", "koelkast temperatuur"), ("lang", "nl")],
        )
        .await
        .expect_json(200);
    assert!(
        dutch[0]["id"].as_str().unwrap().starts_with("cold-chain"),
        "{dutch}"
    );
    // Staff articles: not for the public, found by agents, with an address for a reply.
    let password = public
        .get_query(
            "/api/v1/kb/search",
            &[("q", "mot de passe"), ("lang", "fr")],
        )
        .await
        .expect_json(200);
    assert!(password
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["id"] != "agent-password-and-two-factor"));
    assert_eq!(
        public
            .get("/help/agent-password-and-two-factor")
            .await
            .status,
        404
    );
    let agent = app.login_as(kernel::auth::Role::Agent).await;
    let staff = agent
        .get_query(
            "/api/v1/requests/kb",
            &[("q", "mot de passe"), ("lang", "fr")],
        )
        .await
        .expect_json(200);
    assert_eq!(staff[0]["id"], "agent-password-and-two-factor", "{staff}");
    assert!(staff[0]["url"].as_str().unwrap().starts_with("http"));
    assert_eq!(
        agent
            .get("/help/agent-password-and-two-factor")
            .await
            .status,
        200
    );
    // "Did this answer your question?"
    for helpful in [true, true, false] {
        let r = public
            .post(
                "/api/v1/kb/correct-my-data/feedback",
                &json!({"helpful": helpful, "lang": "nl"}),
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
    }
    assert_eq!(
        public
            .post(
                "/api/v1/kb/agent-password-and-two-factor/feedback",
                &json!({"helpful": true})
            )
            .await
            .status,
        404,
        "a staff article takes no public feedback"
    );
    let (yes, no): (i64, i64) = sqlx::query_as(
        "SELECT helpful, not_helpful FROM kb_feedback WHERE article_id = 'correct-my-data' AND language = 'nl'",
    )
    .fetch_one(app.kernel.db.pool())
    .await
    .unwrap();
    assert_eq!((yes, no), (2, 1));
    // A topic's form for the public page: the call form's fields, in the asked language.
    let form = public
        .get_query(
            "/api/v1/requests/topics/cold_chain_break/form",
            &[("lang", "nl")],
        )
        .await
        .expect_json(200);
    let ids: Vec<&str> = form["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"batch_number"), "{ids:?}");
    app.stop().await;
}
both_backends!(the_knowledge_base_answers_and_counts);
