//! A finished contact call that asks for a quarantine certificate and a test prescription
//! issues each exactly once, with the call; the agent downloads the PDF (audited), whose
//! text names the holder and the period and whose picture carries a QR code; decoded from
//! the rendered PNG, that code is a COSE_Sign1 which an independent COSE library (Python's
//! pycose) verifies with the published key alone, and refuses once a byte changes. A
//! supervisor revokes it: its status says so and the signed revocation list names it. The
//! operator's `tracecall document issue` writes a PDF too.

use std::process::Command;

use serde_json::json;

use super::reached::{autopilot, contact_reached};
use super::{agent, campaign, take_call};
use crate::support::{Backend, TestApp};

/// Verifies `code` with the JWK `x` (base64url) in pycose; prints the holder's name.
const VERIFY: &str = r#"
import sys, zlib, base64
from pycose.messages import Sign1Message
from pycose.keys import OKPKey
from pycose.keys.curves import Ed25519
code, x = sys.argv[1], sys.argv[2]
alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
def b45decode(s):
    out = bytearray()
    for i in range(0, len(s), 3):
        chunk = [alphabet.index(c) for c in s[i:i + 3]]
        n = sum(v * 45 ** j for j, v in enumerate(chunk))
        out += n.to_bytes(2 if len(chunk) == 3 else 1, "big")
    return bytes(out)
assert code.startswith("TC1:")
msg = Sign1Message.decode(zlib.decompress(b45decode(code[4:])))
msg.key = OKPKey(crv=Ed25519, x=base64.urlsafe_b64decode(x + "=" * (-len(x) % 4)))
if not msg.verify_signature():
    sys.exit("signature does not verify")
import cbor2
print(cbor2.loads(msg.payload)["name"])
"#;

fn run(cmd: &mut Command) -> std::process::Output {
    cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"))
}

async fn a_call_issues_its_documents_once_signed_and_verifiable(backend: Backend) {
    let app = TestApp::start(backend).await;
    let supervisor = campaign(&app, "contact", "contact", 1).await;
    let (mut c, email) = agent(&app).await;
    let call = take_call(&mut c).await;
    let id = call["call_id"].as_str().unwrap().to_string();
    let mut answers = contact_reached();
    answers["needs_certificate"] = json!(true);
    answers["certificate_for"] = json!("employer");
    assert_eq!(autopilot(&mut c, &call, &answers).await, "reached");
    c.ok("finish", json!({"call_id": id, "outcome": "reached"}))
        .await;
    // Finishing again changes nothing.
    let again = c
        .request("finish", json!({"call_id": id, "outcome": "reached"}))
        .await;
    assert_eq!(again["type"], "error", "{again}");
    let docs: Vec<(String, String)> =
        sqlx::query_as("SELECT id, kind FROM documents WHERE call_id = $1 ORDER BY kind")
            .bind(&id)
            .fetch_all(app.kernel.db.pool())
            .await
            .unwrap();
    let kinds: Vec<&str> = docs.iter().map(|(_, k)| k.as_str()).collect();
    assert_eq!(kinds, ["quarantine_certificate", "test_prescription"]);
    let sealed: Vec<u8> = sqlx::query_scalar("SELECT sealed FROM documents WHERE id = $1")
        .bind(&docs[0].0)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains("Peeters"));

    // The agent downloads the certificate; nobody else can.
    let session = app.session(&email).await;
    let pdf = session
        .send(session.request(
            reqwest::Method::GET,
            &format!("/api/v1/documents/{}/pdf", docs[0].0),
        ))
        .await;
    assert_eq!(pdf.status, 200, "{}", pdf.text);
    let (_other, other_email) = agent(&app).await;
    let stranger = app.session(&other_email).await;
    assert_eq!(
        stranger
            .get(&format!("/api/v1/documents/{}/pdf", docs[0].0))
            .await
            .status,
        404
    );
    let keys = app.anonymous().get("/api/v1/documents/keys").await;
    assert_eq!(keys.status, 200);
    let x = keys.body["keys"][0]["x"].as_str().unwrap().to_string();
    assert_eq!(keys.body["keys"][0]["crv"], "Ed25519");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("certificate.pdf");
    std::fs::write(&file, pdf_bytes(&app, &email, &docs[0].0).await).unwrap();
    let text = run(Command::new("pdftotext").arg(&file).arg("-"));
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert!(text.contains("Ana0 Peeters"), "{text}");
    assert!(text.contains("quarantaine"), "{text}");
    run(Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-singlefile"])
        .arg(&file)
        .arg(dir.path().join("page")));
    let scanned = run(Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(dir.path().join("page.png")));
    let code = String::from_utf8_lossy(&scanned.stdout).trim().to_string();
    assert!(code.starts_with("TC1:"), "{scanned:?}");

    let verified = run(Command::new("python3").args(["-c", VERIFY, &code, &x]));
    assert!(verified.status.success(), "{verified:?}");
    assert_eq!(
        String::from_utf8_lossy(&verified.stdout).trim(),
        "Ana0 Peeters"
    );
    // One character of the code changed: refused.
    let mut chars: Vec<char> = code.chars().collect();
    let at = chars.len() / 2;
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    let refused = run(Command::new("python3").args(["-c", VERIFY, &tampered, &x]));
    assert!(!refused.status.success(), "a changed code must not verify");

    // Revoked by a supervisor (not by an agent; not twice), with a reason from the list.
    let certificate = &docs[0].0;
    let revoke = format!("/api/v1/documents/{certificate}/revoke");
    assert_eq!(
        session
            .post(&revoke, &json!({"reason": "issued_in_error"}))
            .await
            .status,
        403
    );
    let sup = app.session(&supervisor).await;
    let bad = sup.post(&revoke, &json!({"reason": "because"})).await;
    assert!(bad.status == 400 || bad.status == 422, "{}", bad.text);
    assert_eq!(
        sup.post(&revoke, &json!({"reason": "issued_in_error"}))
            .await
            .status,
        204
    );
    assert_eq!(
        sup.post(&revoke, &json!({"reason": "issued_in_error"}))
            .await
            .status,
        409
    );
    let status = app
        .anonymous()
        .get(&format!("/api/v1/documents/{certificate}/status"))
        .await;
    assert_eq!(status.body["state"], "revoked");
    let list = app.anonymous().get("/api/v1/documents/revoked").await;
    let text = list.body["list"].as_str().unwrap();
    assert!(text.contains(certificate.as_str()), "{text}");
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&b64.decode(&x).unwrap().try_into().unwrap())
        .unwrap();
    let signature = ed25519_dalek::Signature::from_slice(
        &b64.decode(list.body["signature"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    key.verify_strict(text.as_bytes(), &signature)
        .expect("the revocation list verifies with the published key");

    // The operator's command issues one too, in the language asked for.
    let code = call["case"]["code"].as_str().unwrap();
    let out_file = dir.path().join("prescription.pdf");
    let out = app.run_cli(
        &[
            "document",
            "issue",
            "--case",
            code,
            "--kind",
            "test_prescription",
            "--language",
            "de",
            "--out",
            out_file.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{out:?}");
    assert!(std::fs::read(&out_file).unwrap().starts_with(b"%PDF-"));
    let text = run(Command::new("pdftotext").arg(&out_file).arg("-"));
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("Testverschreibung"),
        "{text:?}"
    );

    let downloads: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'document.downloaded'")
            .fetch_one(app.kernel.db.pool())
            .await
            .unwrap();
    assert_eq!(downloads, 2);
    app.stop().await;
}
both_backends!(a_call_issues_its_documents_once_signed_and_verifiable);

/// The PDF bytes as `email` downloads them.
async fn pdf_bytes(app: &TestApp, email: &str, id: &str) -> Vec<u8> {
    let client = app.login(email).await;
    client
        .get(app.url(&format!("/api/v1/documents/{id}/pdf")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

/// An agent on a call with the case issues a certificate in the language they choose, and
/// issuing again replaces it (the first is revoked as replaced); an agent without a call on
/// the case is refused by the access decision, a supervisor by role.
async fn an_agent_on_the_call_issues_and_reissues(backend: Backend) {
    let app = TestApp::start(backend).await;
    let supervisor = campaign(&app, "contact", "contact", 1).await;
    let (mut c, email) = agent(&app).await;
    let call = take_call(&mut c).await;
    let code = call["case"]["code"].as_str().unwrap().to_string();
    let body = json!({"case": code, "kind": "quarantine_certificate", "language": "nl"});
    let session = app.session(&email).await;
    let first = session.post("/api/v1/documents", &body).await;
    assert_eq!(first.status, 201, "{}", first.text);
    let first = first.body["id"].as_str().unwrap().to_string();
    let second = session.post("/api/v1/documents", &body).await;
    assert_eq!(second.status, 201, "{}", second.text);
    let second = second.body["id"].as_str().unwrap().to_string();
    let state = |id: String| {
        let app = &app;
        async move {
            app.anonymous()
                .get(&format!("/api/v1/documents/{id}/status"))
                .await
                .body["state"]
                .clone()
        }
    };
    assert_eq!(state(first.clone()).await, "revoked");
    assert_eq!(state(second.clone()).await, "issued");
    let reason: String = sqlx::query_scalar("SELECT revoked_reason FROM documents WHERE id = $1")
        .bind(&first)
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap();
    assert_eq!(reason, "replaced");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nl.pdf");
    std::fs::write(&file, pdf_bytes(&app, &email, &second).await).unwrap();
    let text = run(Command::new("pdftotext").arg(&file).arg("-"));
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("Quarantaineattest"),
        "{text:?}"
    );

    let (_other, other_email) = agent(&app).await;
    let refused = app
        .session(&other_email)
        .await
        .post("/api/v1/documents", &body)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    let sup = app.session(&supervisor).await;
    assert_eq!(sup.post("/api/v1/documents", &body).await.status, 403);
    let bad = session
        .post(
            "/api/v1/documents",
            &json!({"case": code, "kind": "quarantine_certificate", "language": "xx"}),
        )
        .await;
    assert!(bad.status == 400 || bad.status == 422, "{}", bad.text);
    app.stop().await;
}
both_backends!(an_agent_on_the_call_issues_and_reissues);
