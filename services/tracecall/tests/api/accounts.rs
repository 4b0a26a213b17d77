//! Accounts an admin manages: deactivating closes the user's live console and their next
//! request is 401; a reset password must be changed before anything else; nobody raises
//! their own role; the last active admin stays; the command line does the same.

use std::time::Duration;

use kernel::auth::Role;
use serde_json::json;

use crate::support::ws::{session_cookie, Console};
use crate::support::{show, Backend, Session, TestApp, PASSWORD};

/// Long enough for the bus (at once) or the session sweep (every 5 s) on a loaded machine.
const CLOSES_WITHIN: Duration = Duration::from_secs(30);

async fn deactivation_closes_the_console_everywhere(backend: Backend) {
    let app = TestApp::start(backend).await;
    let other = app.another_node().await;
    let admin = app.login_as(Role::Admin).await;
    let (email, id) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let cookie = session_cookie(&app.url, &email).await;
    // The agent's console is on the other node; the admin acts on this one.
    let mut console = Console::connect(&other.url, &cookie).await;
    console.wait_for("state", |_| true).await;
    let agent = Session::anonymous(&app.url);
    assert_eq!(agent.login(&email, PASSWORD).await.status, 200);

    let users = admin.users().await.expect_json(200);
    assert!(users.to_string().contains(&email), "{users}");
    let off = admin
        .patch(&format!("/api/v1/users/{id}"), &json!({"active": false}))
        .await;
    assert_eq!(off.status, 200, "{}", off.text);
    assert_eq!(off.body["active"], false);
    console.closed_within(CLOSES_WITHIN).await;
    assert_eq!(agent.me().await.status, 401);
    assert_eq!(agent.login(&email, PASSWORD).await.status, 401);
    let on = admin
        .patch(&format!("/api/v1/users/{id}"), &json!({"active": true}))
        .await;
    assert_eq!(on.status, 200, "{}", on.text);
    assert_eq!(agent.login(&email, PASSWORD).await.status, 200);

    // Logging out closes the user's consoles too (here on the node logged out of: on SQLite,
    // a one-node store, there is no other; on PostgreSQL the bus reaches every node).
    let mut console = Console::connect(&app.url, &session_cookie(&app.url, &email).await).await;
    console.wait_for("state", |_| true).await;
    assert_eq!(agent.delete("/api/v1/session").await.status, 204);
    console.closed_within(CLOSES_WITHIN).await;
    assert_eq!(agent.login(&email, PASSWORD).await.status, 200);

    // One session of several ends (logged out in another browser): its console closes, on
    // another node too, while the user's other session lives on.
    let cookie = session_cookie(&app.url, &email).await;
    let mut console = Console::connect(&other.url, &cookie).await;
    console.wait_for("state", |_| true).await;
    let out = TestApp::client()
        .delete(app.url("/api/v1/session"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    console.closed_within(CLOSES_WITHIN).await;
    assert_eq!(agent.me().await.status, 200);

    // Revoking every session closes the console as well.
    let mut console = Console::connect(&other.url, &session_cookie(&app.url, &email).await).await;
    console.wait_for("state", |_| true).await;
    let revoked = admin.delete(&format!("/api/v1/users/{id}/sessions")).await;
    assert_eq!(revoked.status, 200, "{}", revoked.text);
    console.closed_within(CLOSES_WITHIN).await;
    assert_eq!(agent.me().await.status, 401);
    other.stop().await;
    app.stop().await;
}
both_backends!(deactivation_closes_the_console_everywhere);

async fn reset_passwords_and_the_rules_no_admin_breaks(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (admin_email, admin_id) = app.add_user_with(Role::Admin, None, &["en"]).await;
    let admin = app.session(&admin_email).await;
    let (email, id) = app.add_user_with(Role::Agent, None, &["fr"]).await;
    let agent = app.session(&email).await;

    // A reset ends the sessions and forces a new password before anything else.
    let reset = admin
        .post(
            &format!("/api/v1/users/{id}/password"),
            &json!({"password": "temporary password 1"}),
        )
        .await;
    assert_eq!(reset.status, 204, "{}", reset.text);
    assert_eq!(agent.me().await.status, 401);
    let fresh = Session::anonymous(&app.url);
    let login = fresh.login(&email, "temporary password 1").await;
    assert_eq!(login.status, 200);
    assert_eq!(login.body["user"]["must_change_password"], true);
    let blocked = fresh.search_cases("+32470123456").await;
    assert_eq!(blocked.status, 403);
    assert!(
        blocked.text.contains("password-change-required"),
        "{}",
        blocked.text
    );
    let wrong = fresh
        .post(
            "/api/v1/me/password",
            &json!({"current": "not it at all", "new": "my own new password"}),
        )
        .await;
    assert_eq!(wrong.status, 422);
    let changed = fresh
        .post(
            "/api/v1/me/password",
            &json!({"current": "temporary password 1", "new": "my own new password"}),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.text);
    assert_eq!(fresh.search_cases("+32470123456").await.status, 200);

    // Nobody changes their own role or deactivates themselves.
    let own = admin
        .patch(
            &format!("/api/v1/users/{admin_id}"),
            &json!({"role": "dpo"}),
        )
        .await;
    assert_eq!(own.status, 409, "{}", own.text);
    let own = admin
        .patch(
            &format!("/api/v1/users/{admin_id}"),
            &json!({"active": false}),
        )
        .await;
    assert_eq!(own.status, 409, "{}", own.text);
    // An agent cannot manage accounts at all.
    assert_eq!(
        fresh
            .patch(
                &format!("/api/v1/users/{id}"),
                &json!({"role": "supervisor"})
            )
            .await
            .status,
        403
    );
    // The last active admin stays: from the command line too.
    let out = app.run_cli(&["user", "deactivate", &admin_email], "");
    assert!(!out.status.success(), "{}", show(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("last active admin"));
    let (second, _) = app.add_user_with(Role::Admin, None, &["en"]).await;
    let out = app.run_cli(&["user", "deactivate", &admin_email], "");
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(admin.me().await.status, 401);
    let out = app.run_cli(&["user", "list"], "");
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        listed.contains(&format!("{admin_email}\tadmin\t-\tinactive")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("{second}\tadmin\t-\tactive")),
        "{listed}"
    );
    let out = app.run_cli(&["user", "reactivate", &admin_email], "");
    assert!(out.status.success(), "{}", show(&out));
    let out = app.run_cli(
        &[
            "user",
            "set",
            &email,
            "--role",
            "supervisor",
            "--language",
            "nl",
        ],
        "",
    );
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("supervisor, team -, languages nl"),
        "{}",
        show(&out)
    );
    // A machine role is not a person's.
    let second = app.session(&second).await;
    // Addresses that only look like an existing one are refused (Cyrillic а, full-width).
    let new_user = |email: &str| json!({"email": email, "name": "Look Alike", "role": "agent", "password": "long enough password"});
    assert_eq!(
        second
            .post("/api/v1/users", &new_user("ana.peeters@example.test"))
            .await
            .status,
        201
    );
    for look_alike in [
        "\u{430}na.peeters@example.test",
        "\u{FF21}na.peeters@example.test",
    ] {
        let refused = second.post("/api/v1/users", &new_user(look_alike)).await;
        assert_eq!(refused.status, 422, "{look_alike}: {}", refused.text);
        assert!(refused.text.contains("confusable"), "{}", refused.text);
    }
    let machine = second
        .patch(
            &format!("/api/v1/users/{id}"),
            &json!({"role": "telephony"}),
        )
        .await;
    assert_eq!(machine.status, 422, "{}", machine.text);
    app.stop().await;
}
both_backends!(reset_passwords_and_the_rules_no_admin_breaks);
