//! The public verification page in a real browser, with the network cut: the page loads,
//! DevTools takes the browser offline, a pasted code is checked in the page with the keys it
//! came with and shows "valid" with the holder's name; a changed code is refused; back
//! online, a revoked document shows as revoked.

use documents::store::Source;
use documents::template::DocumentKind;
use fantoccini::Client;
use kernel::auth::Role;
use serde_json::json;

use super::axe::no_serious_violations;
use super::{shot, until, Driver};
use crate::support::{Backend, TestApp};

/// chromedriver's network emulation (DevTools' "offline"), as a WebDriver command.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/chromium/network_conditions",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"network_conditions": {
            "offline": self.offline, "latency": 0,
            "download_throughput": 1_000_000, "upload_throughput": 1_000_000,
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn check(c: &Client, code: &str) {
    c.execute(
        "const i = document.querySelector('#code'); i.value = arguments[0];
         document.querySelector('#verdict').hidden = true;
         document.querySelector('#verify-form button[type=submit]').click();",
        vec![json!(code)],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_is_verified_in_the_browser_with_the_network_cut() {
    let app = TestApp::start(Backend::Sqlite).await;
    app.import(
        "first_name,last_name,phone,language,postal_code,case_type,birth_date\n\
         Léa,Dubois,+32470123456,fr,1000,contact,1990-04-12\n"
            .to_string(),
    )
    .await;
    let code: String = sqlx::query_scalar("SELECT code FROM cases")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    let id = documents::manual::issue_for_case(
        &app.kernel,
        &code,
        DocumentKind::QuarantineCertificate,
        None,
        "test",
        Source::Cli,
    )
    .await
    .unwrap();
    let signed = documents::store::render(&app.kernel, &id)
        .await
        .unwrap()
        .code;

    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let c = driver.browser(&profiles.path().join("checker")).await;
    c.goto(&app.url("/verify?lang=fr")).await.unwrap();
    until(
        &c,
        "document.querySelector('#verify-form') && document.documentElement.lang === 'fr'",
    )
    .await;
    no_serious_violations(&c, "verification page (fr)").await;

    // The network cut: the page alone decides.
    c.issue_cmd(NetworkConditions { offline: true })
        .await
        .unwrap();
    check(&c, &signed).await;
    until(&c, "document.querySelector('#verdict')?.dataset.state === 'valid' && !document.querySelector('#verdict').hidden").await;
    let facts = c
        .execute(
            "return document.querySelector('#verdict').textContent;",
            vec![],
        )
        .await
        .unwrap();
    let facts = facts.as_str().unwrap().to_string();
    assert!(facts.contains("Léa Dubois"), "{facts}");
    assert!(facts.contains("Certificat de quarantaine"), "{facts}");
    until(
        &c,
        "document.querySelector('#revocation').textContent.length > 0",
    )
    .await;
    shot(&c, "48-verify-offline-valid").await;
    no_serious_violations(&c, "verification page with a valid code (fr)").await;

    // A changed character: refused, still offline.
    let mut chars: Vec<char> = signed.chars().collect();
    let at = chars.len() / 2;
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    check(&c, &chars.into_iter().collect::<String>()).await;
    until(&c, "document.querySelector('#verdict')?.dataset.state === 'invalid' && !document.querySelector('#verdict').hidden").await;

    // Back online, a revoked document shows as revoked.
    c.issue_cmd(NetworkConditions { offline: false })
        .await
        .unwrap();
    let sup = app.login_as(Role::Supervisor).await;
    assert_eq!(
        sup.post(
            &format!("/api/v1/documents/{id}/revoke"),
            &json!({"reason": "issued_in_error"})
        )
        .await
        .status,
        204
    );
    check(&c, &signed).await;
    until(&c, "document.querySelector('#verdict')?.dataset.state === 'revoked' && !document.querySelector('#verdict').hidden").await;
    shot(&c, "49-verify-revoked").await;
    c.close().await.unwrap();
    app.stop().await;
}
