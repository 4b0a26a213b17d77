//! The requester's side: the acknowledgment's one-time link opens the request's page once
//! (a landing page spends nothing), the page shows the thread without the staff's notes,
//! takes an answer with a file (which opens a waiting request again), and after resolution
//! the survey arrives by mail and the rating is recorded once, its comment sealed.

use mail_parser::MessageParser;
use secrecy::SecretString;

use super::{first_mail, receive, repo};
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};

/// The address of the requester's page in a mail's text.
fn link_in(mail: &[u8]) -> String {
    let parsed = MessageParser::default().parse(mail).unwrap();
    let text = parsed.body_text(0).unwrap().to_string();
    let at = text
        .find("/r/")
        .unwrap_or_else(|| panic!("no link in {text}"));
    let start = text[..at].rfind("http").unwrap();
    text[start..]
        .split(|c: char| c.is_whitespace() || c == ')')
        .next()
        .unwrap()
        .to_string()
}

async fn page(client: &reqwest::Client, url: &str) -> (u16, String) {
    let r = client.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn the_requester_follows_answers_and_rates(backend: Backend) {
    let sink = SmtpSink::start();
    let smtp = sink.url();
    let clock = std::sync::Arc::new(kernel::clock::ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_configured_on(backend, clock.clone(), move |c| {
        c.mail.smtp_url = Some(SecretString::from(smtp));
        c.mail.from = "Centre de contact <contact@tracing.example.be>".into();
    })
    .await;
    requests::store::publish_dir(&app.kernel, &repo().join("topics"), "test")
        .await
        .unwrap();
    let reference = receive(&app, &first_mail())
        .trim_start_matches("request ")
        .to_string();
    // (The deployment's public address is its listen address here, not the test's port.)
    let link = link_in(&sink.messages()[0]);
    let link = app.url(&link[link.find("/r/").unwrap()..]);
    let token = link.rsplit('/').next().unwrap().to_string();

    // The landing page spends nothing: a mail scanner can follow it.
    let citizen = TestApp::client();
    for _ in 0..2 {
        let (status, html) = page(&citizen, &link).await;
        assert_eq!(status, 200);
        assert!(html.contains("open-request"), "{html}");
    }
    let opened = citizen.post(&link).send().await.unwrap();
    assert_eq!(opened.status(), 200, "the button leads to the request");
    assert!(opened
        .headers()
        .get("cache-control")
        .is_some_and(|v| v == "no-store"));
    let html = opened.text().await.unwrap();
    assert!(html.contains(&reference), "{html}");
    assert!(
        html.contains("Reçue"),
        "the status, in the request's language"
    );
    assert!(
        html.contains("mon employeur demande un certificat"),
        "{html}"
    );
    assert!(html.contains("lettre.pdf"));
    // Once: on another device the link is spent.
    let other = TestApp::client();
    let again = other.post(&link).send().await.unwrap();
    assert_eq!(again.status(), 410);
    // Only the secret's digest is stored.
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM request_links WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(stored, 0);

    // Staff write a note (never shown to the requester) and an answer that waits for them.
    let sup = app.login_as(kernel::auth::Role::Supervisor).await;
    let messages = format!("/api/v1/requests/{reference}/messages");
    for (kind, body) in [
        ("note", "Dossier interne : vérifier l'adresse."),
        ("reply", "Pouvez-vous nous envoyer votre carte d'identité ?"),
    ] {
        let r = sup
            .post(&messages, &serde_json::json!({"kind": kind, "body": body}))
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
    }
    let (_, html) = page(&citizen, &app.url("/r")).await;
    assert!(html.contains("Pouvez-vous nous envoyer"));
    assert!(!html.contains("Dossier interne"), "notes stay internal");
    assert!(html.contains("En attente de votre réponse"));

    // An empty answer is refused on the page, naming what is missing.
    let empty = reqwest::multipart::Form::new().text("body", "  ");
    let refused = citizen
        .post(app.url("/r/reply"))
        .multipart(empty)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Écrivez un message"));
    // The answer with a file joins the thread and opens the request again.
    let form = reqwest::multipart::Form::new()
        .text("body", "Voici ma carte.")
        .part(
            "files",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 identity card".to_vec())
                .file_name("carte.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let sent = citizen
        .post(app.url("/r/reply"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    let html = sent.text().await.unwrap();
    assert!(html.contains("Voici ma carte.") && html.contains("carte.pdf"));
    let view = sup
        .get(&format!("/api/v1/requests/{reference}"))
        .await
        .expect_json(200);
    assert_eq!(view["status"], "open");
    let last = view["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["direction"], "in");
    assert_eq!(last["attachments"][0]["name"], "carte.pdf");
    // Its file downloads from the page, as sent.
    let file_id = last["attachments"][0]["id"].as_str().unwrap();
    let file = citizen
        .get(app.url(&format!("/r/files/{file_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(
        file.bytes().await.unwrap().as_ref(),
        b"%PDF-1.4 identity card"
    );

    // No rating before it is resolved.
    let early = citizen
        .post(app.url("/r/rating"))
        .form(&[("rating", "5")])
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), 409);
    // Resolution mails the survey, with a fresh link.
    let before = sink.messages().len();
    let resolved = sup
        .post(
            &format!("/api/v1/requests/{reference}/status"),
            &serde_json::json!({"status": "resolved"}),
        )
        .await;
    assert_eq!(resolved.status, 204, "{}", resolved.text);
    let mails = sink.messages();
    assert_eq!(mails.len(), before + 1, "the survey");
    let survey = MessageParser::default().parse(&mails[before]).unwrap();
    assert!(survey.subject().unwrap().contains(&reference));
    assert!(survey.subject().unwrap().contains("qu'en pensez-vous"));
    assert_ne!(link_in(&mails[before]), link);
    let rated = citizen
        .post(app.url("/r/rating"))
        .form(&[("rating", "4"), ("comment", "Rapide et clair")])
        .send()
        .await
        .unwrap();
    assert_eq!(rated.status(), 200);
    assert!(rated.text().await.unwrap().contains("4 sur 5"));
    let (rating, comment): (Option<i64>, Option<Vec<u8>>) =
        sqlx::query_as("SELECT rating, rating_comment FROM requests WHERE ref = $1")
            .bind(&reference)
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(rating, Some(4));
    let comment = comment.unwrap();
    assert!(
        !comment.windows(6).any(|w| w == b"Rapide"),
        "the comment is sealed"
    );
    let twice = citizen
        .post(app.url("/r/rating"))
        .form(&[("rating", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), 409, "rated once");
    // What the visitor did is audited against their link.
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE actor LIKE 'citizen:link:%' ORDER BY id",
    )
    .fetch_all(app.kernel.db.pool())
    .await
    .unwrap();
    for a in [
        "request.viewed",
        "request.replied",
        "request.file_downloaded",
        "request.rated",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // The visit ends: the page says how to get back, without the request.
    clock.advance(chrono::Duration::minutes(31));
    let (status, html) = page(&citizen, &app.url("/r")).await;
    assert_eq!(status, 200);
    assert!(html.contains("visit-ended") && !html.contains(&reference));
    app.stop().await;
}
both_backends!(the_requester_follows_answers_and_rates);
