//! Reports against a fixture computed by hand: four requests filed at one moment (two by a
//! tracing agent for themselves to IT support, one through the public form, one by mail),
//! answered, resolved, reopened and rated at known minutes on a moved clock. The dashboard
//! in between counts what is open, waiting and at risk.

use secrecy::SecretString;
use serde_json::json;

use super::{first_mail, repo};
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};
use kernel::auth::Role;
use kernel::clock::Clock;

async fn the_report_matches_the_hand_computed_fixture(backend: Backend) {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-11-02T08:00:00Z")
        .unwrap()
        .to_utc();
    let clock = std::sync::Arc::new(kernel::clock::ManualClock::new(t0));
    let app = TestApp::start_configured_on(backend, clock.clone(), move |c| {
        c.mail.smtp_url = Some(SecretString::from(smtp));
    })
    .await;
    requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    let (it_agent, it_agent_id) = app.add_user_with(Role::Agent, Some("it"), &["fr"]).await;
    let (tracer, _) = app
        .add_user_with(Role::Agent, Some("tracing"), &["fr"])
        .await;
    let (it_sup, _) = app
        .add_user_with(Role::Supervisor, Some("it"), &["fr"])
        .await;
    let (national, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    let public = app.anonymous();
    let token = public
        .get("/api/v1/requests/form-token")
        .await
        .expect_json(200)["token"]
        .as_str()
        .unwrap()
        .to_string();
    clock.advance(chrono::Duration::seconds(10));
    let start = clock.now();
    let at = |minutes: i64| {
        clock.set(start + chrono::Duration::minutes(minutes));
    };
    // Filed at one moment: r1 and r2 by the tracing agent for themselves, r3 on the public
    // form, r4 by mail.
    let staff = app.session(&tracer).await;
    let mut refs = Vec::new();
    for _ in 0..2 {
        let r = staff
            .post(
                "/api/v1/requests",
                &json!({"topic": "it_support", "language": "fr", "email": "", "subject": "Casque muet",
                        "message": "Plus de son dans le casque."}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        refs.push(r.body["ref"].as_str().unwrap().to_string());
    }
    let r3 = public
        .post(
            "/api/v1/requests",
            &json!({"topic": "document_request", "language": "fr", "email": "lea@example.be",
                    "subject": "Copie", "message": "Une copie svp.", "token": token}),
        )
        .await
        .expect_json(201)["ref"]
        .as_str()
        .unwrap()
        .to_string();
    refs.push(r3);
    // (In this process, on the moved clock: `tracecall mail receive` would run on the real one.)
    match requests::intake::receive(&app.kernel, first_mail().as_bytes(), None)
        .await
        .unwrap()
    {
        requests::intake::Outcome::New(r) => refs.push(r),
        other => panic!("{other}"),
    }
    let (department, channel): (Option<String>, String) =
        sqlx::query_as("SELECT department, channel FROM requests WHERE ref = $1")
            .bind(&refs[0])
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (department.as_deref(), channel.as_str()),
        (Some("tracing"), "web")
    );

    let reply = |who: String, r: String| {
        let app = &app;
        async move {
            let s = app.session(&who).await;
            let out = s
                .post(
                    &format!("/api/v1/requests/{r}/messages"),
                    &json!({"kind": "reply", "body": "Voici la réponse."}),
                )
                .await;
            assert_eq!(out.status, 204, "{}", out.text);
        }
    };
    let status = |who: String, r: String, to: &'static str| {
        let app = &app;
        async move {
            let s = app.session(&who).await;
            let out = s
                .post(
                    &format!("/api/v1/requests/{r}/status"),
                    &json!({"status": to}),
                )
                .await;
            assert_eq!(out.status, 204, "{}", out.text);
        }
    };
    at(30);
    reply(it_agent.clone(), refs[0].clone()).await;
    // The dashboard at 50 minutes: IT's r1 waits, r2 is at risk (10 of its 60 minutes left).
    at(50);
    let board = app
        .session(&it_sup)
        .await
        .get("/api/v1/requests/dashboard")
        .await
        .expect_json(200);
    assert_eq!(
        board["total"],
        json!({"open": 1, "waiting": 1, "at_risk": 1, "breached": 0, "unassigned": 0}),
        "{board}"
    );
    at(60);
    reply(tracer.clone(), refs[2].clone()).await;
    at(90);
    reply(tracer.clone(), refs[3].clone()).await;
    at(120);
    status(it_agent.clone(), refs[0].clone(), "resolved").await;
    at(180);
    status(tracer.clone(), refs[2].clone(), "resolved").await;
    at(200);
    status(tracer.clone(), refs[2].clone(), "open").await;
    at(240);
    status(tracer.clone(), refs[2].clone(), "resolved").await;
    for (r, rating) in [(&refs[0], 5), (&refs[2], 2)] {
        let id = requests::store::id_of(&app.kernel, r)
            .await
            .unwrap()
            .unwrap();
        let refused = requests::survey::record(&app.kernel, &id, rating, "", "test")
            .await
            .unwrap();
        assert_eq!(refused, None);
    }

    // By hand: first responses 30, 60, 90 min (median 60, p90 90); resolutions 120 and 240
    // (median 120, p90 240); 2 of 4 resolved; 1 of the 2 ever resolved reopened; ratings
    // 5 and 2.
    let sup = app.session(&national).await;
    let report = sup
        .get_query(
            "/api/v1/requests/report",
            &[("from", "2026-11-02"), ("to", "2026-11-02")],
        )
        .await
        .expect_json(200);
    assert_eq!(
        report["total"],
        json!({"requests": 4, "resolved": 2, "resolution_rate": 0.5,
               "first_response_median_minutes": 60, "first_response_p90_minutes": 90,
               "resolution_median_minutes": 120, "resolution_p90_minutes": 240,
               "reopen_rate": 0.5, "ratings": 2, "rating_average": 3.5}),
        "{report}"
    );
    let group = |list: &str, key: &str| {
        report[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"] == key)
            .unwrap_or_else(|| panic!("{list} {key} in {report}"))["figures"]
            .clone()
    };
    assert_eq!(group("channels", "email")["requests"], 1);
    assert_eq!(group("channels", "web")["requests"], 3);
    assert_eq!(
        group("topics", "it_support")["first_response_median_minutes"],
        30
    );
    assert_eq!(group("teams", "tracing")["resolution_median_minutes"], 240);
    assert_eq!(group("teams", "it")["resolution_rate"], 0.5);
    let agent = group("agents", &format!("Test agent (#{it_agent_id})"));
    assert_eq!(agent["requests"], 2);
    assert_eq!(agent["rating_average"], 5.0);
    assert_eq!(
        report["departments"],
        json!([{"team": "tracing", "requests": 2, "staff": 1, "per_ten_staff": 20.0}])
    );
    // The same as CSV.
    let csv = sup
        .get_query(
            "/api/v1/requests/report",
            &[
                ("from", "2026-11-02"),
                ("to", "2026-11-02"),
                ("format", "csv"),
            ],
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let lines: Vec<&str> = csv.text.lines().collect();
    assert_eq!(
        lines[1], "all,,4,2,0.5,60,90,120,240,0.5,2,3.5",
        "{}",
        csv.text
    );
    assert!(lines.contains(&"tracing,2,1,20"), "{}", csv.text);
    // A team's supervisor sees their team's only; a wrong period is named.
    let it = app
        .session(&it_sup)
        .await
        .get_query(
            "/api/v1/requests/report",
            &[("from", "2026-11-02"), ("to", "2026-11-02")],
        )
        .await
        .expect_json(200);
    assert_eq!(it["total"]["requests"], 2);
    let wrong = sup
        .get_query(
            "/api/v1/requests/report",
            &[("from", "2026-11-03"), ("to", "2026-11-02")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text.contains("\"to\""));
    app.stop().await;
}
both_backends!(the_report_matches_the_hand_computed_fixture);
