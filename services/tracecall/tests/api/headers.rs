//! Every answer carries the security headers, pages and APIs, errors and static files alike;
//! HSTS only when the public URL is https. The CSP allows no inline code, and the pages carry
//! none: their scripts and styles are files, which answer.

use kernel::auth::Role;
use serde_json::json;

use crate::support::{Backend, Session, TestApp};

async fn every_answer_carries_the_security_headers(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = TestApp::client();
    let requests = [
        ("GET", "/healthz"),
        ("GET", "/"),
        ("GET", "/static/console/console.js"),
        ("GET", "/static/kernel/base.css"),
        ("GET", "/api/v1/no-such-route"),
        ("PUT", "/healthz"),
        ("GET", "/api/v1/campaigns"),
    ];
    for (method, path) in requests {
        let r = client
            .request(method.parse().unwrap(), app.url(path))
            .send()
            .await
            .unwrap();
        let h = r.headers();
        let what = format!("{method} {path} ({})", r.status());
        assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
        assert_eq!(h["x-frame-options"], "DENY", "{what}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{what}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
        assert!(csp.contains("style-src 'self'"), "{what}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{what}: {csp}");
        assert!(h.get("strict-transport-security").is_none(), "{what}");
    }
    app.stop().await;

    let behind_tls = TestApp::start_configured(backend, |c| {
        c.public_url = Some("https://tracecall.example".into());
    })
    .await;
    let r = client.get(behind_tls.url("/healthz")).send().await.unwrap();
    let hsts = r.headers()["strict-transport-security"].to_str().unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");
    behind_tls.stop().await;
}
both_backends!(every_answer_carries_the_security_headers);

/// `path`, as `session` sees it, has nothing the CSP refuses: no `<style>` element, no style
/// or event handler attribute, no `javascript:` URL, no script without a `src` (a JSON data
/// block aside); and every file it links under `/static/` answers with its type (`nosniff`
/// refuses a script or style sheet sent as anything else).
pub async fn assert_no_inline_code(session: &Session, path: &str) {
    let page = session.get(path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.text);
    for tag in page.text.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default().to_lowercase();
        let what = format!("{path}: <{tag}>");
        let name = tag.split_whitespace().next().unwrap_or_default();
        assert_ne!(name, "style", "{what}");
        assert!(!tag.contains(" style="), "{what}");
        assert!(!tag.contains("javascript:"), "{what}");
        let handler = tag.split_whitespace().skip(1).any(|attr| {
            attr.split_once('=').is_some_and(|(n, _)| {
                n.len() > 2 && n.starts_with("on") && n.bytes().all(|b| b.is_ascii_lowercase())
            })
        });
        assert!(!handler, "{what}");
        if name == "script" {
            assert!(
                tag.contains(" src=") || tag.contains("type=\"application/json\""),
                "{what}"
            );
        }
    }
    let links = page.text.split('"').filter(|v| v.starts_with("/static/"));
    for link in links {
        let file = session.get(link).await;
        assert_eq!(file.status, 200, "{path} links {link}");
        let kind = file.headers["content-type"].to_str().unwrap();
        if link.ends_with(".js") {
            assert!(kind.starts_with("text/javascript"), "{link}: {kind}");
        } else if link.ends_with(".css") {
            assert!(kind.starts_with("text/css"), "{link}: {kind}");
        }
    }
}

async fn pages_carry_no_inline_code(backend: Backend) {
    let app = TestApp::start(backend).await;
    // The login form, then each role's home: console, dashboard, or the page of links.
    assert_no_inline_code(&app.anonymous(), "/").await;
    for role in Role::PEOPLE {
        assert_no_inline_code(&app.login_as(role).await, "/").await;
    }
    assert_no_inline_code(&app.login_as(Role::Agent).await, "/learn").await;
    assert_no_inline_code(&app.login_as(Role::Trainer).await, "/learn/progress").await;
    assert_no_inline_code(&app.login_as(Role::Epidemiologist).await, "/exports").await;
    assert_no_inline_code(&app.login_as(Role::Admin).await, "/admin").await;
    assert_no_inline_code(&app.login_as(Role::Dpo).await, "/audit/person").await;
    assert_no_inline_code(&app.login_as(Role::Agent).await, "/account/password").await;

    // A user whose password an admin reset gets the form for a new one at `/`, in their
    // language, and its files answer although every other route refuses them.
    let admin = app.login_as(Role::Admin).await;
    let (email, id) = app.add_user_with(Role::Agent, None, &["nl"]).await;
    let reset = admin
        .post(
            &format!("/api/v1/users/{id}/password"),
            &json!({"password": "temporary password 1"}),
        )
        .await;
    assert_eq!(reset.status, 204, "{}", reset.text);
    let forced = app.anonymous();
    let login = forced.login(&email, "temporary password 1").await;
    assert_eq!(login.status, 200, "{}", login.text);
    assert_no_inline_code(&forced, "/").await;
    let page = forced.get("/").await;
    assert!(page.text.contains("id=\"password-form\""), "{}", page.text);
    assert!(page.text.contains("lang=\"nl\""), "{}", page.text);
    app.stop().await;
}
both_backends!(pages_carry_no_inline_code);
