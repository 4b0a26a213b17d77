//! Documents in a real browser: in a call, the agent issues a test prescription in Dutch for
//! a French-speaking citizen (the list shows it, in force), sends it to the address on file
//! (a real SMTP server receives it), and the citizen opens the mail's one-time link: the
//! landing page, then their page with the document. A supervisor issues certificates for the
//! whole campaign from their documents page, watches it finish, and revokes the prescription
//! by its number. Screenshots of each, axe-core on each.

use kernel::auth::Role;
use secrecy::SecretString;

use super::axe::no_serious_violations;
use super::{click, log_in, set_value, shot, take_the_offer, until, Driver};
use crate::support::smtp::SmtpSink;
use crate::support::{campaign_body, Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_issues_and_sends_and_the_citizen_opens_the_link() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let app = TestApp::start_configured(Backend::Sqlite, move |c| {
        c.mail.smtp_url = Some(SecretString::from(url));
    })
    .await;
    let paths = [super::repo().join("scripts"), super::repo().join("forms")];
    tracecall::content::publish_clean(&app.kernel, &paths, "test")
        .await
        .unwrap();
    app.import(
        "first_name,last_name,phone,email,birth_date,language,postal_code,case_type\n\
         Ana,Peeters,+32470123456,ana.peeters@example.be,1985-07-30,fr,1000,contact\n"
            .to_string(),
    )
    .await;
    let (agent_email, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let (sup_email, _) = app.add_user_with(Role::Supervisor, None, &["en"]).await;
    app.session(&sup_email)
        .await
        .create_and_launch_campaign(&campaign_body("Contacts", "contact", &["fr"]))
        .await;

    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let agent = driver.browser(&profiles.path().join("agent")).await;
    log_in(&agent, &app, &agent_email).await;
    take_the_offer(&agent).await;
    until(
        &agent,
        "!document.querySelector('#call-documents').hidden && document.querySelector('#docs-issue')",
    )
    .await;
    // The citizen's language is chosen; the agent overrides it.
    until(
        &agent,
        "document.querySelector('#docs-language').value === 'fr'",
    )
    .await;
    set_value(&agent, "#docs-kind", "test_prescription").await;
    set_value(&agent, "#docs-language", "nl").await;
    click(&agent, "#docs-issue").await;
    until(
        &agent,
        "/Établi/.test(document.querySelector('#docs-status').textContent) && [...document.querySelectorAll('#call-documents .doc-title')].some((n) => n.textContent.startsWith('Testvoorschrift'))",
    )
    .await;
    agent
        .execute(
            "document.querySelector('#call-documents').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    shot(&agent, "50-console-documents").await;
    no_serious_violations(&agent, "console documents (fr)").await;
    click(&agent, "#call-documents .doc-actions button").await;
    until(
        &agent,
        "/Envoyé/.test(document.querySelector('#docs-status').textContent)",
    )
    .await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 1);
    let message = mail_parser::MessageParser::default()
        .parse(&mails[0])
        .unwrap();
    let text = message.body_text(0).unwrap().to_string();
    let at = text.find("/d/").unwrap();
    let link = text[at..].split_whitespace().next().unwrap().to_string();

    // The citizen, in another browser.
    let citizen = driver.browser(&profiles.path().join("citizen")).await;
    citizen.goto(&app.url(&link)).await.unwrap();
    until(&citizen, "document.querySelector('#open-documents')").await;
    shot(&citizen, "51-citizen-link").await;
    no_serious_violations(&citizen, "citizen link landing (nl)").await;
    click(&citizen, "#open-documents").await;
    citizen
        .wait()
        .for_element(fantoccini::Locator::Css(".my-document"))
        .await
        .unwrap();
    let page = citizen
        .execute("return document.querySelector('main').textContent;", vec![])
        .await
        .unwrap();
    assert!(page.as_str().unwrap().contains("Testvoorschrift"), "{page}");
    shot(&citizen, "52-citizen-documents").await;
    no_serious_violations(&citizen, "citizen documents (nl)").await;

    // The supervisor issues certificates for the whole campaign, by mail, and watches it
    // finish; then revokes the prescription by its number.
    let sup = driver.browser(&profiles.path().join("sup")).await;
    log_in(&sup, &app, &sup_email).await;
    sup.goto(&app.url("/documents")).await.unwrap();
    until(
        &sup,
        "document.querySelector('#jobs tbody tr.empty') && document.documentElement.lang === 'en'",
    )
    .await;
    click(&sup, "#bulk-go").await;
    until(
        &sup,
        "/Done: 1 of 1/.test(document.querySelector('#jobs tbody').textContent)",
    )
    .await;
    assert_eq!(sink.messages().len(), 2);
    let prescription: String =
        sqlx::query_scalar("SELECT id FROM documents WHERE kind = 'test_prescription'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    set_value(&sup, "#revoke-id", &prescription).await;
    set_value(&sup, "#revoke-reason", "wrong_person").await;
    click(&sup, "#revoke-go").await;
    until(
        &sup,
        "/is revoked/.test(document.querySelector('#revoke-form .confirm').textContent)",
    )
    .await;
    shot(&sup, "53-supervisor-documents").await;
    no_serious_violations(&sup, "supervisor documents (en)").await;
    let state: String = sqlx::query_scalar("SELECT state FROM documents WHERE id = $1")
        .bind(&prescription)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(state, "revoked");
    app.stop().await;
}
