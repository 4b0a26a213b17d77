//! Content: script releases for authors (publish, list, diff) and for the console (validate,
//! next step); e-learning courses, lessons, quiz attempts and trainers' progress.

use serde_json::{json, Value};

use super::api::{Answer, Session};

impl Session {
    pub async fn scripts(&self) -> Answer {
        self.get("/api/v1/scripts").await
    }

    /// Publishes script, form and block files (`{"files": [{"path", "content"}]}`).
    pub async fn publish_scripts(&self, body: &Value) -> Answer {
        self.post("/api/v1/scripts/publish", body).await
    }

    /// The releases of `script`, newest first.
    pub async fn releases(&self, script: &str) -> Answer {
        self.get(&format!("/api/v1/scripts/{script}/releases"))
            .await
    }

    /// What changed from release number `from` to `to` of `script`.
    pub async fn release_diff(&self, script: &str, from: i64, to: i64) -> Answer {
        self.get(&format!(
            "/api/v1/scripts/{script}/diff?from={from}&to={to}"
        ))
        .await
    }

    /// Validates answers against release `id` (by id, not number).
    pub async fn validate_answers(&self, release: i64, body: &Value) -> Answer {
        self.post(&format!("/api/v1/releases/{release}/validate"), body)
            .await
    }

    /// The step that follows the given answers in release `id`.
    pub async fn next_step(&self, release: i64, body: &Value) -> Answer {
        self.post(&format!("/api/v1/releases/{release}/next"), body)
            .await
    }

    pub async fn courses(&self) -> Answer {
        self.get("/api/v1/elearning/courses").await
    }

    pub async fn course(&self, course: &str) -> Answer {
        self.get(&format!("/api/v1/elearning/courses/{course}"))
            .await
    }

    /// A lesson, in `lang` when given (else the user's language); reading it marks it read.
    pub async fn lesson(&self, course: &str, lesson: &str, lang: Option<&str>) -> Answer {
        let path = format!("/api/v1/elearning/courses/{course}/lessons/{lesson}");
        match lang {
            Some(lang) => self.get(&format!("{path}?lang={lang}")).await,
            None => self.get(&path).await,
        }
    }

    /// Submits quiz `answers` (question id -> chosen option ids) for `course`.
    pub async fn attempt(&self, course: &str, answers: Value) -> Answer {
        self.post(
            &format!("/api/v1/elearning/courses/{course}/attempts"),
            &json!({ "answers": answers }),
        )
        .await
    }

    /// Training progress per agent and team (trainers and supervisors).
    pub async fn progress(&self) -> Answer {
        self.get("/api/v1/elearning/progress").await
    }
}
