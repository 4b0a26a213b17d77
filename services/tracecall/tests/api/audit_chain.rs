//! The audit log against a hostile database writer: rows cut off the end, the table
//! truncated, an entry rewritten with the plain chain recomputed. The keyed chain and the
//! signed checkpoints outside the database catch each.

use kernel::db::Backend as DbBackend;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::support::cli::show;
use kernel::auth::Role;

use crate::support::{Backend, TestApp};

/// An app whose worker writes no checkpoints, so that the test decides where they fall.
async fn start(backend: Backend) -> TestApp {
    TestApp::start_configured(backend, |c| {
        c.audit.checkpoint_every_entries = 0;
        c.audit.checkpoint_every_secs = 0;
    })
    .await
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes a checkpoint through the CLI and returns the row it signed and that row's hash.
async fn checkpoint(app: &TestApp) -> (i64, String) {
    let out = app.run_cli(&["audit", "checkpoint"], "");
    assert!(out.status.success(), "{}", show(&out));
    let said = stdout(&out);
    let found = regex::Regex::new(r"row (\d+) \(([0-9a-f]{64})\)")
        .unwrap()
        .captures(&said)
        .unwrap_or_else(|| panic!("{}", show(&out)))
        .iter()
        .skip(1)
        .map(|m| m.unwrap().as_str().to_string())
        .collect::<Vec<_>>();
    (found[0].parse().unwrap(), found[1].clone())
}

/// What an attacker with the database's owner rights does first: switch the guards off.
async fn disable_guards(app: &TestApp) {
    let db = &app.kernel.db;
    let statements: &[&str] = match db.backend() {
        DbBackend::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        DbBackend::Postgres => &["ALTER TABLE audit_log DISABLE TRIGGER USER"],
    };
    for s in statements {
        sqlx::query(s).execute(db.writer()).await.unwrap();
    }
}

async fn verify(app: &TestApp, with_checkpoints: bool) -> std::process::Output {
    let dir = app.data_dir.path().join("audit-checkpoints");
    let dir = dir.to_str().unwrap();
    if with_checkpoints {
        app.run_cli(&["audit", "verify", "--checkpoints", dir], "")
    } else {
        app.run_cli(&["audit", "verify"], "")
    }
}

async fn checkpoints_catch_a_cut_and_a_truncated_log(backend: Backend) {
    let app = start(backend).await;
    for _ in 0..3 {
        app.add_user(Role::Agent, None).await;
    }
    let (first, first_hash) = checkpoint(&app).await;
    for _ in 0..3 {
        app.add_user(Role::Agent, None).await;
    }
    let (second, _) = checkpoint(&app).await;
    assert!(second > first);
    app.add_user(Role::Agent, None).await;
    let out = verify(&app, true).await;
    assert!(out.status.success(), "{}", show(&out));
    assert!(
        stdout(&out).contains("against 2 signed checkpoints"),
        "{}",
        show(&out)
    );

    // Cut every row after the first checkpoint and rewind the head to it: the chain alone
    // still verifies, the checkpoints do not.
    disable_guards(&app).await;
    let db = &app.kernel.db;
    sqlx::query("DELETE FROM audit_log WHERE id > $1")
        .bind(first)
        .execute(db.writer())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1")
        .bind(first)
        .bind(&first_hash)
        .execute(db.writer())
        .await
        .unwrap();
    let out = verify(&app, false).await;
    assert!(
        out.status.success(),
        "the cut chain verifies on its own: {}",
        show(&out)
    );
    let out = verify(&app, true).await;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let said = stdout(&out);
    assert!(
        said.contains(&format!("checkpoint: row {second} "))
            && said.contains(&format!("last good checkpoint: row {first} ")),
        "{}",
        show(&out)
    );

    // Empty the table and reset the head, as TRUNCATE would.
    let empty = match db.backend() {
        DbBackend::Sqlite => "DELETE FROM audit_log",
        DbBackend::Postgres => "TRUNCATE audit_log",
    };
    sqlx::query(empty).execute(db.writer()).await.unwrap();
    sqlx::query("UPDATE audit_head SET last_id = 0, last_hash = $1 WHERE id = 1")
        .bind("0".repeat(64))
        .execute(db.writer())
        .await
        .unwrap();
    let out = verify(&app, false).await;
    assert!(out.status.success(), "{}", show(&out));
    let out = verify(&app, true).await;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        stdout(&out).contains(&format!("checkpoint: row {first} "))
            && stdout(&out).contains("no checkpoint matches the log"),
        "{}",
        show(&out)
    );
    app.stop().await;
}
both_backends!(checkpoints_catch_a_cut_and_a_truncated_log);

/// The plain SHA-256 chain an attacker can recompute: the same length-prefixed fields the
/// application hashes, without the key.
fn plain_hash(row: &sqlx::any::AnyRow, prev: &str) -> String {
    let mut h = Sha256::new();
    let id: i64 = row.get("id");
    let at: i64 = row.get("at");
    let request_id: Option<String> = row.get("request_id");
    let parts: [String; 8] = [
        prev.to_string(),
        id.to_string(),
        at.to_string(),
        row.get("actor"),
        row.get("action"),
        row.get("subject"),
        request_id.unwrap_or_default(),
        row.get("detail"),
    ];
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

async fn a_rewritten_entry_fails_even_with_the_chain_recomputed(backend: Backend) {
    let app = start(backend).await;
    for _ in 0..3 {
        app.add_user(Role::Agent, None).await;
    }
    let out = verify(&app, false).await;
    assert!(out.status.success(), "{}", show(&out));
    disable_guards(&app).await;
    let db = &app.kernel.db;
    sqlx::query("UPDATE audit_log SET actor = 'user:999' WHERE id = 2")
        .execute(db.writer())
        .await
        .unwrap();
    let rows = sqlx::query(
        "SELECT id, at, actor, action, subject, request_id, detail FROM audit_log ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let mut prev = "0".repeat(64);
    for row in &rows {
        let hash = plain_hash(row, &prev);
        let id: i64 = row.get("id");
        sqlx::query("UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1")
            .bind(id)
            .bind(&prev)
            .bind(&hash)
            .execute(db.writer())
            .await
            .unwrap();
        prev = hash;
    }
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(db.writer())
        .await
        .unwrap();
    let out = verify(&app, false).await;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    // Row 1 was rehashed without the key too, so the walk stops at the first row.
    assert!(
        stdout(&out).contains("audit row 1: content does not match its hash"),
        "{}",
        show(&out)
    );
    app.stop().await;
}
both_backends!(a_rewritten_entry_fails_even_with_the_chain_recomputed);

async fn a_forged_checkpoint_is_refused(backend: Backend) {
    let app = start(backend).await;
    app.add_user(Role::Agent, None).await;
    let (seq, _) = checkpoint(&app).await;
    let dir = app.data_dir.path().join("audit-checkpoints");
    let path = dir.join(format!("checkpoint-{seq:012}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut cp: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The public key beside the checkpoints verifies the signature with a library of the
    // auditor's choosing; here ed25519-dalek over the documented message.
    let key = std::fs::read_to_string(dir.join("checkpoint-key.pub")).unwrap();
    let key: [u8; 32] =
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, key.trim())
            .unwrap()
            .try_into()
            .unwrap();
    let key = ed25519_dalek::VerifyingKey::from_bytes(&key).unwrap();
    let message = |cp: &serde_json::Value| {
        format!(
            "tracecall-audit-checkpoint:{}:{}:{}:{}:{}:{}",
            cp["version"],
            cp["seq"],
            cp["hash"].as_str().unwrap(),
            cp["keyed_from"],
            cp["at"],
            cp["key_id"].as_str().unwrap()
        )
    };
    let signature: [u8; 64] = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        cp["signature"].as_str().unwrap(),
    )
    .unwrap()
    .try_into()
    .unwrap();
    let signature = ed25519_dalek::Signature::from_bytes(&signature);
    use ed25519_dalek::Verifier;
    key.verify(message(&cp).as_bytes(), &signature).unwrap();
    cp["seq"] = serde_json::json!(seq + 100);
    assert!(key.verify(message(&cp).as_bytes(), &signature).is_err());
    std::fs::write(&path, cp.to_string()).unwrap();
    let out = verify(&app, true).await;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(
        stdout(&out).contains("signature does not verify"),
        "{}",
        show(&out)
    );
    app.stop().await;
}
both_backends!(a_forged_checkpoint_is_refused);
