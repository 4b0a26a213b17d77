//! Logging in: failures slow down and then lock an account, failures over many accounts lock
//! the address, and behind TLS the session cookie is Secure.

use crate::support::{Backend, TestApp, PASSWORD};
use kernel::auth::Role;

async fn failed_logins_slow_down_then_lock(backend: Backend) {
    let app = TestApp::start(backend).await;
    let email = app.add_user(Role::Agent, None).await;
    // Every attempt comes from the address every test client shares.
    let c = app.anonymous();
    let attempt = |email: String, password: &'static str| {
        let c = &c;
        async move { c.login(&email, password).await }
    };
    let unknown = attempt("nobody@example.test".into(), "whatever pass").await;
    assert_eq!(unknown.status, 401);
    let unknown_detail = unknown.json();
    for _ in 0..4 {
        let wrong = attempt(email.clone(), "wrong password").await;
        assert_eq!(wrong.status, 401);
        let detail = wrong.json();
        assert_eq!(
            detail, unknown_detail,
            "the answer must not tell which part was wrong"
        );
    }
    let locked = attempt(email.clone(), "wrong password").await;
    assert_eq!(locked.status, 429);
    // Locked: even the right password is refused, with a time to wait.
    let right = attempt(email.clone(), PASSWORD).await;
    assert_eq!(right.status, 429);
    assert!(right.header("retry-after").parse::<u64>().unwrap() > 0);
    // Another account from the same address is not locked.
    let other = app.add_user(Role::Agent, None).await;
    assert_eq!(attempt(other, PASSWORD).await.status, 200);
    app.stop().await;
}
both_backends!(failed_logins_slow_down_then_lock);

/// Failures spread over many accounts from one address lock the address (without slowing
/// the test down: the slow-down starts later than the lock here).
async fn one_address_trying_many_accounts_is_locked(backend: Backend) {
    let app = TestApp::start_configured(backend, |c| {
        c.auth.address_max_failures = 6;
        c.auth.slow_after_failures = 100;
    })
    .await;
    let real = app.add_user(Role::Agent, None).await;
    let c = app.anonymous();
    let login = |email: String, password: &'static str| {
        let c = &c;
        async move { c.login(&email, password).await.status }
    };
    for i in 0..5 {
        assert_eq!(login(format!("guess{i}@example.test"), "nope").await, 401);
    }
    assert_eq!(login("guess5@example.test".into(), "nope").await, 429);
    assert_eq!(
        login(real, PASSWORD).await,
        429,
        "the address is locked, even for a right password"
    );
    app.stop().await;
}
both_backends!(one_address_trying_many_accounts_is_locked);

/// Behind TLS (an https public URL) the session cookie is Secure as well.
async fn the_cookie_is_secure_behind_tls(backend: Backend) {
    let app = TestApp::start_configured(backend, |c| {
        c.public_url = Some("https://tracecall.example.org".into());
    })
    .await;
    let email = app.add_user(Role::Agent, None).await;
    let r = app.anonymous().login(&email, PASSWORD).await;
    let cookie = r.header("set-cookie");
    for flag in ["HttpOnly", "SameSite=Strict", "Secure"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    app.stop().await;
}
both_backends!(the_cookie_is_secure_behind_tls);
