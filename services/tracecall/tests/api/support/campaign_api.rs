//! Campaigns and dispatch: supervisors create, launch and steer campaigns and keep the
//! do-not-call list; agents claim orders, keep them and report how the call ended.

use serde_json::{json, Value};

use super::api::{Answer, Session};

/// A campaign created and launched: its id and the launch's view (the campaign and its order
/// counts per state).
pub struct Launched {
    pub id: String,
    pub view: Value,
}

/// The plainest campaign body: `name` running `script` in `languages`, no policy or target.
pub fn campaign_body(name: &str, script: &str, languages: &[&str]) -> Value {
    json!({ "name": name, "script_id": script, "languages": languages })
}

impl Session {
    pub async fn campaigns(&self) -> Answer {
        self.get("/api/v1/campaigns").await
    }

    pub async fn create_campaign(&self, body: &Value) -> Answer {
        self.post("/api/v1/campaigns", body).await
    }

    /// Creates a campaign that must be accepted (201); returns its id.
    pub async fn new_campaign(&self, body: &Value) -> String {
        let created = self.create_campaign(body).await;
        assert_eq!(created.status, 201, "{}", created.text);
        created.body["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", created.text))
            .to_string()
    }

    pub async fn launch_campaign(&self, id: &str) -> Answer {
        self.post_empty(&format!("/api/v1/campaigns/{id}/launch"))
            .await
    }

    pub async fn pause_campaign(&self, id: &str) -> Answer {
        self.post_empty(&format!("/api/v1/campaigns/{id}/pause"))
            .await
    }

    pub async fn cancel_campaign(&self, id: &str) -> Answer {
        self.post_empty(&format!("/api/v1/campaigns/{id}/cancel"))
            .await
    }

    /// Creates the campaign `body` describes and launches it; both must succeed.
    pub async fn create_and_launch_campaign(&self, body: &Value) -> Launched {
        let id = self.new_campaign(body).await;
        let view = self.launch_campaign(&id).await.expect_json(200);
        Launched { id, view }
    }

    /// Asks for the next order (the one held, if any): 200 with it, or 204.
    pub async fn next_order(&self) -> Answer {
        self.post_empty("/api/v1/agent/next").await
    }

    /// The order offered, or `None` when there is none (204); any other answer fails.
    pub async fn claim_order(&self) -> Option<Value> {
        let answer = self.next_order().await;
        let status = answer.status;
        match status {
            204 => None,
            200 => Some(answer.json()["order"].clone()),
            other => panic!("unexpected {other}: {}", answer.text),
        }
    }

    pub async fn heartbeat(&self, order: i64) -> Answer {
        self.post_empty(&format!("/api/v1/orders/{order}/heartbeat"))
            .await
    }

    /// Reports how a call on `order` ended (`{"outcome": ...}`).
    pub async fn outcome(&self, order: i64, body: &Value) -> Answer {
        self.post(&format!("/api/v1/orders/{order}/outcome"), body)
            .await
    }

    /// A supervisor's action on an order (`raise`, `cancel`, `reassign`).
    pub async fn supervise(&self, order: i64, action: &Value) -> Answer {
        self.post(&format!("/api/v1/orders/{order}/supervise"), action)
            .await
    }

    /// The agent's training status: the courses running campaigns still wait for.
    pub async fn training(&self) -> Answer {
        self.get("/api/v1/agent/training").await
    }

    /// Adds a number to the do-not-call list (or removes it with `"remove": true`).
    pub async fn do_not_call(&self, body: &Value) -> Answer {
        self.post("/api/v1/do-not-call", body).await
    }
}
