//! The public web form's backend: refused when sent back too soon or by a robot, every wrong
//! field named, a frozen cold-chain report routed to the pharmacists at high priority; one
//! address is not flooded with acknowledgments.

use mail_parser::MessageParser;
use secrecy::SecretString;

use super::repo;
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};

/// The cold-chain report of a pharmacy through the public web form.
pub(super) fn cold_chain_answers(frozen: bool) -> serde_json::Value {
    serde_json::json!({
        "is_cold_chain_report": true,
        "pharmacy_name": "Pharmacie du Parc",
        "pharmacy_postal_code": "1050",
        "reporter_name": "Claire Lemaire",
        "reporter_phone": "+32470123456",
        "product": "covid_mrna_vaccine",
        "batch_number": "FK1234",
        "doses_affected": 60,
        "min_temperature": if frozen { -3.5 } else { 4.0 },
        "max_temperature": 9.0,
        "duration_minutes": 45,
        "was_frozen": frozen,
        "decision": "quarantine_pending_advice",
        "fridge_back_in_range": true,
    })
}

/// The public web form's backend: a form sent back too soon, or with the hidden field
/// filled, is refused; every wrong field is named; a frozen cold-chain report goes to the
/// pharmacists of the pharma team at high priority, a minor one at the topic's priority;
/// the filer gets the acknowledgment.
async fn a_web_form_report_is_validated_and_routed(backend: Backend) {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let clock = std::sync::Arc::new(kernel::clock::ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_configured_on(backend, clock.clone(), move |c| {
        c.mail.smtp_url = Some(SecretString::from(smtp));
    })
    .await;
    let paths = [repo().join("scripts"), repo().join("forms")];
    tracecall::content::publish_clean(&app.kernel, &paths, "test")
        .await
        .unwrap();
    requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    let public = app.anonymous();
    let topics = public
        .get_query("/api/v1/requests/topics", &[("lang", "nl")])
        .await
        .expect_json(200);
    let ids: Vec<&str> = topics
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "cold_chain_break",
            "complaint",
            "data_correction",
            "document_request",
            "it_support"
        ]
    );
    assert_eq!(topics[0]["title"], "Onderbreking van de koudeketen");
    assert_eq!(topics[0]["form"], "cold_chain");
    let token = public
        .get("/api/v1/requests/form-token")
        .await
        .expect_json(200)["token"]
        .as_str()
        .unwrap()
        .to_string();
    let body = |frozen: bool, token: &str| {
        serde_json::json!({
            "topic": "cold_chain_break", "language": "fr", "name": "Claire Lemaire",
            "email": "claire@pharmacieduparc.be", "subject": "Frigo en panne cette nuit",
            "message": "Le frigo est tombé en panne cette nuit.", "token": token,
            "answers": cold_chain_answers(frozen),
        })
    };
    // Back faster than a person can fill it.
    let fast = public.post("/api/v1/requests", &body(true, &token)).await;
    assert_eq!(fast.status, 403, "{}", fast.text);
    clock.advance(chrono::Duration::seconds(20));
    let mut robot = body(true, &token);
    robot["website"] = serde_json::json!("http://spam.example");
    assert_eq!(public.post("/api/v1/requests", &robot).await.status, 403);
    // Every wrong field named.
    let mut wrong = body(true, &token);
    wrong["email"] = serde_json::json!("not an address");
    wrong["answers"]["doses_affected"] = serde_json::json!(0);
    wrong["answers"]
        .as_object_mut()
        .unwrap()
        .remove("batch_number");
    let refused = public.post("/api/v1/requests", &wrong).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    for field in ["email", "answers.doses_affected", "answers.batch_number"] {
        assert!(
            refused.text.contains(&format!("\"{field}\"")),
            "{field}: {}",
            refused.text
        );
    }
    let count = |app: &TestApp| {
        let pool = app.kernel.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM requests")
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(count(&app).await, 0, "nothing filed by a refused form");

    let filed = public.post("/api/v1/requests", &body(true, &token)).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let frozen = filed.body["ref"].as_str().unwrap().to_string();
    let minor = public
        .post("/api/v1/requests", &body(false, &token))
        .await
        .expect_json(201)["ref"]
        .as_str()
        .unwrap()
        .to_string();
    let routed = |reference: String| {
        let pool = app.kernel.db.pool().clone();
        async move {
            sqlx::query_as::<_, (String, Option<String>, String, String)>(
                "SELECT team, skill, priority, channel FROM requests WHERE ref = $1",
            )
            .bind(reference)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        routed(frozen.clone()).await,
        (
            "pharma".into(),
            Some("pharmacist".into()),
            "high".into(),
            "web".into()
        )
    );
    assert_eq!(
        routed(minor).await,
        ("pharma".into(), None, "normal".into(), "web".into())
    );
    let mails = sink.messages();
    assert_eq!(mails.len(), 2);
    let ack = MessageParser::default().parse(&mails[0]).unwrap();
    assert_eq!(
        ack.to().unwrap().first().unwrap().address().unwrap(),
        "claire@pharmacieduparc.be"
    );
    assert!(ack.subject().unwrap().contains(&frozen));
    // One e-mail address gets at most five acknowledgments an hour (two so far).
    for _ in 0..3 {
        assert_eq!(
            public
                .post("/api/v1/requests", &body(false, &token))
                .await
                .status,
            201
        );
    }
    let flood = public.post("/api/v1/requests", &body(false, &token)).await;
    assert_eq!(flood.status, 429, "{}", flood.text);
    assert_eq!(sink.messages().len(), 5);
    // The answers are sealed; staff read the message.
    let view = app
        .login_as(kernel::auth::Role::Supervisor)
        .await
        .get(&format!("/api/v1/requests/{frozen}"))
        .await
        .expect_json(200);
    assert_eq!(
        view["messages"][0]["body_text"],
        "Le frigo est tombé en panne cette nuit."
    );
    app.stop().await;
}
both_backends!(a_web_form_report_is_validated_and_routed);
