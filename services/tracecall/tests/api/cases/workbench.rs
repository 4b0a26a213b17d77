//! The supervisors' import page API and case list: an import runs as a job whose progress
//! and report (every rejected line by its line number) any node can tell, only to whoever
//! started it; the case list shows the cases of the supervisor's jurisdiction, filtered, with
//! no personal data, and is audited.

use kernel::auth::Role;

use crate::support::{Backend, TestApp};

fn csv() -> String {
    let mut s = String::from("last_name,first_name,phone,postal_code,case_type,birth_date\n");
    // Lines 2..=7: four in Brussels, two in Ghent; line 5 has a bad phone, line 7 no type.
    s.push_str("Vandamme,Ilse,+32470100001,1000,index,1980-01-01\n");
    s.push_str("Moreau,Luc,+32470100002,1050,contact,1975-05-05\n");
    s.push_str("Lambert,Eva,not-a-phone,1000,contact,1990-02-02\n");
    s.push_str("Peeters,Jan,+32470100004,9000,index,1960-06-06\n");
    s.push_str("Claes,An,+32470100005,9000,,1970-07-07\n");
    s.push_str("Dubois,Marc,+32470100006,1020,contact,2000-03-03\n");
    s
}

async fn an_import_job_reports_its_lines_and_the_case_list_its_cases(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (sup_email, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    let sup = app.session(&sup_email).await;

    // Not UTF-8: refused before any job exists, naming the line.
    let latin1 = b"last_name,phone,case_type\nM\xfcller,+32470100009,index\n".to_vec();
    let refused = sup
        .post_text("/api/v1/cases/imports", "text/csv", latin1)
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.text.contains("line 2"), "{}", refused.text);

    let started = sup
        .post_text("/api/v1/cases/imports", "text/csv", csv())
        .await
        .expect_json(202);
    assert_eq!(started["state"], "running");
    assert_eq!(started["rows_estimate"], 6);
    let id = started["id"].as_str().unwrap().to_string();

    let job = loop {
        let job = sup
            .get(&format!("/api/v1/cases/imports/{id}"))
            .await
            .expect_json(200);
        if job["state"] != "running" {
            break job;
        }
        assert_eq!(job["interrupted"], false, "{job}");
        tokio::task::yield_now().await;
    };
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(job["rows_read"], 6);
    let report = &job["report"];
    assert_eq!(report["cases_created"], 4, "{report}");
    assert_eq!(report["rejected_count"], 2);
    let lines: Vec<i64> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, vec![4, 6], "{report}");
    assert!(report["rejected"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("phone"));
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT report FROM import_jobs WHERE id = $1")
        .bind(&id)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&sealed).contains("not-a-phone"),
        "the report is sealed"
    );
    let mine = sup.get("/api/v1/cases/imports").await.expect_json(200);
    assert_eq!(mine[0]["id"], id.as_str());
    assert!(mine[0]["report"].is_null(), "the list carries no report");

    // Another supervisor does not see it; an agent may not import.
    let (other_email, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    let other = app.session(&other_email).await;
    assert_eq!(
        other
            .get(&format!("/api/v1/cases/imports/{id}"))
            .await
            .status,
        404
    );
    let (agent_email, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let agent = app.session(&agent_email).await;
    assert_eq!(
        agent
            .post_text("/api/v1/cases/imports", "text/csv", csv())
            .await
            .status,
        403
    );
    assert_eq!(agent.get("/api/v1/cases").await.status, 403);

    // The case list: every case for a national supervisor, filtered, no personal data.
    let all = sup.get("/api/v1/cases").await.expect_json(200);
    assert_eq!(all["total"], 4, "{all}");
    let text = all.to_string();
    for name in ["Vandamme", "Moreau", "Peeters", "Dubois", "+3247"] {
        assert!(!text.contains(name), "{name} in {text}");
    }
    let keys: Vec<&String> = all["rows"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "age_band",
            "case_type",
            "closed_at",
            "code",
            "created_at",
            "region",
            "status"
        ]
    );
    let index = sup
        .get("/api/v1/cases?case_type=index")
        .await
        .expect_json(200);
    assert_eq!(index["total"], 2);
    let brussels = sup.get("/api/v1/cases?region=BRU").await.expect_json(200);
    assert_eq!(brussels["total"], 3, "{brussels}");
    let closed = sup
        .get("/api/v1/cases?status=closed")
        .await
        .expect_json(200);
    assert_eq!(closed["total"], 0);
    let bad = sup.get("/api/v1/cases?case_type=friend").await;
    assert_eq!(bad.status, 400, "{}", bad.text);
    assert!(bad.text.contains("case_type"), "{}", bad.text);

    // A Flemish team's supervisor sees the Ghent cases only.
    app.add_team("vlaanderen", &["flanders"]).await;
    let (team_email, _) = app
        .add_user_with(Role::Supervisor, Some("vlaanderen"), &["nl"])
        .await;
    let team = app.session(&team_email).await;
    let theirs = team.get("/api/v1/cases").await.expect_json(200);
    assert_eq!(theirs["total"], 1, "{theirs}");
    assert_eq!(theirs["rows"][0]["region"], "OVL");

    let listed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'cases.listed'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(listed, 5);
    app.stop().await;
}
both_backends!(an_import_job_reports_its_lines_and_the_case_list_its_cases);
