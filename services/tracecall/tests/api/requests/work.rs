//! Who works a request and who is told: routing's skill then the least load decide the
//! agent; an @mention tells the person mentioned and no one else (on their console and by
//! mail); a request nearing its target reminds its agent, one past it escalates to the
//! team's supervisors, each once, on a moved clock.

use mail_parser::MessageParser;
use secrecy::SecretString;
use serde_json::json;

use super::repo;
use super::web::cold_chain_answers;
use crate::support::smtp::SmtpSink;
use crate::support::ws::Console;
use crate::support::{Backend, TestApp};
use kernel::auth::Role;

/// A service desk ready to file on: a real SMTP server, a moved clock, the shipped forms
/// and topics, and a web-form token old enough to be accepted.
pub(super) struct Desk {
    pub(super) app: TestApp,
    pub(super) sink: SmtpSink,
    pub(super) clock: std::sync::Arc<kernel::clock::ManualClock>,
    pub(super) token: String,
}

pub(super) async fn desk(backend: Backend) -> Desk {
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
    let token = app
        .anonymous()
        .get("/api/v1/requests/form-token")
        .await
        .expect_json(200)["token"]
        .as_str()
        .unwrap()
        .to_string();
    clock.advance(chrono::Duration::seconds(10));
    Desk {
        app,
        sink,
        clock,
        token,
    }
}

impl Desk {
    async fn file(&self, topic: &str, answers: Option<serde_json::Value>) -> String {
        let mut body = json!({"topic": topic, "language": "fr", "email": "demandeur@example.be",
            "subject": "Aide", "message": "Bonjour, merci de m'aider.", "token": self.token});
        if let Some(a) = answers {
            body["answers"] = a;
        }
        let r = self.app.anonymous().post("/api/v1/requests", &body).await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body["ref"].as_str().unwrap().to_string()
    }

    async fn assignee(&self, reference: &str) -> Option<i64> {
        sqlx::query_scalar("SELECT assignee FROM requests WHERE ref = $1")
            .bind(reference)
            .fetch_one(self.app.kernel.db.pool())
            .await
            .unwrap()
    }

    async fn notices(&self, email: &str, kind: &str) -> usize {
        let s = self.app.session(email).await;
        let all = s.get("/api/v1/requests/notices").await.expect_json(200);
        all.as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == kind)
            .count()
    }

    /// The mails sent to `to` so far.
    fn mails_to(&self, to: &str) -> Vec<String> {
        self.sink
            .messages()
            .iter()
            .filter_map(|m| {
                let p = MessageParser::default().parse(m)?;
                let rcpt = p.to()?.first()?.address()?.to_string();
                (rcpt == to).then(|| p.subject().unwrap_or_default().to_string())
            })
            .collect()
    }
}

/// A frozen cold-chain report needs a pharmacist: the least-loaded agent with the skill
/// gets it; a minor one goes to the least-loaded agent of the team, skilled or not.
async fn requests_go_to_the_least_loaded_qualified_agent(backend: Backend) {
    let d = desk(backend).await;
    let app = &d.app;
    let (_, p1) = app
        .add_user_with(Role::Agent, Some("pharma"), &["fr"])
        .await;
    let (_, p2) = app
        .add_user_with(Role::Agent, Some("pharma"), &["fr"])
        .await;
    let (_, p3) = app
        .add_user_with(Role::Agent, Some("pharma"), &["fr"])
        .await;
    let (sup, _) = app
        .add_user_with(Role::Supervisor, Some("pharma"), &["fr"])
        .await;
    let sup = app.session(&sup).await;
    for p in [p1, p3] {
        let r = sup
            .put(
                &format!("/api/v1/requests/skills/{p}"),
                &json!({"skills": ["Pharmacist"]}),
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
    }
    let bad = sup
        .put(
            &format!("/api/v1/requests/skills/{p2}"),
            &json!({"skills": ["ok", "not a skill!"]}),
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text.contains("skills[1]"), "{}", bad.text);
    let first = d
        .file("cold_chain_break", Some(cold_chain_answers(true)))
        .await;
    let second = d
        .file("cold_chain_break", Some(cold_chain_answers(true)))
        .await;
    let minor = d
        .file("cold_chain_break", Some(cold_chain_answers(false)))
        .await;
    assert_eq!(d.assignee(&first).await, Some(p1));
    assert_eq!(d.assignee(&second).await, Some(p3), "p1 already has one");
    assert_eq!(
        d.assignee(&minor).await,
        Some(p2),
        "no skill needed: the least loaded"
    );
    let listed = sup.get("/api/v1/requests/skills").await.expect_json(200);
    let load_of = |id: i64| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["user"] == id)
            .map(|a| (a["load"].as_i64().unwrap(), a["skills"].clone()))
            .unwrap()
    };
    assert_eq!(load_of(p1), (1, json!(["pharmacist"])));
    assert_eq!(load_of(p2).0, 1);
    // An agent takes a request; they cannot hand it to someone else.
    let (p2_email, _) = (
        sqlx::query_scalar::<_, String>("SELECT email FROM users WHERE id = $1")
            .bind(p2)
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap(),
        (),
    );
    let agent = app.session(&p2_email).await;
    let take = agent
        .post(
            &format!("/api/v1/requests/{first}/assignee"),
            &json!({"user": p2}),
        )
        .await;
    assert_eq!(take.status, 204, "{}", take.text);
    assert_eq!(d.assignee(&first).await, Some(p2));
    let give = agent
        .post(
            &format!("/api/v1/requests/{first}/assignee"),
            &json!({"user": p3}),
        )
        .await;
    assert_eq!(give.status, 403);
    d.app.stop().await;
}
both_backends!(requests_go_to_the_least_loaded_qualified_agent);

/// A note mentioning one colleague tells that colleague only: a notice, a push on their
/// console and a mail; nobody else of the team hears of it. A name nobody who can read the
/// request answers to is refused and nothing is written.
async fn a_mention_tells_the_mentioned_only(backend: Backend) {
    let d = desk(backend).await;
    let app = &d.app;
    let (mentioned, _) = app.add_user_with(Role::Agent, Some("it"), &["fr"]).await;
    let (bystander, _) = app.add_user_with(Role::Agent, Some("it"), &["fr"]).await;
    let (outsider, _) = app
        .add_user_with(Role::Agent, Some("tracing"), &["fr"])
        .await;
    let (writer, _) = app
        .add_user_with(Role::Supervisor, Some("it"), &["fr"])
        .await;
    let reference = d.file("it_support", None).await;
    let mut console = Console::of(app, &mentioned).await;
    let sup = app.session(&writer).await;
    let path = format!("/api/v1/requests/{reference}/messages");
    let thread_len = || async {
        sup.get(&format!("/api/v1/requests/{reference}"))
            .await
            .expect_json(200)["messages"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = thread_len().await;
    let handle = |email: &str| email.split('@').next().unwrap().to_string();
    for (who, why) in [
        ("nobody.here", "unknown"),
        (handle(&outsider).as_str(), "another team"),
    ] {
        let r = sup
            .post(
                &path,
                &json!({"kind": "note", "body": format!("@{who} peux-tu regarder ?")}),
            )
            .await;
        assert_eq!(r.status, 422, "{why}: {}", r.text);
        assert!(r.text.contains(&format!("@{who}")), "{}", r.text);
    }
    assert_eq!(thread_len().await, before, "a refused note writes nothing");
    let mails_before = d.sink.messages().len();
    let note = sup
        .post(
            &path,
            &json!({"kind": "note", "body": format!("@{} peux-tu regarder ? Merci.", handle(&mentioned))}),
        )
        .await;
    assert_eq!(note.status, 204, "{}", note.text);
    let push = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        console.wait_for("request_notice", |p| p["kind"] == "mention"),
    )
    .await
    .expect("a push on the mentioned agent's console");
    assert_eq!(push["ref"], reference.as_str());
    assert_eq!(d.notices(&mentioned, "mention").await, 1);
    assert_eq!(d.notices(&bystander, "mention").await, 0);
    assert_eq!(d.notices(&writer, "mention").await, 0);
    assert_eq!(d.sink.messages().len(), mails_before + 1, "one mail");
    let to_mentioned = d.mails_to(&mentioned);
    assert_eq!(to_mentioned.len(), 1, "{to_mentioned:?}");
    assert!(to_mentioned[0].contains(&reference));
    assert!(d.mails_to(&bystander).is_empty());
    // The mail names the request, not what the note said.
    let last = d.sink.messages().pop().unwrap();
    assert!(!String::from_utf8_lossy(&last).contains("peux-tu regarder"));
    d.app.stop().await;
}
both_backends!(a_mention_tells_the_mentioned_only);

/// IT support must be answered within an hour: with a quarter of it left the agent is
/// reminded, once; past it the team's supervisor is told and the priority rises; answering
/// moves the next target to the resolution.
async fn a_target_reminds_then_escalates(backend: Backend) {
    let d = desk(backend).await;
    let app = &d.app;
    let (agent, agent_id) = app.add_user_with(Role::Agent, Some("it"), &["fr"]).await;
    let (sup, _) = app
        .add_user_with(Role::Supervisor, Some("it"), &["fr"])
        .await;
    let reference = d.file("it_support", None).await;
    assert_eq!(d.assignee(&reference).await, Some(agent_id));
    let k = &app.kernel;
    assert_eq!(requests::reminders::sweep(k).await.unwrap(), 0, "on time");
    d.clock.advance(chrono::Duration::minutes(46));
    assert_eq!(requests::reminders::sweep(k).await.unwrap(), 1);
    assert_eq!(requests::reminders::sweep(k).await.unwrap(), 0, "once");
    assert_eq!(d.notices(&agent, "reminder").await, 1);
    assert_eq!(d.notices(&sup, "reminder").await, 0);
    assert_eq!(d.mails_to(&agent).len(), 1);
    d.clock.advance(chrono::Duration::minutes(15));
    assert_eq!(requests::reminders::sweep(k).await.unwrap(), 1);
    assert_eq!(requests::reminders::sweep(k).await.unwrap(), 0, "once");
    assert_eq!(d.notices(&sup, "escalation").await, 1);
    assert_eq!(d.notices(&agent, "escalation").await, 0);
    assert_eq!(d.mails_to(&sup).len(), 1);
    let priority: String = sqlx::query_scalar("SELECT priority FROM requests WHERE ref = $1")
        .bind(&reference)
        .fetch_one(k.db.pool())
        .await
        .unwrap();
    assert_eq!(priority, "urgent", "high, one step up");
    let escalated: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'request.escalated'")
            .fetch_one(k.db.pool())
            .await
            .unwrap();
    assert_eq!(escalated, 1);
    d.app.stop().await;
}
both_backends!(a_target_reminds_then_escalates);
