//! The supervisor's pages in a real browser, in French: the campaign builder (a contact
//! campaign with a calling window for today and a province, the live count, save and
//! launch, and an agent then offered an order of the contact script) and the order list
//! (reassigning an order by picking an agent by name, the result said on the page).

use chrono::{Datelike, Utc};
use chrono_tz::Europe::Brussels;
use kernel::auth::Role;
use serde_json::json;

use super::axe::no_serious_violations;
use super::{click, log_in, shot, until, Driver};
use crate::support::{Backend, TestApp};

/// `mon`..`sun` for today in Brussels, the builder's default time zone.
fn today_key() -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][Utc::now()
        .with_timezone(&Brussels)
        .weekday()
        .num_days_from_monday() as usize]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_builds_launches_and_reassigns_in_the_browser() {
    let app = TestApp::start(Backend::Sqlite).await;
    // Two contacts and an index case in Brussels, a contact in Antwerp.
    app.import(
        "first_name,last_name,phone,language,postal_code,case_type\n\
         Ana,Peeters,+32470123456,fr,1000,contact\n\
         Bert,Maes,+32470654321,fr,1050,contact\n\
         Chris,Dubois,+32470111222,fr,1000,index\n\
         Dirk,Jacobs,+32470333444,fr,2000,contact\n"
            .to_string(),
    )
    .await;
    let (sup_email, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    let (agent_email, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let (_, second_agent) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let second_name: String = sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
        .bind(second_agent)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();

    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let sup = driver.browser(&profiles.path().join("sup")).await;
    log_in(&sup, &app, &sup_email).await;
    no_serious_violations(&sup, "dashboard (fr)").await;
    sup.goto(&app.url("/campaigns")).await.unwrap();
    until(&sup, "document.querySelector('#campaigns tbody tr.empty') && document.documentElement.lang === 'fr'").await;
    no_serious_violations(&sup, "campaign builder (fr)").await;

    // Name, the contact script (the default type is contacts), Brussels only.
    sup.find(fantoccini::Locator::Css("#b-name"))
        .await
        .unwrap()
        .send_keys("Contacts Bruxelles")
        .await
        .unwrap();
    sup.execute(
        "const s = document.querySelector('#b-script'); s.value = 'contact'; s.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    )
    .await
    .unwrap();
    until(&sup, "/Contacts à haut risque|contacts/i.test(document.querySelector('#script-fits').textContent)").await;
    click(&sup, "input[name=\"regions\"][value=\"BRU\"]").await;
    // The live count: the two contacts in Brussels.
    until(
        &sup,
        "/\\b2\\b/.test(document.querySelector('#count').textContent)",
    )
    .await;

    // A calling window on today covering the whole day (added if today has none).
    let day = today_key();
    sup.execute(
        "const day = arguments[0];
         if (!document.querySelector(`input[data-day=\"${day}\"][data-end=\"from\"]`)) {
           document.querySelector(`.day[data-day=\"${day}\"] .windows button:last-child`).click();
         }
         const set = (end, v) => { const i = document.querySelector(`input[data-day=\"${day}\"][data-i=\"0\"][data-end=\"${end}\"]`);
           i.value = v; i.dispatchEvent(new Event('input', {bubbles: true})); };
         set('from', '00:00'); set('to', '23:59');",
        vec![json!(day)],
    )
    .await
    .unwrap();
    until(
        &sup,
        &format!("document.querySelector('.day[data-day=\"{day}\"] svg.bar rect.open')"),
    )
    .await;
    shot(&sup, "10-builder-fr").await;
    sup.execute("document.querySelector('#week').scrollIntoView()", vec![])
        .await
        .unwrap();
    shot(&sup, "10-builder-week-fr").await;

    click(&sup, "#save-launch").await;
    until(
        &sup,
        "document.querySelector('#campaigns tbody tr[data-campaign] .badge.running')",
    )
    .await;
    until(&sup, "/Contacts Bruxelles/.test(document.querySelector('#list-message').textContent) && /\\b2\\b/.test(document.querySelector('#list-message').textContent)").await;
    shot(&sup, "11-campaign-launched").await;

    // Stored as built: contacts, Brussels, today's window.
    let campaigns = app.session(&sup_email).await.campaigns().await.json();
    let c = &campaigns["campaigns"][0]["campaign"];
    assert_eq!(c["name"], "Contacts Bruxelles");
    assert_eq!(c["script_id"], "contact");
    assert_eq!(c["target"]["case_type"], "contact");
    assert_eq!(c["target"]["regions"], json!(["BRU"]));
    assert_eq!(c["policy"]["windows"][day], json!([["00:00", "23:59"]]));

    // An agent is offered one of its orders, with the contact script.
    let agent = app.session(&agent_email).await;
    let order = agent
        .claim_order()
        .await
        .expect("an order of the new campaign");
    let release = agent
        .get(&format!("/api/v1/releases/{}", order["release_id"]))
        .await
        .expect_json(200);
    assert_eq!(release["release"]["script_id"], "contact");

    // The order list: the held order is reassigned to the second agent, picked by name.
    sup.goto(&app.url("/orders")).await.unwrap();
    let row = format!("#orders tr[data-order=\"{}\"]", order["id"]);
    until(
        &sup,
        &format!("document.querySelector('{row} button[data-action=\"reassign\"]')"),
    )
    .await;
    shot(&sup, "12-orders").await;
    no_serious_violations(&sup, "order list (fr)").await;
    click(&sup, &format!("{row} button[data-action=\"reassign\"]")).await;
    until(&sup, "document.querySelector('#action-dialog')?.open").await;
    sup.execute(
        "document.querySelector('#action-agent').value = String(arguments[0]);",
        vec![json!(second_agent)],
    )
    .await
    .unwrap();
    shot(&sup, "13-reassign-dialog").await;
    click(&sup, "#action-go").await;
    until(
        &sup,
        &format!(
            "!document.querySelector('#action-dialog').open && document.querySelector('#orders-message').textContent.includes('{second_name}') && document.querySelector('{row} td.agent')?.textContent.includes('{second_name}')"
        ),
    )
    .await;
    shot(&sup, "14-reassigned").await;
    let kept: Option<i64> =
        sqlx::query_scalar("SELECT preferred_agent_id FROM call_orders WHERE id = $1")
            .bind(order["id"].as_i64().unwrap())
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(kept, Some(second_agent));

    // The figures: the agent's call on the day's tables, and the charts drawn.
    sup.goto(&app.url("/figures")).await.unwrap();
    until(&sup, "document.querySelector('#agents tbody tr th') && document.querySelector('#reach-chart svg') && document.querySelector('#queue-chart svg rect.area')").await;
    no_serious_violations(&sup, "figures (fr)").await;
    shot(&sup, "16-figures").await;

    // The same pages in Dutch, for a Dutch-speaking supervisor.
    let (nl_email, _) = app.add_user_with(Role::Supervisor, None, &["nl"]).await;
    sup.delete_all_cookies().await.unwrap();
    log_in(&sup, &app, &nl_email).await;
    no_serious_violations(&sup, "dashboard (nl)").await;
    for (page, ready, name) in [
        (
            "/campaigns",
            "#campaigns tbody tr[data-campaign]",
            "campaign builder (nl)",
        ),
        ("/orders", "#orders tbody tr[data-order]", "order list (nl)"),
        ("/figures", "#teams tbody tr", "figures (nl)"),
    ] {
        sup.goto(&app.url(page)).await.unwrap();
        until(
            &sup,
            &format!("document.querySelector('{ready}') && document.documentElement.lang === 'nl'"),
        )
        .await;
        no_serious_violations(&sup, name).await;
    }
    shot(&sup, "15-orders-nl").await;

    // The interface language chosen on the dashboard is kept across a reload (and logins),
    // while the languages the supervisor speaks stay as they were.
    sup.goto(&app.url("/")).await.unwrap();
    until(
        &sup,
        "document.querySelector('#connection')?.dataset.state === 'connected'",
    )
    .await;
    sup.execute(
        "const s = document.querySelector('#ui-lang'); s.value = 'de'; s.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    )
    .await
    .unwrap();
    until(
        &sup,
        "document.querySelector('#campaigns-title')?.textContent === 'Kampagnen'",
    )
    .await;
    until(
        &sup,
        "document.querySelector('#ui-lang').dataset.saved === 'de'",
    )
    .await;
    let saved: Option<String> =
        sqlx::query_scalar("SELECT ui_language FROM users WHERE email = $1")
            .bind(&nl_email)
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(saved.as_deref(), Some("de"));
    sup.refresh().await.unwrap();
    until(&sup, "document.documentElement.lang === 'de' && document.querySelector('#ui-lang').value === 'de'").await;
    no_serious_violations(&sup, "dashboard (de)").await;

    sup.close().await.unwrap();
    app.stop().await;
}
