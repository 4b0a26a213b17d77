//! The author's and the admin's pages in a real browser. An author (French) opens the
//! contact script, changes the greeting, checks it, sees the preview read the new text,
//! publishes it and compares the two releases side by side; the page is checked by axe-core
//! in French and Dutch. An admin deactivates an agent, who can then no longer log in; the
//! admin page passes axe-core in French and Dutch.

use kernel::auth::Role;
use serde_json::json;

use super::axe::no_serious_violations;
use super::{click, log_in_to, shot, until, Driver};
use crate::support::{Backend, TestApp, PASSWORD};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_author_publishes_and_an_admin_deactivates_in_the_browser() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (author_email, _) = app.add_user_with(Role::Author, None, &["fr"]).await;
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let c = driver.browser(&profiles.path().join("author")).await;

    log_in_to(&c, &app, &author_email, "#links a[href=\"/author\"]").await;
    c.goto(&app.url("/author")).await.unwrap();
    let open = "#scripts tr[data-script=\"contact\"] button";
    until(&c, &format!("document.querySelector('{open}')")).await;
    no_serious_violations(&c, "author's page (fr)").await;
    click(&c, open).await;
    let editor = "textarea[data-path=\"scripts/contact.toml\"]";
    until(
        &c,
        &format!("document.querySelector('{editor}')?.value.includes('Pourrais-je parler')"),
    )
    .await;
    // The preview starts at the first step, read with the sample citizen.
    until(
        &c,
        "/Marie/.test(document.querySelector('#preview .say')?.textContent || '')",
    )
    .await;

    // The greeting changed in the editor, as an author types it.
    c.execute(
        "const a = document.querySelector(arguments[0]);
         a.value = a.value.replace('Pourrais-je parler à', 'Puis-je parler à');
         a.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(editor)],
    )
    .await
    .unwrap();
    click(&c, "#check").await;
    until(&c, "document.querySelector('#changes [data-script=\"contact\"] li.changed') && !document.querySelector('#check-message').classList.contains('error')").await;
    click(&c, "#preview-start").await;
    until(
        &c,
        "/Puis-je parler à Marie/.test(document.querySelector('#preview .say')?.textContent || '')",
    )
    .await;
    // Following a branch: someone else answered.
    click(
        &c,
        "#preview input[name=\"answered_by\"][value=\"someone_else\"]",
    )
    .await;
    click(&c, "#preview-next").await;
    until(
        &c,
        "document.querySelector('#preview .position')?.textContent === 'someone_else'",
    )
    .await;
    c.execute(
        "document.querySelector('#preview-heading').scrollIntoView()",
        vec![],
    )
    .await
    .unwrap();
    shot(&c, "20-author-preview").await;

    click(&c, "#publish").await;
    until(
        &c,
        "document.querySelectorAll('#releases tbody tr').length === 2",
    )
    .await;
    click(&c, "#compare").await;
    until(
        &c,
        "document.querySelector('#diff tr[data-item=\"intro\"][data-change=\"changed\"]')",
    )
    .await;
    until(&c, "/Puis-je parler/.test(document.querySelector('#diff td.new')?.textContent || '') && /Pourrais-je parler/.test(document.querySelector('#diff td.old')?.textContent || '')").await;
    c.execute("document.querySelector('#diff').scrollIntoView()", vec![])
        .await
        .unwrap();
    shot(&c, "21-author-diff").await;
    no_serious_violations(&c, "author's page with a diff (fr)").await;
    let number: i64 =
        sqlx::query_scalar("SELECT MAX(number) FROM script_releases WHERE script_id = 'contact'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(number, 2, "the edit was published as release 2");

    // In Dutch, for a Dutch-speaking author.
    let (nl_author, _) = app.add_user_with(Role::Author, None, &["nl"]).await;
    c.delete_all_cookies().await.unwrap();
    log_in_to(&c, &app, &nl_author, "#links a[href=\"/author\"]").await;
    c.goto(&app.url("/author")).await.unwrap();
    until(&c, "document.documentElement.lang === 'nl' && document.querySelector('#scripts tr[data-script] button')").await;
    no_serious_violations(&c, "author's page (nl)").await;

    // An admin deactivates an agent: the row says so, and the agent can no longer log in.
    let (admin_email, _) = app.add_user_with(Role::Admin, None, &["fr"]).await;
    let (agent_email, agent_id) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    c.delete_all_cookies().await.unwrap();
    log_in_to(&c, &app, &admin_email, "#links a[href=\"/admin\"]").await;
    c.goto(&app.url("/admin")).await.unwrap();
    let row = format!("#users tr[data-id=\"{agent_id}\"]");
    until(
        &c,
        &format!("document.querySelector('{row} button[data-action=\"active\"]')"),
    )
    .await;
    no_serious_violations(&c, "admin page (fr)").await;
    click(&c, &format!("{row} button[data-action=\"active\"]")).await;
    c.accept_alert().await.unwrap();
    until(
        &c,
        &format!("document.querySelector('{row}')?.classList.contains('inactive')"),
    )
    .await;
    shot(&c, "22-admin-deactivated").await;
    let refused = app.anonymous().login(&agent_email, PASSWORD).await;
    assert_eq!(refused.status, 401, "{}", refused.text);

    // The admin page in Dutch, for a Dutch-speaking admin.
    let (nl_admin, _) = app.add_user_with(Role::Admin, None, &["nl"]).await;
    c.delete_all_cookies().await.unwrap();
    log_in_to(&c, &app, &nl_admin, "#links a[href=\"/admin\"]").await;
    c.goto(&app.url("/admin")).await.unwrap();
    until(
        &c,
        "document.documentElement.lang === 'nl' && document.querySelector('#users tr[data-id]')",
    )
    .await;
    no_serious_violations(&c, "admin page (nl)").await;

    c.close().await.unwrap();
    app.stop().await;
}
