//! Logging in: attempts are counted before the password is checked, so a concurrent burst
//! gets no more real checks than the limit; guessing one account from one address, or many
//! accounts from one address, stops there without locking out other users (behind a trusted
//! proxy, the client's own address counts); behind TLS the session cookie is Secure.

use futures::stream::{FuturesUnordered, StreamExt};
use serde_json::json;

use crate::support::{Backend, Session, TestApp, PASSWORD};
use kernel::auth::Role;

/// Failures are counted in fixed windows (`auth.failure_window_minutes`, 15 by default): a
/// test whose attempts straddled a window's end would see its count start again. The
/// throttle tests run on a clock standing still in the middle of a window.
fn mid_window(
    configure: impl FnOnce(&mut kernel::config::Config),
) -> (
    std::sync::Arc<dyn kernel::clock::Clock>,
    impl FnOnce(&mut kernel::config::Config),
) {
    let window_ms: i64 = 15 * 60_000;
    let now = chrono::Utc::now().timestamp_millis();
    let mid = now.div_euclid(window_ms) * window_ms + window_ms / 2;
    let at = chrono::DateTime::from_timestamp_millis(mid).unwrap_or_else(chrono::Utc::now);
    let clock: std::sync::Arc<dyn kernel::clock::Clock> =
        std::sync::Arc::new(kernel::clock::ManualClock::new(at));
    (clock, move |c: &mut kernel::config::Config| {
        configure(c);
        c.auth.failure_window_minutes = 15;
    })
}

async fn failed_logins_slow_down_then_lock(backend: Backend) {
    let (clock, configure) = mid_window(|_| {});
    let app = TestApp::start_configured_on(backend, clock, configure).await;
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
    for _ in 0..5 {
        let wrong = attempt(email.clone(), "wrong password").await;
        assert_eq!(wrong.status, 401);
        let detail = wrong.json();
        assert_eq!(
            detail, unknown_detail,
            "the answer must not tell which part was wrong"
        );
    }
    // Five tries for this account from this address: even the right password is refused now,
    // with a time to wait.
    let right = attempt(email.clone(), PASSWORD).await;
    assert_eq!(right.status, 429);
    assert!(right.header("retry-after").parse::<u64>().unwrap() > 0);
    // Another account from the same address is not locked.
    let other = app.add_user(Role::Agent, None).await;
    assert_eq!(attempt(other, PASSWORD).await.status, 200);
    // The log names a known account by id and an unknown one by a short hash only.
    let subjects: Vec<String> = sqlx::query_scalar(
        "SELECT subject FROM audit_log WHERE action = 'session.login_failed' ORDER BY id",
    )
    .fetch_all(app.kernel.db.pool())
    .await
    .unwrap();
    assert_eq!(subjects.len(), 6, "{subjects:?}");
    assert!(subjects[0].starts_with("account:") && subjects[0].len() == "account:".len() + 16);
    assert!(
        subjects[1..].iter().all(|s| s.starts_with("user:")),
        "{subjects:?}"
    );
    assert!(!subjects.iter().any(|s| s.contains('@')), "{subjects:?}");
    app.stop().await;
}
both_backends!(failed_logins_slow_down_then_lock);

/// Failures spread over many accounts from one address lock the address (without slowing
/// the test down: the slow-down starts later than the lock here).
async fn one_address_trying_many_accounts_is_locked(backend: Backend) {
    let (clock, configure) = mid_window(|c| {
        c.auth.address_max_failures = 6;
        c.auth.slow_after_failures = 100;
    });
    let app = TestApp::start_configured_on(backend, clock, configure).await;
    let real = app.add_user(Role::Agent, None).await;
    let c = app.anonymous();
    let login = |email: String, password: &'static str| {
        let c = &c;
        async move { c.login(&email, password).await.status }
    };
    for i in 0..6 {
        assert_eq!(login(format!("guess{i}@example.test"), "nope").await, 401);
    }
    assert_eq!(login("guess6@example.test".into(), "nope").await, 429);
    assert_eq!(
        login(real, PASSWORD).await,
        429,
        "the address is locked, even for a right password"
    );
    app.stop().await;
}
both_backends!(one_address_trying_many_accounts_is_locked);

/// The number of real password checks the server has made.
async fn password_checks(app: &TestApp) -> u64 {
    let metrics = app.anonymous().get("/metrics").await.text;
    metrics
        .lines()
        .find(|l| l.starts_with("tracecall_login_password_checks_total "))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no password check counter in {metrics}"))
}

/// 200 concurrent wrong passwords for one account get at most the limit of real checks, and
/// the right password sent while the burst is answered is refused.
async fn a_concurrent_burst_gets_no_more_checks_than_the_limit(backend: Backend) {
    let (clock, configure) = mid_window(|c| {
        c.auth.account_max_failures = 5;
        c.auth.address_max_failures = 1000;
        c.auth.slow_after_failures = 1000;
    });
    let app = TestApp::start_configured_on(backend, clock, configure).await;
    let email = app.add_user(Role::Agent, None).await;
    let before = password_checks(&app).await;
    let c = app.anonymous();
    let mut burst: FuturesUnordered<_> = (0..200)
        .map(|_| {
            let (c, email) = (&c, email.clone());
            async move { c.login(&email, "wrong password").await.status }
        })
        .collect();
    let mut statuses = Vec::new();
    // Once ten answers are back, ten attempts have been counted: the right password now
    // comes in the middle of the burst.
    while statuses.len() < 10 {
        statuses.push(burst.next().await.unwrap());
    }
    let right = Session::anonymous(&app.url).login(&email, PASSWORD).await;
    while let Some(s) = burst.next().await {
        statuses.push(s);
    }
    assert_eq!(right.status, 429, "the right password during the burst");
    let checked = password_checks(&app).await - before;
    assert!(checked <= 5, "{checked} real password checks");
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count() as u64,
        checked
    );
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
    app.stop().await;
}
both_backends!(a_concurrent_burst_gets_no_more_checks_than_the_limit);

async fn login_from(c: &Session, email: &str, password: &str, client: &str) -> u16 {
    c.send(
        c.request(reqwest::Method::POST, "/api/v1/session")
            .header("x-forwarded-for", client)
            .json(&json!({"email": email, "password": password})),
    )
    .await
    .status
}

/// Behind a trusted proxy, one client address spraying bad logins is stopped alone; other
/// users behind the same proxy still log in. From an untrusted peer the header is ignored,
/// so it cannot be used to dodge the limit.
async fn one_address_spraying_does_not_lock_out_others(backend: Backend) {
    let (clock, configure) = mid_window(|c| {
        c.auth.address_max_failures = 5;
        c.auth.slow_after_failures = 1000;
        c.http.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    });
    let app = TestApp::start_configured_on(backend, clock, configure).await;
    let user = app.add_user(Role::Agent, None).await;
    let c = app.anonymous();
    for i in 0..5 {
        let status = login_from(&c, &format!("g{i}@example.test"), "nope", "203.0.113.9").await;
        assert_eq!(status, 401);
    }
    assert_eq!(
        login_from(&c, "g5@example.test", "nope", "203.0.113.9").await,
        429
    );
    assert_eq!(login_from(&c, &user, PASSWORD, "198.51.100.4").await, 200);
    app.stop().await;

    // No trusted proxy: the header is the client's word, and ignored.
    let (clock, configure) = mid_window(|c| {
        c.auth.address_max_failures = 5;
        c.auth.slow_after_failures = 1000;
    });
    let app = TestApp::start_configured_on(backend, clock, configure).await;
    let c = app.anonymous();
    for i in 0..5 {
        let forged = format!("203.0.113.{i}");
        assert_eq!(
            login_from(&c, &format!("g{i}@example.test"), "nope", &forged).await,
            401
        );
    }
    assert_eq!(
        login_from(&c, "g5@example.test", "nope", "203.0.113.77").await,
        429
    );
    app.stop().await;
}
both_backends!(one_address_spraying_does_not_lock_out_others);

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
