//! The console and the dashboard in a real browser: headless Chromium from Debian's packages,
//! driven through chromedriver. An agent logs in, goes ready, takes an order, follows a
//! branch, types an invalid national number and sees the error, fixes it, reloads mid-call
//! and finds the answers there, and finishes with a callback for tomorrow 17:00; a
//! supervisor's dashboard shows the counts change without a reload; a telephony event pops
//! up on the agent's screen. Screenshots land in `artifacts/browser/`.
//!
//! Waits end on the awaited page state (a MutationObserver in the page resolves them), never
//! on a timer; the WebDriver script timeout bounds them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::support::{campaign_body, Backend, TestApp, PASSWORD};

mod author;
mod axe;
mod details;
mod documents;
mod requests;
mod supervise;
mod verify;
mod workbench;
use chrono::{Duration, Local};
use fantoccini::{Client, ClientBuilder, Locator};
use kernel::auth::Role;
use serde_json::json;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver; tests/run installs it)");
        // Ready when it says so.
        let out = child.stdout.take().unwrap();
        let mut lines = BufReader::new(out).lines();
        for line in lines.by_ref() {
            if line.unwrap().contains("started successfully") {
                break;
            }
        }
        std::thread::spawn(move || for _ in lines {});
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// A fresh headless browser at 1366x768.
    async fn browser(&self, profile: &Path) -> Client {
        // Several TLS backends are linked in; the WebDriver client needs one chosen.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update",
                         "--no-first-run", "--disable-sync", "--window-size=1366,768",
                         format!("--user-data-dir={}", profile.display())]
            }
        });
        ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&self.url)
            .await
            .expect("a Chromium session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Resolves when the JavaScript expression `cond` holds in the page (checked at once and on
/// every change of the document). `cond` is written into the script itself: the pages' CSP
/// (no 'unsafe-eval') refuses `Function(...)` in the observer's later checks.
async fn until(c: &Client, cond: &str) {
    let script = format!(
        r#"
        const done = arguments[arguments.length - 1];
        const check = () => {{ try {{ return Boolean(({cond})); }} catch (e) {{ return false; }} }};
        if (check()) {{ done(true); return; }}
        const seen = new MutationObserver(() => {{ if (check()) {{ seen.disconnect(); done(true); }} }});
        seen.observe(document, {{ subtree: true, childList: true, attributes: true, characterData: true }});
    "#
    );
    let ok = c
        .execute_async(&script, vec![])
        .await
        .unwrap_or_else(|e| panic!("waiting for {cond}: {e}"));
    assert_eq!(ok, json!(true), "{cond}");
}

async fn shot(c: &Client, name: &str) {
    let dir = repo().join("artifacts/browser");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(format!("{name}.png")),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Logs in on the login page and waits for the page the role lands on (`ready`, a CSS
/// selector).
async fn log_in_to(c: &Client, app: &TestApp, email: &str, ready: &str) {
    c.goto(&app.url("/")).await.unwrap();
    c.find(Locator::Css("input[name=email]"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    c.find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    click(c, "button[type=submit]").await;
    // The login navigates to the landing page: WebDriver's own wait for the element
    // survives the navigation, where a script waiting in the old page would die with it.
    c.wait()
        .for_element(Locator::Css(ready))
        .await
        .unwrap_or_else(|e| panic!("after logging in {email}, {ready}: {e}"));
}

/// Logs in an agent or a supervisor: their console or dashboard is connected.
async fn log_in(c: &Client, app: &TestApp, email: &str) {
    log_in_to(c, app, email, "#connection[data-state=\"connected\"]").await;
}

/// The console is at this step of the script.
async fn at_step(c: &Client, position: &str) {
    until(
        c,
        &format!("document.querySelector('#path [aria-current=\"step\"]')?.dataset.position === '{position}'"),
    )
    .await;
}

/// Answers a radio-button question and moves on to `then`.
async fn choose_and_next(c: &Client, field: &str, value: &str, then: &str) {
    click(c, &format!("input[name=\"{field}\"][value=\"{value}\"]")).await;
    click(c, "#next").await;
    at_step(c, then).await;
}

async fn type_into(c: &Client, name: &str, text: &str) {
    let input = c
        .find(Locator::Css(&format!("input[name=\"{name}\"]")))
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    // Select what is there, type over it, and leave the field (Tab), as an agent does: one
    // key sequence, committed by the change event on leaving.
    input
        .send_keys(&format!("\u{E009}a\u{E000}{text}\u{E004}"))
        .await
        .unwrap();
}

/// Imports one French-speaking contact (Ana Peeters), launches a contact campaign on it and
/// adds a French-speaking agent; returns the agent's email.
async fn one_contact_campaign(app: &TestApp) -> String {
    app.import(
        "first_name,last_name,phone,language,postal_code,case_type\n\
         Ana,Peeters,+32470123456,fr,1000,contact\n"
            .to_string(),
    )
    .await;
    let (agent_email, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let sup = app.login_as(Role::Supervisor).await;
    sup.create_and_launch_campaign(&campaign_body("Contacts", "contact", &["fr"]))
        .await;
    agent_email
}

/// The agent goes ready and starts the call offered.
async fn take_the_offer(c: &Client) {
    click(c, "#ready").await;
    until(
        c,
        "document.querySelector('#start-call') && !document.querySelector('#offer').hidden",
    )
    .await;
    click(c, "#start-call").await;
}

/// Sets a form control's value as typing would, with its events.
async fn set_value(c: &Client, css: &str, value: &str) {
    c.execute(
        "const i = document.querySelector(arguments[0]); i.value = arguments[1];
         i.dispatchEvent(new Event('input', {bubbles: true})); i.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![json!(css), json!(value)],
    )
    .await
    .unwrap_or_else(|e| panic!("{css}: {e}"));
}

/// When the order the agent finished with a callback is due (Unix ms).
async fn callback_due(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT due_at FROM call_orders WHERE outcome = 'callback'")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap()
}

/// Tomorrow at `hour:minute`, local time (the browser's), in Unix ms.
fn tomorrow_at(hour: u32, minute: u32) -> i64 {
    (Local::now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
        .and_local_timezone(Local)
        .unwrap()
        .timestamp_millis()
}

fn valid_national_number() -> String {
    let base = "850730033";
    format!("{base}{:02}", 97 - base.parse::<u64>().unwrap() % 97)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_and_supervisor_in_the_browser() {
    let app = TestApp::start(Backend::Sqlite).await;
    let paths = [repo().join("scripts"), repo().join("forms")];
    tracecall::content::publish_clean(&app.kernel, &paths, "test")
        .await
        .unwrap();
    let day = (chrono::Utc::now() - Duration::days(1)).format("%Y-%m-%d");
    app.import(format!(
        "first_name,last_name,phone,birth_date,language,postal_code,case_type,test_date\n\
         Ana,Peeters,+32470123456,1985-07-30,fr,1000,index,{day}\n\
         Bert,Maes,+32470654321,1979-02-11,fr,1000,index,{day}\n"
    ))
    .await;
    let (agent_email, _) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let (sup_email, _) = app.add_user_with(Role::Supervisor, None, &["en"]).await;
    let campaign = app
        .session(&sup_email)
        .await
        .create_and_launch_campaign(&campaign_body("Index cases", "index_case", &["fr"]))
        .await
        .id;

    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();

    // The supervisor watches the dashboard: two orders waiting.
    let sup = driver.browser(&profiles.path().join("sup")).await;
    log_in(&sup, &app, &sup_email).await;
    let row = format!("#campaigns tr[data-campaign=\"{campaign}\"]");
    until(
        &sup,
        &format!("document.querySelector('{row} .waiting')?.textContent.trim() === '2'"),
    )
    .await;
    shot(&sup, "01-dashboard").await;

    // The agent logs in, goes ready and is offered an order.
    let agent = driver.browser(&profiles.path().join("agent")).await;
    log_in(&agent, &app, &agent_email).await;
    click(&agent, "#ready").await;
    until(&agent, "document.querySelector('#offer') && !document.querySelector('#offer').hidden && document.querySelector('#start-call')").await;
    shot(&agent, "02-offer").await;
    axe::no_serious_violations(&agent, "console with an offer (fr)").await;
    // Pushed to the supervisor without a reload.
    until(
        &sup,
        &format!("document.querySelector('{row} .waiting')?.textContent.trim() === '1'"),
    )
    .await;
    until(
        &sup,
        &format!("document.querySelector('{row} .in-progress')?.textContent.trim() === '1'"),
    )
    .await;

    click(&agent, "#start-call").await;
    at_step(&agent, "intro").await;
    until(
        &agent,
        "/Peeters|Maes/.test(document.querySelector('#say').textContent)",
    )
    .await;
    shot(&agent, "03-call").await;
    axe::no_serious_violations(&agent, "console in a call (fr)").await;

    // Follow the script: the answers pick the branches.
    choose_and_next(&agent, "answered_by", "target_person", "availability").await;
    choose_and_next(&agent, "availability", "now", "identity/ask_birth_date").await;
    choose_and_next(
        &agent,
        "identity_birth_date_matches",
        "true",
        "identity/identity_ok",
    )
    .await;
    click(&agent, "#next").await;
    at_step(&agent, "inform_result").await;
    choose_and_next(&agent, "continues_interview", "true", "symptoms").await;
    // No symptoms: the onset question is skipped.
    choose_and_next(&agent, "has_symptoms", "false", "vulnerability").await;
    choose_and_next(&agent, "breathless_at_rest", "false", "household").await;
    choose_and_next(&agent, "household_type", "alone", "isolation").await;
    choose_and_next(&agent, "isolation_understood", "true", "contacts").await;

    // A contact whose national number has a wrong checksum: the error shows at the field.
    click(
        &agent,
        "input[name=\"has_high_risk_contacts\"][value=\"true\"]",
    )
    .await;
    until(
        &agent,
        "document.querySelector('[data-field=\"contacts\"] .add-item')",
    )
    .await;
    click(&agent, "[data-field=\"contacts\"] .add-item").await;
    until(
        &agent,
        "document.querySelector('input[name=\"contacts[0].national_number\"]')",
    )
    .await;
    type_into(&agent, "contacts[0].first_name", "Jan").await;
    type_into(&agent, "contacts[0].last_name", "Janssens").await;
    type_into(&agent, "contacts[0].national_number", "85.07.30-033.99").await;
    let error = "document.querySelector('[data-error-for=\"contacts[0].national_number\"]')";
    // The error shows, and "saved" does not stand beside the wrong value.
    until(
        &agent,
        &format!("{error} && {error}.textContent.trim().length > 0 && document.querySelector('[data-saved-for=\"contacts\"]')?.textContent === ''"),
    )
    .await;
    axe::no_serious_violations(&agent, "console with a field error (fr)").await;
    shot(&agent, "04-invalid-national-number").await;
    type_into(
        &agent,
        "contacts[0].national_number",
        &valid_national_number(),
    )
    .await;
    until(
        &agent,
        &format!("{error} && {error}.textContent.trim() === ''"),
    )
    .await;

    // Reload mid-call: the console comes back where it was, answers included.
    agent.refresh().await.unwrap();
    until(
        &agent,
        "document.querySelector('#connection')?.dataset.state === 'connected'",
    )
    .await;
    at_step(&agent, "contacts").await;
    until(
        &agent,
        &format!(
            "document.querySelector('input[name=\"contacts[0].national_number\"]')?.value.replace(/\\D/g, '') === '{}'",
            valid_national_number()
        ),
    )
    .await;
    until(
        &agent,
        "document.querySelector('input[name=\"contacts[0].last_name\"]')?.value === 'Janssens'",
    )
    .await;
    shot(&agent, "05-after-reload").await;

    // Finish with a callback tomorrow at 17:00 (local time).
    click(&agent, "#finish").await;
    until(&agent, "document.querySelector('#finish-dialog')?.open").await;
    let tomorrow = (Local::now() + Duration::days(1))
        .format("%Y-%m-%dT17:00")
        .to_string();
    agent
        .execute(
            "const o = document.querySelector('#outcome'); o.value = 'callback'; o.dispatchEvent(new Event('change', {bubbles: true}));
             const t = document.querySelector('#callback-at'); t.value = arguments[0];
             t.dispatchEvent(new Event('input', {bubbles: true})); t.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(tomorrow)],
        )
        .await
        .unwrap();
    shot(&agent, "06-finish-callback").await;
    click(&agent, "#confirm-finish").await;
    // The next order is offered at once (the agent is still ready).
    until(&agent, "!document.querySelector('#finish-dialog')?.open && document.querySelector('#offer') && !document.querySelector('#offer').hidden").await;
    assert_eq!(
        callback_due(&app).await,
        tomorrow_at(17, 0),
        "the callback is due tomorrow at 17:00"
    );

    // A ringing inbound call pops up on the agent's screen.
    let pbx = app.login_as(Role::Admin).await.new_pbx("pbx").await;
    let posted = pbx
        .post(&json!({"id": "pbx-1", "event": "ringing", "caller": "+32470123456", "agent": agent_email}))
        .await;
    assert_eq!(posted.status, 202);
    until(&agent, "document.querySelector('#screen-pop') && !document.querySelector('#screen-pop').hidden && document.querySelectorAll('#pop-results li[data-code]').length === 1").await;
    shot(&agent, "07-screen-pop").await;

    agent.close().await.unwrap();
    sup.close().await.unwrap();
    app.stop().await;
}
