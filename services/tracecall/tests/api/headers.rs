//! Every answer carries the security headers, pages and APIs, errors and static files alike;
//! HSTS only when the public URL is https.

use crate::support::{Backend, TestApp};

async fn every_answer_carries_the_security_headers(backend: Backend) {
    let app = TestApp::start(backend).await;
    let client = TestApp::client();
    let requests = [
        ("GET", "/healthz"),
        ("GET", "/"),
        ("GET", "/static/console/console.js"),
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
        assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
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
