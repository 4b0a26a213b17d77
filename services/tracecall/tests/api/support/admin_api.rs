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

    /// An event from the telephony system (`ringing`...), as its token posts it.
    pub async fn telephony_event(&self, event: &Value) -> Answer {
        self.post("/api/v1/telephony/events", event).await
    }
}
