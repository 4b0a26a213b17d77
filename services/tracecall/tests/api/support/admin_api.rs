//! Administration and the machine clients: users, API tokens, the audit log, exports for
//! epidemiologists, and the telephony system's events.

use kernel::auth::Role;
use serde_json::{json, Value};

use super::api::{Answer, Session};

impl Session {
    pub async fn users(&self) -> Answer {
        self.get("/api/v1/users").await
    }

    /// Creates an API token named `name` acting with `role`.
    pub async fn create_token(&self, name: &str, role: Role) -> Answer {
        self.post(
            "/api/v1/tokens",
            &json!({ "name": name, "role": role.as_str() }),
        )
        .await
    }

    /// A new token's secret value (shown once, at creation).
    pub async fn new_token(&self, name: &str, role: Role) -> String {
        let created = self.create_token(name, role).await.expect_json(201);
        created["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{created}"))
            .to_string()
    }

    /// A new telephony token, as the PBX holds it: its bearer value and signing secret.
    pub async fn new_pbx(&self, name: &str) -> Pbx {
        let created = self
            .create_token(name, Role::Telephony)
            .await
            .expect_json(201);
        let field = |f: &str| {
            created[f]
                .as_str()
                .unwrap_or_else(|| panic!("{f} in {created}"))
                .to_string()
        };
        Pbx {
            session: Session::with_token(&self.base, &field("token")),
            secret: field("signing_secret"),
        }
    }

    pub async fn tokens(&self) -> Answer {
        self.get("/api/v1/tokens").await
    }

    pub async fn revoke_token(&self, id: i64) -> Answer {
        self.delete(&format!("/api/v1/tokens/{id}")).await
    }

    pub async fn audit(&self) -> Answer {
        self.get("/api/v1/audit").await
    }

    pub async fn audit_verify(&self) -> Answer {
        self.get("/api/v1/audit/verify").await
    }

    /// Builds one export of `dataset` for `date` (YYYY-MM-DD) now.
    pub async fn run_export(&self, dataset: &str, date: &str) -> Answer {
        self.post(
            "/api/v1/exports",
            &json!({ "dataset": dataset, "date": date }),
        )
        .await
    }

    pub async fn exports(&self) -> Answer {
        self.get("/api/v1/exports").await
    }

    /// The delivery attempts of export `id`.
    pub async fn export_attempts(&self, id: &str) -> Answer {
        self.get(&format!("/api/v1/exports/{id}/attempts")).await
    }

    /// One file of export `id` (its bytes are in [`Answer::bytes`]).
    pub async fn export_file(&self, id: &str, name: &str) -> Answer {
        self.get(&format!("/api/v1/exports/{id}/files/{name}"))
            .await
    }

    /// The key that verifies delivered exports (public).
    pub async fn export_public_key(&self) -> Answer {
        self.get("/api/v1/exports/public-key").await
    }

    /// An unsigned event to the telephony route (refused to everyone).
    pub async fn telephony_event(&self, event: &Value) -> Answer {
        self.post("/api/v1/telephony/events", event).await
    }
}

/// The telephony system: its token's session and the secret it signs events with.
#[derive(Clone)]
pub struct Pbx {
    pub session: Session,
    pub secret: String,
}

impl Pbx {
    /// Posts `event` signed now, as a PBX does.
    pub async fn post(&self, event: &Value) -> Answer {
        self.post_at(event, chrono::Utc::now().timestamp()).await
    }

    /// Posts `event` signed with the timestamp `at` (Unix seconds).
    pub async fn post_at(&self, event: &Value, at: i64) -> Answer {
        let body = serde_json::to_vec(event).unwrap();
        let signature = kernel::auth::signature::sign(&self.secret, at, &body).unwrap();
        self.post_signed(body, at, &signature).await
    }

    /// Posts `body` with the given timestamp and signature headers as they are.
    pub async fn post_signed(&self, body: Vec<u8>, at: i64, signature: &str) -> Answer {
        let s = &self.session;
        s.send(
            s.request(reqwest::Method::POST, "/api/v1/telephony/events")
                .header("content-type", "application/json")
                .header("tracecall-timestamp", at.to_string())
                .header("tracecall-signature", signature)
                .body(body),
        )
        .await
    }

    /// The same PBX against another node.
    pub fn at(&self, base: &str) -> Self {
        Self {
            session: self.session.at(base),
            secret: self.secret.clone(),
        }
    }
}
