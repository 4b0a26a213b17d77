//! The telephony webhook takes signed events from a telephony token only: unsigned, badly
//! signed, stale, replayed events and numbers that are not E.164 are refused, and nothing of
//! a refused event is stored.

use kernel::auth::Role;
use serde_json::json;

use crate::support::{Backend, TestApp};

/// How many telephony events still hold a caller's number or its token.
async fn callers_kept(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM telephony_events WHERE caller IS NOT NULL OR caller_token IS NOT NULL",
    )
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap()
}

async fn count_events(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM telephony_events")
        .fetch_one(app.kernel.db.pool())
        .await
        .unwrap()
}

async fn telephony_events_are_signed_fresh_and_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let agent = app.add_user(Role::Agent, None).await;
    let admin = app.login_as(Role::Admin).await;
    let pbx = admin.new_pbx("pbx").await;
    let event = json!({"id": "ev-1", "event": "ringing", "caller": "+32470123456", "agent": agent});
    let body = serde_json::to_vec(&event).unwrap();
    let now = chrono::Utc::now().timestamp();

    // Unsigned: the bearer token alone is not enough.
    let unsigned = pbx.session.telephony_event(&event).await;
    assert_eq!(unsigned.status, 401, "{}", unsigned.text);
    assert!(unsigned.text.contains("bad-signature"), "{}", unsigned.text);
    // Signed with another secret, or over another body.
    let forged = kernel::auth::signature::sign("not the secret", now, &body).unwrap();
    assert_eq!(
        pbx.post_signed(body.clone(), now, &forged).await.status,
        401
    );
    let other = kernel::auth::signature::sign(&pbx.secret, now, b"{}").unwrap();
    assert_eq!(pbx.post_signed(body.clone(), now, &other).await.status, 401);
    // Six minutes off either way.
    for at in [now - 360, now + 360] {
        let stale = pbx.post_at(&event, at).await;
        assert_eq!(stale.status, 401, "{}", stale.text);
        assert!(stale.text.contains("stale-request"), "{}", stale.text);
    }
    // A number that is not E.164 names the field.
    let local =
        json!({"id": "ev-2", "event": "ringing", "caller": "0470 12 34 56", "agent": agent});
    let refused = pbx.post(&local).await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert!(refused.text.contains("caller"), "{}", refused.text);
    assert_eq!(count_events(&app).await, 0, "nothing refused is stored");

    // Signed, fresh, once: accepted; the same event id again is a replay.
    assert_eq!(pbx.post(&event).await.status, 202);
    let replay = pbx.post(&event).await;
    assert_eq!(replay.status, 409, "{}", replay.text);
    assert!(replay.text.contains("replayed-event"), "{}", replay.text);
    assert_eq!(count_events(&app).await, 1);
    assert_eq!(
        callers_kept(&app).await,
        1,
        "the screen pop needs the number"
    );
    // Once the call ended, the agent's events keep no caller's number.
    let ended = json!({"id": "ev-4", "event": "ended", "caller": "+32470123456", "agent": agent});
    assert_eq!(pbx.post(&ended).await.status, 202);
    assert_eq!(count_events(&app).await, 2);
    assert_eq!(callers_kept(&app).await, 0);

    // A person, even an admin, cannot post events; a revoked token cannot either.
    assert_eq!(admin.telephony_event(&event).await.status, 403);
    let tokens = admin.tokens().await.json();
    let id = tokens["tokens"][0]["id"].as_i64().unwrap();
    assert_eq!(admin.revoke_token(id).await.status, 204);
    let next = json!({"id": "ev-3", "event": "ringing", "caller": "+32470123456", "agent": agent});
    assert_eq!(pbx.post(&next).await.status, 401);

    // The accepted event is in the audit log, as the token's.
    let audit = admin.audit().await.json();
    assert!(
        audit["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "telephony.event" && e["actor"] == format!("token:{id}")),
        "{audit}"
    );
    app.stop().await;
}
both_backends!(telephony_events_are_signed_fresh_and_once);
