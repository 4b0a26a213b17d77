//! People and cases: search (masked), opening (decrypted and audited), history, status, and
//! the CSV upload.

use serde_json::{json, Value};

use super::api::{Answer, Session};

impl Session {
    pub async fn search_cases(&self, q: &str) -> Answer {
        self.get_query("/api/v1/cases/search", &[("q", q)]).await
    }

    /// The hits of a search that must answer a result list.
    pub async fn search(&self, q: &str) -> Vec<Value> {
        let answer = self.search_cases(q).await;
        answer.body["results"]
            .as_array()
            .unwrap_or_else(|| panic!("{q}: {} {}", answer.status, answer.text))
            .clone()
    }

    /// Opens a case by breaking the glass with `justification`.
    pub async fn open_case_breaking_glass(&self, code: &str, justification: &str) -> Answer {
        self.post(
            &format!("/api/v1/cases/{code}/open"),
            &serde_json::json!({"reason": "break_glass", "justification": justification}),
        )
        .await
    }

    /// Opens a case for `reason` (`inbound`, `screen_pop`, `call_order`...).
    pub async fn open_case(&self, code: &str, reason: &str) -> Answer {
        self.post(
            &format!("/api/v1/cases/{code}/open"),
            &json!({ "reason": reason }),
        )
        .await
    }

    pub async fn case_history(&self, code: &str) -> Answer {
        self.get(&format!("/api/v1/cases/{code}/history")).await
    }

    pub async fn set_case_status(&self, code: &str, status: &str) -> Answer {
        self.post(
            &format!("/api/v1/cases/{code}/status"),
            &json!({ "status": status }),
        )
        .await
    }

    /// Uploads a CSV of people and cases, as a supervisor's browser does.
    pub async fn import_cases(&self, csv: impl Into<reqwest::Body>) -> Answer {
        self.post_text("/api/v1/cases/import", "text/csv", csv)
            .await
    }
}
