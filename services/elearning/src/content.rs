//! A course as authors write it (a folder, see `elearning/FORMAT.md`) and as it is published
//! (one [`Course`] value, stored as canonical JSON and versioned by its hash).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// A text in several languages, keyed by language code.
pub type Translated = BTreeMap<String, String>;

/// `course.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseMeta {
    /// Equals the folder name.
    pub id: String,
    /// Position in the course list.
    pub order: i64,
    pub languages: Vec<String>,
    pub title: Translated,
    pub summary: Translated,
    /// Estimated time, shown to agents.
    pub minutes: i64,
    /// Percent of questions answered right needed to pass.
    pub pass_mark: i64,
    /// Wait after a failed attempt before the next one.
    pub cooldown_minutes: i64,
    /// Lesson ids in reading order.
    pub lessons: Vec<String>,
}

/// `quiz.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizFile {
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Exactly one option is right.
    Single,
    /// Any number of options are right; all of them must be chosen, and nothing else.
    Multiple,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub text: Translated,
    /// Ids of the right options.
    pub answer: Vec<String>,
    /// Shown after submitting.
    pub explanation: Translated,
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: Translated,
}

/// One lesson: its title (the first `# ` line) and Markdown, per language.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Lesson {
    pub id: String,
    pub title: Translated,
    pub markdown: Translated,
}

/// A whole course, as published.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Course {
    pub meta: CourseMeta,
    pub lessons: Vec<Lesson>,
    pub questions: Vec<Question>,
    /// Images and other files lessons point at, by path inside the course folder
    /// (`images/timeline.svg`), base64.
    pub files: BTreeMap<String, String>,
}

impl Course {
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// The stored form: JSON with sorted maps, so the same content always gives the same
    /// bytes and hash.
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The content address: SHA-256 of the canonical form, hex.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical().as_bytes()))
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The language to show this course in for someone who prefers `lang`.
    pub fn language_for(&self, lang: &str) -> String {
        if self.meta.languages.iter().any(|l| l == lang) {
            lang.to_string()
        } else {
            self.meta
                .languages
                .iter()
                .find(|l| l.as_str() == "en")
                .or(self.meta.languages.first())
                .cloned()
                .unwrap_or_else(|| "en".into())
        }
    }
}

/// The text in `lang`, else English, else any.
pub fn pick<'a>(t: &'a Translated, lang: &str) -> &'a str {
    t.get(lang)
        .or_else(|| t.get("en"))
        .or_else(|| t.values().next())
        .map_or("", String::as_str)
}
