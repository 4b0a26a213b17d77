//! Bulk issue: a supervisor issues a certificate for every person of a campaign; the one who
//! already holds one is skipped, those with an address get it by mail (a real SMTP server),
//! the others make the print run, one PDF a letter a page, for the supervisor who started
//! it (audited). A job whose node stopped shows as interrupted and resumes without issuing
//! or mailing anything twice.

use std::process::Command;

use secrecy::SecretString;
use serde_json::{json, Value};

use super::{agent, campaign_of, take_call};
use crate::support::api::Session;
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};

async fn until_finished(sup: &Session, id: &str) -> Value {
    loop {
        let job = sup
            .get(&format!("/api/v1/documents/jobs/{id}"))
            .await
            .expect_json(200);
        if job["state"] != "running" {
            return job;
        }
        tokio::task::yield_now().await;
    }
}

async fn documents(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM documents")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap()
}

async fn a_campaign_gets_its_certificates_by_mail_and_print(backend: Backend) {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = TestApp::start_configured(backend, move |c| {
        c.mail.smtp_url = Some(SecretString::from(url));
    })
    .await;
    let day = (chrono::Utc::now() - chrono::Duration::days(3)).format("%Y-%m-%d");
    let mut csv = String::from(
        "first_name,last_name,phone,email,birth_date,language,postal_code,case_type,test_date,exposure_date\n",
    );
    for i in 0..4 {
        let email = if i < 2 {
            format!("ana{i}@example.be")
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "Ana{i},Peeters,+3247012{:04},{email},1985-07-30,fr,1000,contact,{day},{day}\n",
            3456 + i
        ));
    }
    let supervisor = campaign_of(&app, "contact", csv).await;
    // One person already holds a certificate, issued on a call.
    let (mut c, email) = agent(&app).await;
    let call = take_call(&mut c).await;
    let body = json!({"case": call["case"]["code"], "kind": "quarantine_certificate"});
    let first = app
        .session(&email)
        .await
        .post("/api/v1/documents", &body)
        .await;
    assert_eq!(first.status, 201, "{}", first.text);

    let sup = app.session(&supervisor).await;
    let campaign = sup.campaigns().await.expect_json(200)["campaigns"][0]["campaign"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let agent_try = app
        .session(&email)
        .await
        .post(
            "/api/v1/documents/jobs",
            &json!({"campaign": campaign, "kind": "quarantine_certificate"}),
        )
        .await;
    assert_eq!(agent_try.status, 403);
    let started = sup
        .post(
            "/api/v1/documents/jobs",
            &json!({"campaign": campaign, "kind": "quarantine_certificate", "email": true}),
        )
        .await
        .expect_json(202);
    assert_eq!(started["total"], 4);
    let id = started["id"].as_str().unwrap().to_string();
    let job = until_finished(&sup, &id).await;
    assert_eq!(job["state"], "done", "{job}");
    assert_eq!(job["issued"], 3, "{job}");
    assert_eq!(job["skipped"], 1, "{job}");
    let emailed = job["emailed"].as_i64().unwrap();
    let to_print = job["to_print"].as_i64().unwrap();
    assert_eq!(emailed + to_print, 3, "{job}");
    let mails = sink.messages();
    assert_eq!(mails.len() as i64, emailed);
    for raw in &mails {
        let m = mail_parser::MessageParser::default().parse(raw).unwrap();
        let to = m
            .to()
            .unwrap()
            .first()
            .unwrap()
            .address()
            .unwrap()
            .to_string();
        assert!(to == "ana0@example.be" || to == "ana1@example.be", "{to}");
        assert!(m.attachment(0).is_some());
    }

    // The print run: the letters that were not mailed, for whoever started the job.
    let response = app
        .login(&supervisor)
        .await
        .get(app.url(&format!("/api/v1/documents/jobs/{id}/letters")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("run.pdf");
    std::fs::write(&file, response.bytes().await.unwrap()).unwrap();
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages: i64 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap_or_else(|| panic!("{info}"))
        .trim()
        .parse()
        .unwrap();
    assert_eq!(pages, to_print, "{info}");
    let text = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert!(text.matches("Peeters").count() as i64 >= to_print, "{text}");
    let (other, _) = app
        .add_user_with(kernel::auth::Role::Supervisor, None, &["fr"])
        .await;
    let other = app.session(&other).await;
    assert_eq!(
        other
            .get(&format!("/api/v1/documents/jobs/{id}"))
            .await
            .status,
        200
    );
    assert_eq!(
        other
            .get(&format!("/api/v1/documents/jobs/{id}/letters"))
            .await
            .status,
        404
    );

    // A node stopped mid-run leaves it running with a stale heartbeat: interrupted; resumed,
    // it issues and mails nothing twice. A finished job is not resumed.
    assert_eq!(
        sup.post_empty(&format!("/api/v1/documents/jobs/{id}/resume"))
            .await
            .status,
        409
    );
    sqlx::query("UPDATE document_jobs SET state = 'running', heartbeat_at = 0, finished_at = NULL WHERE id = $1")
        .bind(&id)
        .execute(app.kernel.db.pool())
        .await
        .unwrap();
    let seen = sup
        .get(&format!("/api/v1/documents/jobs/{id}"))
        .await
        .expect_json(200);
    assert_eq!(seen["interrupted"], true, "{seen}");
    let before = documents(&app).await;
    sup.post_empty(&format!("/api/v1/documents/jobs/{id}/resume"))
        .await
        .expect_json(202);
    let again = until_finished(&sup, &id).await;
    assert_eq!(again["state"], "done");
    assert_eq!(
        (again["issued"].clone(), again["skipped"].clone()),
        (json!(3), json!(1))
    );
    assert_eq!(again["emailed"], emailed);
    assert_eq!(documents(&app).await, before);
    assert_eq!(sink.messages().len(), mails.len());
    app.stop().await;
}
both_backends!(a_campaign_gets_its_certificates_by_mail_and_print);
