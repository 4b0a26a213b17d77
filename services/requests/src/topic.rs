//! Topics: what a request is about, as a file under `topics/`. A topic names its form (the
//! same form engine as calls), its team, routing rules in the expression language over the
//! form's answers, its first-response and resolution targets, its intake address, its quick
//! replies and its languages (fr, nl and en at least).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scripting::at;
use scripting::lint::source::SourceFile;
use scripting::lint::Diagnostic;
use serde::{Deserialize, Serialize};

/// The languages every topic is written in.
pub const LANGUAGES: [&str; 3] = ["fr", "nl", "en"];

kernel::text_enum! {
    /// How urgent a request is.
    #[derive(utoipa::ToSchema)]
    pub enum Priority {
        Low = "low",
        Normal = "normal",
        High = "high",
        Urgent = "urgent",
    }
}

/// A rule: when `when` holds over the answers, the request goes to `team` (with `skill`) at
/// `priority`; the first rule that holds decides.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub when: String,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub skill: Option<String>,
    #[serde(default)]
    pub priority: Option<Priority>,
}

/// A standard answer with placeholders (`{ref}`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuickReply {
    pub id: String,
    pub title: BTreeMap<String, String>,
    pub body: BTreeMap<String, String>,
}

/// A known issue filed in one click by staff: its button's title, the subject and the
/// message it files.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuickRequest {
    pub id: String,
    pub title: BTreeMap<String, String>,
    pub subject: BTreeMap<String, String>,
    pub message: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub languages: Vec<String>,
    pub title: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    /// A form of `forms/` the request is filed with (none: subject and message only).
    #[serde(default)]
    pub form: Option<String>,
    pub team: String,
    pub priority: Priority,
    pub first_response_hours: i64,
    pub resolution_hours: i64,
    /// Mail to this address is a request on this topic.
    pub email: String,
    #[serde(default)]
    pub routing: Vec<Rule>,
    #[serde(default)]
    pub quick_replies: Vec<QuickReply>,
    /// Known issues staff file in one click (only on a topic without a form).
    #[serde(default)]
    pub quick_requests: Vec<QuickRequest>,
}

impl Topic {
    /// The title in `lang`, else in French.
    pub fn title_in(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .or_else(|| self.title.get("fr"))
            .map_or(self.id.as_str(), String::as_str)
    }
}

fn looks_like_address(s: &str) -> bool {
    let mut parts = s.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(l), Some(d), None)
        if !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
            && !s.chars().any(char::is_whitespace))
}

/// Reads and checks one topic file: the topic, or every problem with its place.
pub fn lint_file(path: &Path, text: &str) -> Result<Topic, Vec<Diagnostic>> {
    let src = SourceFile::new(path.to_path_buf(), text.to_string());
    let diag = |(line, column): (usize, usize), message: String| Diagnostic {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let topic: Topic = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((1, 1), |s| src.line_col(s.start));
            return Err(vec![diag((line, column), e.message().to_string())]);
        }
    };
    let mut out = Vec::new();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if topic.id != stem {
        out.push(diag(
            src.locate(&at!["id"]),
            format!("id {:?} must be the file's name ({stem:?})", topic.id),
        ));
    }
    for lang in LANGUAGES {
        if !topic.languages.iter().any(|l| l == lang) {
            out.push(diag(
                src.locate(&at!["languages"]),
                format!("languages must include {lang}: topics are offered in fr, nl and en"),
            ));
        }
        for (what, map) in [("title", &topic.title), ("description", &topic.description)] {
            if map.get(lang).is_none_or(|s| s.trim().is_empty()) {
                out.push(diag(
                    src.locate(&at![what]),
                    format!("{what} has no {lang} text"),
                ));
            }
        }
    }
    if topic.team.trim().is_empty() {
        out.push(diag(src.locate(&at!["team"]), "team is empty".into()));
    }
    for (what, hours) in [
        ("first_response_hours", topic.first_response_hours),
        ("resolution_hours", topic.resolution_hours),
    ] {
        if !(1..=24 * 90).contains(&hours) {
            out.push(diag(src.locate(&at![what]), format!("{what} is 1 to 2160")));
        }
    }
    if topic.first_response_hours > topic.resolution_hours {
        out.push(diag(
            src.locate(&at!["first_response_hours"]),
            "the first response cannot be due after the resolution".into(),
        ));
    }
    if !looks_like_address(&topic.email) {
        out.push(diag(
            src.locate(&at!["email"]),
            format!("{:?} is not an e-mail address", topic.email),
        ));
    }
    for (i, rule) in topic.routing.iter().enumerate() {
        if let Err(e) = scripting::expr::Expr::parse(&rule.when) {
            out.push(diag(
                src.locate(&at!["routing", i, "when"]),
                format!("routing rule: {e}"),
            ));
        }
        if rule.team.is_none() && rule.skill.is_none() && rule.priority.is_none() {
            out.push(diag(
                src.locate(&at!["routing", i]),
                "a routing rule sets a team, a skill or a priority".into(),
            ));
        }
    }
    for (i, q) in topic.quick_replies.iter().enumerate() {
        for lang in LANGUAGES {
            for (what, map) in [("title", &q.title), ("body", &q.body)] {
                if map.get(lang).is_none_or(|s| s.trim().is_empty()) {
                    out.push(diag(
                        src.locate(&at!["quick_replies", i, what]),
                        format!("quick reply {:?}: {what} has no {lang} text", q.id),
                    ));
                }
            }
        }
    }
    if topic.form.is_some() && !topic.quick_requests.is_empty() {
        out.push(diag(
            src.locate(&at!["quick_requests"]),
            "quick requests need a topic without a form (one click cannot fill a form)".into(),
        ));
    }
    for (i, q) in topic.quick_requests.iter().enumerate() {
        for lang in LANGUAGES {
            for (what, map) in [
                ("title", &q.title),
                ("subject", &q.subject),
                ("message", &q.message),
            ] {
                if map.get(lang).is_none_or(|s| s.trim().is_empty()) {
                    out.push(diag(
                        src.locate(&at!["quick_requests", i, what]),
                        format!("quick request {:?}: {what} has no {lang} text", q.id),
                    ));
                }
            }
        }
    }
    if out.is_empty() {
        Ok(topic)
    } else {
        Err(out)
    }
}

/// The topics that passed, with their files, and the problems of the others.
pub type Linted = (Vec<(PathBuf, Topic)>, Vec<Diagnostic>);

/// Every `.toml` file under `paths` (files or folders), linted.
pub fn lint_paths(paths: &[PathBuf]) -> std::io::Result<Linted> {
    scripting::lint::lint_each(paths, lint_file)
}
