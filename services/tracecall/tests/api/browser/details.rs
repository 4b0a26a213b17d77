//! The agent console's details, in a real browser, on a French console calling a contact:
//! the breadcrumb names steps by their question in the call's language (never the script's
//! English ids); switching the script to German changes its title and its steps too;
//! after "Next" the keyboard is on the first new question; the callback time asked by the
//! script is the one the finish dialog proposes, with the outcome, so nobody asks twice.

use chrono::{Duration, Local};

use super::axe::no_serious_violations;
use super::{
    at_step, callback_due, click, log_in, one_contact_campaign, set_value, shot, take_the_offer,
    tomorrow_at, until, Driver,
};
use crate::support::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_speaks_the_calls_language_and_asks_nothing_twice() {
    let app = TestApp::start(Backend::Sqlite).await;
    let agent_email = one_contact_campaign(&app).await;

    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let c = driver.browser(&profiles.path().join("agent")).await;
    log_in(&c, &app, &agent_email).await;
    take_the_offer(&c).await;
    at_step(&c, "intro").await;

    // The breadcrumb names the step by its question, in French.
    let crumb = "document.querySelector('#path [aria-current=\"step\"] .step')?.textContent";
    until(&c, &format!("{crumb} === 'Qui a répondu ?'")).await;

    // The script in German: its title, its question and its breadcrumb follow.
    click(&c, "#script-langs button[data-lang=\"de\"]").await;
    until(&c, "document.querySelector('#release-title')?.textContent === 'Anruf bei einem Hochrisikokontakt'").await;
    until(&c, &format!("{crumb} === 'Wer hat abgenommen?'")).await;
    shot(&c, "30-console-script-de").await;
    click(&c, "#script-langs button[data-lang=\"fr\"]").await;
    until(&c, "document.querySelector('#release-title')?.textContent === 'Appel à un contact à haut risque'").await;

    // After Next, the keyboard is on the new step's first question.
    click(&c, "input[name=\"answered_by\"][value=\"target_person\"]").await;
    click(&c, "#next").await;
    at_step(&c, "availability").await;
    until(&c, "document.activeElement?.name === 'availability'").await;

    // A callback tomorrow at 10:30, asked by the script once.
    click(&c, "input[name=\"availability\"][value=\"later\"]").await;
    until(
        &c,
        "document.querySelector('input[name=\"callback_when\"]')",
    )
    .await;
    let tomorrow = (Local::now() + Duration::days(1))
        .format("%Y-%m-%dT10:30")
        .to_string();
    set_value(&c, "input[name=\"callback_when\"]", &tomorrow).await;
    until(&c, "document.querySelector('[data-saved-for=\"callback_when\"]')?.textContent.trim().length > 0").await;
    no_serious_violations(&c, "console in a call, callback asked (fr)").await;
    click(&c, "#next").await;
    at_step(&c, "end_callback").await;
    click(&c, "#next").await;
    until(&c, "document.querySelector('#finish-dialog')?.open").await;
    until(
        &c,
        &format!(
            "document.querySelector('#outcome').value === 'callback' && document.querySelector('#callback-at').value === '{tomorrow}'"
        ),
    )
    .await;
    shot(&c, "31-finish-prefilled").await;
    click(&c, "#confirm-finish").await;
    until(&c, "!document.querySelector('#finish-dialog')?.open").await;
    assert_eq!(
        callback_due(&app).await,
        tomorrow_at(10, 30),
        "the callback is due at the time the script asked"
    );

    c.close().await.unwrap();
    app.stop().await;
}
