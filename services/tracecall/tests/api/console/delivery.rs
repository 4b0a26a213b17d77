//! Delivery: an agent issues a certificate and sends it; a real SMTP server (aiosmtpd)
//! receives it with the PDF attached and a one-time link in the holder's language, and no
//! name in the text. The link's landing page spends nothing; its button opens the citizen's
//! page once (the documents listed and downloadable for a short visit), then the link is
//! refused; a second link refused once its hours have passed, and the visit ends too.

use std::sync::Arc;

use chrono::{Duration, Utc};
use kernel::clock::ManualClock;
use mail_parser::{MessageParser, MimeHeaders};
use secrecy::SecretString;
use serde_json::json;

use super::reached::{autopilot, contact_reached};
use super::{agent, campaign_of, take_call};
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};

/// A browser of the citizen's: keeps cookies, follows the page's redirect.
fn citizen() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

async fn count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap()
}

/// The link's path (`/d/...`) in the text of message `raw`.
fn link_in(raw: &[u8]) -> String {
    let message = MessageParser::default().parse(raw).unwrap();
    let text = message.body_text(0).unwrap().to_string();
    let at = text
        .find("/d/")
        .unwrap_or_else(|| panic!("no link in {text}"));
    text[at..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_string()
}

async fn a_document_goes_by_email_and_its_link_opens_once(backend: Backend) {
    let sink = SmtpSink::start();
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let url = sink.url();
    let app = TestApp::start_configured_on(backend, clock.clone(), move |c| {
        c.mail.smtp_url = Some(SecretString::from(url));
        c.mail.from = "Centre de contact <tracing@example.be>".into();
    })
    .await;
    let day = (Utc::now() - Duration::days(2)).format("%Y-%m-%d");
    let csv = format!(
        "first_name,last_name,phone,email,birth_date,language,postal_code,case_type,test_date,exposure_date\n\
         Lena,Peeters,+32470120001,lena.peeters@example.be,1990-03-02,fr,1000,contact,{day},{day}\n"
    );
    campaign_of(&app, "contact", csv).await;
    let (mut c, email) = agent(&app).await;
    let call = take_call(&mut c).await;
    let code = call["case"]["code"].as_str().unwrap().to_string();
    let session = app.session(&email).await;
    let issued = session
        .post(
            "/api/v1/documents",
            &json!({"case": code, "kind": "quarantine_certificate"}),
        )
        .await;
    assert_eq!(issued.status, 201, "{}", issued.text);
    let id = issued.body["id"].as_str().unwrap().to_string();

    // The agent on the call lists the case's documents; another agent may not.
    let listed = session
        .get_query("/api/v1/documents", &[("case", code.as_str())])
        .await;
    assert_eq!(listed.status, 200, "{}", listed.text);
    assert_eq!(listed.body[0]["id"], id.as_str());
    assert_eq!(listed.body[0]["state"], "issued");
    assert_eq!(listed.body[0]["title"], "Certificat de quarantaine");
    let (_other, other_email) = agent(&app).await;
    let stranger = app.session(&other_email).await;
    let refused = stranger
        .get_query("/api/v1/documents", &[("case", code.as_str())])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    assert_eq!(
        stranger
            .post_empty(&format!("/api/v1/documents/{id}/email"))
            .await
            .status,
        404
    );

    let sent = session
        .post_empty(&format!("/api/v1/documents/{id}/email"))
        .await;
    assert_eq!(sent.status, 204, "{}", sent.text);
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    let message = MessageParser::default().parse(&mails[0]).unwrap();
    let to = message.to().unwrap().first().unwrap().address().unwrap();
    assert_eq!(to, "lena.peeters@example.be");
    let subject = message.subject().unwrap();
    assert!(subject.contains("Certificat de quarantaine"), "{subject}");
    let text = message.body_text(0).unwrap().to_string();
    assert!(
        !text.contains("Peeters") && !subject.contains("Peeters"),
        "{text}"
    );
    assert!(text.contains("/verify"), "{text}");
    let pdf = message.attachment(0).expect("the PDF is attached");
    assert_eq!(pdf.content_type().unwrap().subtype(), Some("pdf"));
    assert!(pdf.contents().starts_with(b"%PDF-"));
    let link = link_in(&mails[0]);
    // Only a digest of the link is kept.
    let token = link.trim_start_matches("/d/");
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM document_links")
        .fetch_all(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(token));

    // The landing page asks first (a mail scanner following the link spends nothing).
    let browser = citizen();
    for _ in 0..2 {
        let landing = browser.get(app.url(&link)).send().await.unwrap();
        assert_eq!(landing.status(), 200);
        let html = landing.text().await.unwrap();
        assert!(html.contains("open-documents"), "{html}");
        assert!(html.contains("lang=\"fr\""), "{html}");
    }
    let opened = browser.post(app.url(&link)).send().await.unwrap();
    assert_eq!(opened.status(), 200);
    assert!(opened.url().path() == "/d", "{}", opened.url());
    let html = opened.text().await.unwrap();
    assert!(html.contains(&format!("/d/documents/{id}")), "{html}");
    let download = browser
        .get(app.url(&format!("/d/documents/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert!(download.bytes().await.unwrap().starts_with(b"%PDF-"));
    assert_eq!(
        browser
            .get(app.url("/d/documents/00000000-0000-4000-8000-000000000000"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Spent: refused on another device, and its landing page says so.
    let other = citizen();
    assert_eq!(
        other.post(app.url(&link)).send().await.unwrap().status(),
        410
    );
    assert_eq!(
        other.get(app.url(&link)).send().await.unwrap().status(),
        410
    );
    let ended = |c: reqwest::Client| {
        let url = app.url("/d");
        async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.text().await.unwrap().contains("visit-ended")
        }
    };
    assert!(ended(other.clone()).await);
    assert_eq!(count(&app, "document.emailed").await, 1);
    assert_eq!(count(&app, "document.link_used").await, 1);
    assert_eq!(count(&app, "document.link_refused").await, 1);
    let by_citizen: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'document.downloaded' AND actor LIKE 'citizen:link:%'",
    )
    .fetch_one(app.kernel.db.pool())
    .await
    .unwrap();
    assert_eq!(by_citizen, 1);

    // A second mail's link, unopened past its hours: refused; the first visit has ended.
    assert_eq!(
        session
            .post_empty(&format!("/api/v1/documents/{id}/email"))
            .await
            .status,
        204
    );
    let second = link_in(&sink.messages()[1]);
    assert_ne!(second, link);

    // A reached call that asks for a certificate issues it and mails it by itself.
    let mut answers = contact_reached();
    answers["needs_certificate"] = json!(true);
    answers["certificate_for"] = json!("employer");
    assert_eq!(autopilot(&mut c, &call, &answers).await, "reached");
    let call_id = call["call_id"].as_str().unwrap();
    c.ok("finish", json!({"call_id": call_id, "outcome": "reached"}))
        .await;
    let mailed = loop {
        let all = sink.messages();
        if all.len() == 3 {
            break all;
        }
        tokio::task::yield_now().await;
    };
    let third = MessageParser::default().parse(&mailed[2]).unwrap();
    assert_eq!(
        third.to().unwrap().first().unwrap().address().unwrap(),
        "lena.peeters@example.be"
    );
    assert!(third.attachment(0).is_some());
    clock.advance(Duration::hours(documents::links::LINK_HOURS + 1));
    let late = citizen();
    assert_eq!(
        late.post(app.url(&second)).send().await.unwrap().status(),
        410
    );
    assert!(ended(browser.clone()).await);
    app.stop().await;
}
both_backends!(a_document_goes_by_email_and_its_link_opens_once);
