//! Requests in a real browser: a citizen opens the public page, looks at the cold-chain
//! topic's form (the call form's fields), then asks for a copy of a certificate; while they
//! type, the help article that answers it is suggested. They send the request, the
//! acknowledgment reaches a real SMTP server, and its one-time link opens the request's
//! page, where they answer. The article's page takes "did this answer your question?".
//! Screenshots of each, axe-core on each.

use secrecy::SecretString;

use super::axe::no_serious_violations;
use super::{click, log_in, shot, until, Driver};
use crate::support::smtp::SmtpSink;
use crate::support::{Backend, TestApp};
use kernel::auth::Role;

async fn scroll_to(c: &fantoccini::Client, css: &str) {
    c.execute(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_files_a_request_and_follows_it_in_the_browser() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let clock = std::sync::Arc::new(kernel::clock::ManualClock::new(chrono::Utc::now()));
    let app = TestApp::start_configured_on(Backend::Sqlite, clock.clone(), move |c| {
        c.mail.smtp_url = Some(SecretString::from(url));
    })
    .await;
    let repo = super::repo();
    tracecall::content::publish_clean(
        &app.kernel,
        &[repo.join("scripts"), repo.join("forms")],
        "test",
    )
    .await
    .unwrap();
    requests::store::publish_dir(&app.kernel, &repo.join("topics"), "test")
        .await
        .unwrap();
    let (problems, _) = requests::kb_store::publish_dir(&app.kernel, &repo.join("kb"), "test")
        .await
        .unwrap();
    assert!(problems.is_empty(), "{problems:?}");

    // The tracing team's agent, who will have the request.
    let (agent_email, _) = app
        .add_user_with(Role::Agent, Some("tracing"), &["fr"])
        .await;
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let citizen = driver.browser(&profiles.path().join("citizen")).await;
    citizen
        .goto(&app.url("/requests/new?lang=fr"))
        .await
        .unwrap();
    until(
        &citizen,
        "document.querySelectorAll('input[name=topic]').length === 5",
    )
    .await;
    no_serious_violations(&citizen, "new request (fr)").await;
    // The cold-chain topic brings its form: the call form's fields.
    click(&citizen, "input[value=cold_chain_break]").await;
    until(
        &citizen,
        "document.querySelector('[name=\"answers.batch_number\"]')",
    )
    .await;
    scroll_to(&citizen, "#topic-form").await;
    shot(&citizen, "60-request-cold-chain-form").await;
    no_serious_violations(&citizen, "new request, cold-chain form (fr)").await;
    // A certificate copy: no form; the article that answers it comes up while typing.
    click(&citizen, "input[value=document_request]").await;
    until(
        &citizen,
        "!document.querySelector('[name=\"answers.batch_number\"]')",
    )
    .await;
    citizen
        .execute(
            "const s = document.querySelector('#subject');
             s.value = 'Copie de mon certificat de quarantaine';
             s.dispatchEvent(new Event('input', { bubbles: true }));
             document.querySelector('#message').value = 'Bonjour, mon employeur demande une copie du certificat.';
             document.querySelector('#name').value = 'Léa Dubois';
             document.querySelector('#email').value = 'lea.dubois@example.be';",
            vec![],
        )
        .await
        .unwrap();
    until(
        &citizen,
        "[...document.querySelectorAll('#suggestion-list a')].some(a => a.href.includes('/help/quarantine-certificate-copy'))",
    )
    .await;
    scroll_to(&citizen, "#subject").await;
    shot(&citizen, "61-request-suggestions").await;
    // A person takes longer than the form's minimum to write this.
    clock.advance(chrono::Duration::seconds(30));
    click(&citizen, "#send-request").await;
    until(&citizen, "!document.querySelector('#filed').hidden").await;
    let text = citizen
        .execute(
            "return document.querySelector('#filed-text').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let text = text.as_str().unwrap().to_string();
    let reference = text
        .split_whitespace()
        .find(|w| w.starts_with("R-"))
        .unwrap()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    shot(&citizen, "62-request-filed").await;
    no_serious_violations(&citizen, "request filed (fr)").await;

    // The acknowledgment's link opens the request's page.
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    let body = mail_parser::MessageParser::default()
        .parse(&mails[0])
        .unwrap()
        .body_text(0)
        .unwrap()
        .to_string();
    assert!(body.contains(&reference), "{body}");
    let at = body.find("/r/").unwrap();
    let link = body[at..].split_whitespace().next().unwrap().to_string();
    let follower = driver.browser(&profiles.path().join("follower")).await;
    follower.goto(&app.url(&link)).await.unwrap();
    until(&follower, "document.querySelector('#open-request')").await;
    no_serious_violations(&follower, "request link landing (fr)").await;
    click(&follower, "#open-request").await;
    // Each of these buttons posts and a new page comes: WebDriver's own wait survives it.
    follower
        .wait()
        .for_element(fantoccini::Locator::Css("#request-status"))
        .await
        .unwrap();
    let page = follower
        .execute("return document.querySelector('main').textContent;", vec![])
        .await
        .unwrap();
    let page = page.as_str().unwrap();
    assert!(
        page.contains(&reference) && page.contains("Reçue"),
        "{page}"
    );
    assert!(page.contains("mon employeur demande une copie"), "{page}");
    no_serious_violations(&follower, "request page (fr)").await;
    follower
        .execute(
            "document.querySelector('#body').value = 'J\\'ajoute mon numéro de dossier : 4711.';",
            vec![],
        )
        .await
        .unwrap();
    click(&follower, "#send-answer").await;
    follower
        .wait()
        .for_element(fantoccini::Locator::Css(
            ".request-message.mine ~ .request-message.mine",
        ))
        .await
        .unwrap();
    shot(&follower, "63-request-page").await;

    // The agent answers from the requests page; the requester's page shows the answer.
    let agent = driver.browser(&profiles.path().join("agent")).await;
    log_in(&agent, &app, &agent_email).await;
    // A colleague mentions the agent in a note: the console says so, and links to it.
    let (colleague, _) = app
        .add_user_with(Role::Supervisor, Some("tracing"), &["fr"])
        .await;
    let handle = agent_email.split('@').next().unwrap().to_string();
    let noted = app
        .session(&colleague)
        .await
        .post(
            &format!("/api/v1/requests/{reference}/messages"),
            &serde_json::json!({"kind": "note", "body": format!("@{handle} peux-tu répondre ?")}),
        )
        .await;
    assert_eq!(noted.status, 204, "{}", noted.text);
    until(&agent, "!document.querySelector('#request-notice').hidden").await;
    let notice = agent
        .execute(
            "return document.querySelector('#request-notice-text').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(notice.as_str().unwrap().contains(&reference), "{notice}");
    shot(&agent, "68-console-request-notice").await;
    click(&agent, "#request-notice-open").await;
    agent
        .wait()
        .for_element(fantoccini::Locator::Css("#detail:not([hidden])"))
        .await
        .unwrap();
    until(
        &agent,
        &format!("document.querySelector('#detail-title').textContent.includes('{reference}')"),
    )
    .await;
    no_serious_violations(&agent, "requests page, a request open (fr)").await;
    agent
        .execute(
            "document.querySelector('#body').value = 'Bonjour, votre certificat vous a été renvoyé.';",
            vec![],
        )
        .await
        .unwrap();
    click(&agent, "#send").await;
    until(
        &agent,
        "document.querySelectorAll('#thread li.out').length === 2",
    )
    .await;
    shot(&agent, "67-requests-page").await;
    assert_eq!(
        sink.messages().len(),
        3,
        "the acknowledgment, the mention to the agent, the answer"
    );
    follower.goto(&app.url("/r")).await.unwrap();
    until(&follower, "document.querySelector('#request-status')").await;
    let page = follower
        .execute("return document.querySelector('main').textContent;", vec![])
        .await
        .unwrap();
    assert!(
        page.as_str()
            .unwrap()
            .contains("votre certificat vous a été renvoyé"),
        "{page}"
    );

    // The article's page asks whether it answered.
    follower
        .goto(&app.url("/help/quarantine-certificate-copy?lang=fr"))
        .await
        .unwrap();
    until(&follower, "document.querySelector('#helpful-yes')").await;
    no_serious_violations(&follower, "help article (fr)").await;
    shot(&follower, "64-help-article").await;
    click(&follower, "#helpful-yes").await;
    follower
        .wait()
        .for_element(fantoccini::Locator::Css("#feedback-thanks"))
        .await
        .unwrap();
    let helpful: i64 = sqlx::query_scalar(
        "SELECT helpful FROM kb_feedback WHERE article_id = 'quarantine-certificate-copy'",
    )
    .fetch_one(app.kernel.db.pool())
    .await
    .unwrap();
    assert_eq!(helpful, 1);

    // The supervisor's figures: the request is open, on time, in today's report.
    let (sup_email, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    let sup = driver.browser(&profiles.path().join("sup")).await;
    log_in(&sup, &app, &sup_email).await;
    sup.goto(&app.url("/requests/reports")).await.unwrap();
    until(&sup, "document.querySelector('#chart-topics rect')").await;
    let summary = sup
        .execute(
            "return document.querySelector('#summary').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(summary.as_str().unwrap().contains('1'), "{summary}");
    no_serious_violations(&sup, "requests figures (fr)").await;
    shot(&sup, "65-request-figures").await;
    scroll_to(&sup, "#chart-topics").await;
    shot(&sup, "66-request-charts").await;
    app.stop().await;
}
