//! Scoring a quiz and the cooldown between attempts. Pure: the caller brings the time.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use kernel::problem::FieldError;
use serde::Serialize;
use utoipa::ToSchema;

use crate::content::{pick, Course, Kind};

/// The options an agent chose, per question id.
pub type Answers = BTreeMap<String, Vec<String>>;

/// The feedback on one question, shown after submitting.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionResult {
    pub id: String,
    pub correct: bool,
    pub chosen: Vec<String>,
    /// The right options.
    pub answer: Vec<String>,
    pub explanation: String,
}

/// A scored attempt.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Graded {
    /// Percent of questions right, rounded down.
    pub score: i64,
    pub pass_mark: i64,
    pub passed: bool,
    pub results: Vec<QuestionResult>,
}

/// Scores `answers` against `course`'s key, with explanations in `lang`.
///
/// A question is right when the set of chosen options equals the key exactly: for a
/// multiple-choice question, missing one right option is as wrong as adding a wrong one. An
/// unanswered question counts as wrong. Answers that name an unknown question or option, or
/// several options of a single-choice question, are refused (nothing is recorded), each at
/// its field.
pub fn grade(course: &Course, answers: &Answers, lang: &str) -> Result<Graded, Vec<FieldError>> {
    let mut errors = Vec::new();
    for (qid, chosen) in answers {
        let field = format!("answers.{qid}");
        let Some(q) = course.questions.iter().find(|q| &q.id == qid) else {
            errors.push(FieldError::new(
                field,
                "unknown_question",
                "no such question",
            ));
            continue;
        };
        for c in chosen {
            if !q.options.iter().any(|o| &o.id == c) {
                errors.push(FieldError::new(
                    field.clone(),
                    "unknown_option",
                    format!("{c:?} is not an option of this question"),
                ));
            }
        }
        if q.kind == Kind::Single && chosen.len() > 1 {
            errors.push(FieldError::new(
                field,
                "one_option",
                "choose one option for this question",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let results: Vec<QuestionResult> = course
        .questions
        .iter()
        .map(|q| {
            let chosen: Vec<String> = answers.get(&q.id).cloned().unwrap_or_default();
            let set: BTreeSet<&String> = chosen.iter().collect();
            let key: BTreeSet<&String> = q.answer.iter().collect();
            QuestionResult {
                id: q.id.clone(),
                correct: set == key,
                chosen,
                answer: q.answer.clone(),
                explanation: pick(&q.explanation, lang).to_string(),
            }
        })
        .collect();
    let total = results.len().max(1) as i64;
    let right = results.iter().filter(|r| r.correct).count() as i64;
    let score = right * 100 / total;
    Ok(Graded {
        score,
        pass_mark: course.meta.pass_mark,
        passed: score >= course.meta.pass_mark,
        results,
    })
}

/// When the next attempt may start, given the last attempt (its time and whether it
/// passed): right away after a pass or with no attempt yet, else after the cooldown.
pub fn next_attempt_at(
    last: Option<(DateTime<Utc>, bool)>,
    cooldown_minutes: i64,
) -> Option<DateTime<Utc>> {
    match last {
        Some((at, false)) => Some(
            Duration::try_minutes(cooldown_minutes)
                .and_then(|d| at.checked_add_signed(d))
                .unwrap_or(at),
        ),
        _ => None,
    }
}

/// Whether an attempt may start at `now`; else the time it may.
pub fn may_attempt(
    last: Option<(DateTime<Utc>, bool)>,
    cooldown_minutes: i64,
    now: DateTime<Utc>,
) -> Result<(), DateTime<Utc>> {
    match next_attempt_at(last, cooldown_minutes) {
        Some(at) if at > now => Err(at),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::{Choice, CourseMeta, Question};

    fn t(s: &str) -> crate::content::Translated {
        [("en".to_string(), s.to_string())].into()
    }

    fn question(id: &str, kind: Kind, answer: &[&str]) -> Question {
        Question {
            id: id.into(),
            kind,
            text: t(id),
            answer: answer.iter().map(|s| s.to_string()).collect(),
            explanation: t(&format!("because {id}")),
            options: ["a", "b", "c"]
                .iter()
                .map(|o| Choice {
                    id: o.to_string(),
                    text: t(o),
                })
                .collect(),
        }
    }

    /// Five questions, pass mark 80: four right of five passes, three does not.
    fn course() -> Course {
        Course {
            meta: CourseMeta {
                id: "c".into(),
                order: 1,
                languages: vec!["en".into()],
                title: t("C"),
                summary: t("S"),
                minutes: 10,
                pass_mark: 80,
                cooldown_minutes: 30,
                lessons: vec![],
            },
            lessons: vec![],
            questions: vec![
                question("q1", Kind::Single, &["a"]),
                question("q2", Kind::Single, &["b"]),
                question("q3", Kind::Multiple, &["a", "c"]),
                question("q4", Kind::Multiple, &["b"]),
                question("q5", Kind::Single, &["c"]),
            ],
            files: Default::default(),
        }
    }

    fn answers(pairs: &[(&str, &[&str])]) -> Answers {
        pairs
            .iter()
            .map(|(q, a)| (q.to_string(), a.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn all_right_scores_100_and_passes() {
        let g = grade(
            &course(),
            &answers(&[
                ("q1", &["a"]),
                ("q2", &["b"]),
                ("q3", &["c", "a"]),
                ("q4", &["b"]),
                ("q5", &["c"]),
            ]),
            "en",
        )
        .unwrap();
        assert_eq!((g.score, g.passed), (100, true));
        assert_eq!(g.results[2].explanation, "because q3");
    }

    #[test]
    fn the_pass_mark_is_inclusive() {
        // Four of five right is exactly 80: a pass.
        let g = grade(
            &course(),
            &answers(&[
                ("q1", &["a"]),
                ("q2", &["b"]),
                ("q3", &["a", "c"]),
                ("q4", &["b"]),
                ("q5", &["a"]),
            ]),
            "en",
        )
        .unwrap();
        assert_eq!((g.score, g.passed), (80, true));
        // Three of five is 60: a fail.
        let g = grade(
            &course(),
            &answers(&[("q1", &["a"]), ("q2", &["b"]), ("q3", &["a", "c"])]),
            "en",
        )
        .unwrap();
        assert_eq!((g.score, g.passed), (60, false));
        assert!(!g.results[3].correct, "unanswered counts as wrong");
    }

    #[test]
    fn a_multiple_choice_needs_exactly_the_key() {
        let partial = grade(&course(), &answers(&[("q3", &["a"])]), "en").unwrap();
        assert!(!partial.results[2].correct, "missing one right option");
        let extra = grade(&course(), &answers(&[("q3", &["a", "b", "c"])]), "en").unwrap();
        assert!(!extra.results[2].correct, "adding a wrong option");
    }

    #[test]
    fn bad_answers_are_refused_at_their_field() {
        let errors = grade(
            &course(),
            &answers(&[("q1", &["a", "b"]), ("q2", &["z"]), ("q9", &["a"])]),
            "en",
        )
        .unwrap_err();
        let codes: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("answers.q1", "one_option"),
                ("answers.q2", "unknown_option"),
                ("answers.q9", "unknown_question")
            ]
        );
    }

    #[test]
    fn cooldown_follows_a_failed_attempt_only() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        assert_eq!(may_attempt(None, 30, at), Ok(()));
        assert_eq!(
            may_attempt(Some((at, false)), 30, at + Duration::minutes(29)),
            Err(at + Duration::minutes(30))
        );
        assert_eq!(
            may_attempt(Some((at, false)), 30, at + Duration::minutes(30)),
            Ok(())
        );
        assert_eq!(may_attempt(Some((at, true)), 30, at), Ok(()));
    }
}
