//! The rest of the workbench in a real browser: a supervisor imports a file on the import
//! page (progress bar, rejected lines by line number) and finds the cases on the case list;
//! an agent sees the call timer, writes a note in the after-call work and goes ready; a
//! caller with no file is registered from the inbound panel, then gives a new number that a
//! later search finds. axe-core checks each page in
//! French and Dutch, the learning and exports pages too.

use fantoccini::Locator;
use kernel::auth::Role;
use serde_json::json;

use super::axe::no_serious_violations;
use super::{
    at_step, choose_and_next, click, log_in, log_in_to, one_contact_campaign, set_value, shot,
    take_the_offer, type_into, until, Driver,
};
use crate::support::{Backend, TestApp};

const CSV: &str = "last_name,first_name,phone,postal_code,case_type,birth_date\n\
Vandamme,Ilse,+32470100001,1000,index,1980-01-01\n\
Moreau,Luc,+32470100002,1050,contact,1975-05-05\n\
Lambert,Eva,not-a-phone,1000,contact,1990-02-02\n\
Peeters,Jan,+32470100004,9000,index,1960-06-06\n\
Claes,An,+32470100005,9000,,1970-07-07\n\
Dubois,Marc,+32470100006,1020,contact,2000-03-03\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_imports_a_file_and_lists_the_cases() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (sup_email, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("cases.csv");
    std::fs::write(&file, CSV).unwrap();

    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let c = driver.browser(&profiles.path().join("sup")).await;
    log_in(&c, &app, &sup_email).await;
    c.goto(&app.url("/import")).await.unwrap();
    c.find(Locator::Css("#import-file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    click(&c, "#import-go").await;
    until(
        &c,
        "!document.querySelector('#import-result').hidden && document.querySelectorAll('#rejected tbody tr').length === 2",
    )
    .await;
    until(&c, "document.querySelector('#import-bar').value === 100").await;
    let lines = c
        .execute(
            "return [...document.querySelectorAll('#rejected tbody tr td:first-child')].map((td) => td.textContent);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        lines,
        json!(["4", "6"]),
        "rejected by their line in the file"
    );
    shot(&c, "40-import-report").await;
    no_serious_violations(&c, "import page with a report (fr)").await;

    c.goto(&app.url("/cases")).await.unwrap();
    until(
        &c,
        "document.querySelectorAll('#cases tbody tr[data-code]').length === 4",
    )
    .await;
    set_value(&c, "#f-region", "BRU").await;
    click(&c, "#filters button[type=submit]").await;
    until(
        &c,
        "document.querySelectorAll('#cases tbody tr[data-code]').length === 3",
    )
    .await;
    let text = c
        .execute(
            "return document.querySelector('#cases').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(!text.as_str().unwrap().contains("Vandamme"), "no names");
    shot(&c, "41-case-list").await;
    no_serious_violations(&c, "case list (fr)").await;

    // The same pages in Dutch; the learning and exports pages in both languages.
    let (nl_sup, _) = app.add_user_with(Role::Supervisor, None, &["nl"]).await;
    c.delete_all_cookies().await.unwrap();
    log_in(&c, &app, &nl_sup).await;
    for (page, ready, name) in [
        ("/import", "#import-form", "import page (nl)"),
        ("/cases", "#cases tbody tr[data-code]", "case list (nl)"),
        ("/learn", "main h1", "learning (nl)"),
    ] {
        c.goto(&app.url(page)).await.unwrap();
        until(
            &c,
            &format!("document.querySelector('{ready}') && document.documentElement.lang === 'nl'"),
        )
        .await;
        no_serious_violations(&c, name).await;
    }
    for lang in ["fr", "nl"] {
        let (epi, _) = app.add_user_with(Role::Epidemiologist, None, &[lang]).await;
        c.delete_all_cookies().await.unwrap();
        log_in_to(&c, &app, &epi, "a[href='/exports']").await;
        c.goto(&app.url("/exports")).await.unwrap();
        until(
            &c,
            &format!(
                "document.querySelector('main h1') && document.documentElement.lang === '{lang}'"
            ),
        )
        .await;
        no_serious_violations(&c, &format!("exports ({lang})")).await;
        c.goto(&app.url("/learn")).await.unwrap();
        until(
            &c,
            &format!(
                "document.querySelector('main h1') && document.documentElement.lang === '{lang}'"
            ),
        )
        .await;
        no_serious_violations(&c, &format!("learning ({lang})")).await;
    }
    shot(&c, "43-learning").await;
    c.close().await.unwrap();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_wraps_up_a_call_and_registers_a_caller() {
    let app = TestApp::start_configured(Backend::Sqlite, |c| {
        c.console = json!({"wrap_up_seconds": 300});
    })
    .await;
    let agent_email = one_contact_campaign(&app).await;

    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let c = driver.browser(&profiles.path().join("agent")).await;
    log_in(&c, &app, &agent_email).await;
    take_the_offer(&c).await;
    // The call timer runs from the call's start.
    until(
        &c,
        "/^\\d+:\\d\\d$/.test(document.querySelector('#call-timer')?.textContent || '')",
    )
    .await;

    click(&c, "#finish").await;
    until(&c, "document.querySelector('#finish-dialog')?.open").await;
    set_value(&c, "#outcome", "no_answer").await;
    click(&c, "#confirm-finish").await;

    // After-call work: the panel, its countdown and the note; no offer meanwhile.
    until(
        &c,
        "!document.querySelector('#wrap-up').hidden && document.querySelector('#status').dataset.status === 'wrap_up'",
    )
    .await;
    until(
        &c,
        "/\\d+:\\d\\d/.test(document.querySelector('#wrap-up-left')?.textContent || '')",
    )
    .await;
    c.find(Locator::Css("#wrap-up-note"))
        .await
        .unwrap()
        .send_keys("Messagerie pleine, rappeler en soirée.")
        .await
        .unwrap();
    shot(&c, "44-after-call-work").await;
    no_serious_violations(&c, "after-call work (fr)").await;
    click(&c, "#wrap-up-ready").await;
    until(
        &c,
        "document.querySelector('#status').dataset.status === 'ready'",
    )
    .await;
    let noted: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM calls WHERE wrap_up_note IS NOT NULL")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(noted, 1, "the note was saved before going ready");

    // A caller with no file: registered from the inbound panel, the file opens.
    app.ring(&agent_email).await;
    click(&c, "#inbound").await;
    click(&c, "#register-open").await;
    until(&c, "!document.querySelector('#register-form').hidden").await;
    // A wrong phone is named, nothing is registered.
    set_value(&c, "#register-form [name=last_name]", "Dubois").await;
    set_value(&c, "#register-form [name=phone]", "abc").await;
    click(&c, "#register-submit").await;
    until(
        &c,
        "document.querySelector('#register-form [name=phone]').getAttribute('aria-invalid') === 'true'",
    )
    .await;
    shot(&c, "45-register-error").await;
    set_value(&c, "#register-form [name=first_name]", "Léa").await;
    set_value(&c, "#register-form [name=phone]", "0478 12 34 56").await;
    set_value(&c, "#register-form [name=postal_code]", "1050").await;
    set_value(&c, "#register-form [name=exposure_date]", "2026-11-20").await;
    click(&c, "#register-submit").await;
    until(
        &c,
        "document.querySelector('#case-title')?.textContent === 'Léa Dubois'",
    )
    .await;
    let panel = c
        .execute(
            "return document.querySelector('#case-panel').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(!panel.as_str().unwrap().contains("null"), "{panel}");
    shot(&c, "46-caller-registered").await;
    no_serious_violations(&c, "inbound panel, caller registered (fr)").await;

    // The caller gives a new number: the inbound script writes it back when the call ends,
    // and a later search by the new number finds the file.
    let code = c
        .execute(
            "return document.querySelector('#case-panel .mono').textContent;",
            vec![],
        )
        .await
        .unwrap();
    click(&c, "#start-inbound").await;
    at_step(&c, "greeting").await;
    // A long list of reasons is a select.
    set_value(
        &c,
        "#fields select[name=\"caller_reason\"]",
        "update_information",
    )
    .await;
    until(&c, "document.querySelector('[data-saved-for=\"caller_reason\"]')?.textContent.trim().length > 0").await;
    click(&c, "#next").await;
    at_step(&c, "identity/ask_birth_date").await;
    choose_and_next(
        &c,
        "identity_birth_date_matches",
        "true",
        "identity/identity_ok",
    )
    .await;
    click(&c, "#next").await;
    at_step(&c, "update_details").await;
    type_into(&c, "new_phone", "0470 99 88 77").await;
    until(
        &c,
        "document.querySelector('[data-saved-for=\"new_phone\"]')?.textContent.trim().length > 0",
    )
    .await;
    click(&c, "#next").await;
    at_step(&c, "callback").await;
    choose_and_next(&c, "callback_needed", "false", "end_reached").await;
    click(&c, "#next").await;
    until(&c, "document.querySelector('#finish-dialog')?.open && document.querySelector('#outcome').value === 'reached'").await;
    click(&c, "#confirm-finish").await;
    until(
        &c,
        "document.querySelector('#status').dataset.status === 'wrap_up'",
    )
    .await;
    click(&c, "#wrap-up-ready").await;
    until(
        &c,
        "document.querySelector('#status').dataset.status === 'ready'",
    )
    .await;
    app.ring(&agent_email).await;
    click(&c, "#inbound").await;
    set_value(&c, "#search-q", "0470 99 88 77").await;
    click(&c, "#search").await;
    until(
        &c,
        &format!(
            "document.querySelector('#search-results li[data-code=\"{}\"]')",
            code.as_str().unwrap()
        ),
    )
    .await;
    shot(&c, "47-new-number-found").await;
    c.close().await.unwrap();

    // The console in Dutch passes axe too, after-call work included.
    let (nl_agent, _) = app.add_user_with(Role::Agent, None, &["nl"]).await;
    let c = driver.browser(&profiles.path().join("nl")).await;
    log_in(&c, &app, &nl_agent).await;
    click(&c, "#inbound").await;
    click(&c, "#register-open").await;
    until(&c, "!document.querySelector('#register-form').hidden && document.documentElement.lang === 'nl'").await;
    no_serious_violations(&c, "inbound panel with the register form (nl)").await;
    c.close().await.unwrap();
    app.stop().await;
}
