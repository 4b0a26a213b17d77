//! What the API and the pages show, built once here so both say the same thing.

use std::collections::{BTreeMap, BTreeSet};

use kernel::auth::{Principal, Role};
use kernel::db::millis;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::content::{pick, Course, Kind};
use crate::error::{ElearningError, Result};
use crate::markdown;
use crate::quiz::{self, Answers, Graded};
use crate::store::{self, Standing};

/// Where an agent stands in a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Passed,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LessonSummary {
    pub id: String,
    pub title: String,
    pub read: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseSummary {
    pub id: String,
    pub version: i64,
    pub title: String,
    pub summary: String,
    pub minutes: i64,
    pub pass_mark: i64,
    pub questions: usize,
    pub lessons: Vec<LessonSummary>,
    pub status: Status,
    pub attempts: i64,
    pub last_score: Option<i64>,
    /// Unix milliseconds.
    pub passed_at: Option<i64>,
    /// When a failed attempt's cooldown ends (Unix milliseconds), while it runs.
    pub next_attempt_at: Option<i64>,
}

fn summary(
    k: &Kernel,
    version: i64,
    course: &Course,
    lang: &str,
    standing: &Standing,
    read: Option<&BTreeSet<String>>,
) -> CourseSummary {
    let lang = course.language_for(lang);
    let lessons: Vec<LessonSummary> = course
        .lessons
        .iter()
        .map(|l| LessonSummary {
            id: l.id.clone(),
            title: pick(&l.title, &lang).to_string(),
            read: read.is_some_and(|r| r.contains(&l.id)),
        })
        .collect();
    let status = if standing.passed_at.is_some() {
        Status::Passed
    } else if standing.attempts > 0 || lessons.iter().any(|l| l.read) {
        Status::InProgress
    } else {
        Status::NotStarted
    };
    let next_attempt_at = quiz::next_attempt_at(standing.last, course.meta.cooldown_minutes)
        .filter(|at| *at > k.now())
        .map(millis);
    CourseSummary {
        id: course.id().to_string(),
        version,
        title: pick(&course.meta.title, &lang).to_string(),
        summary: pick(&course.meta.summary, &lang).to_string(),
        minutes: course.meta.minutes,
        pass_mark: course.meta.pass_mark,
        questions: course.questions.len(),
        lessons,
        status,
        attempts: standing.attempts,
        last_score: standing.last_score,
        passed_at: standing.passed_at,
        next_attempt_at,
    }
}

/// Every course with `user`'s status, in course order.
pub async fn courses(k: &Kernel, user: &Principal, lang: &str) -> Result<Vec<CourseSummary>> {
    let standings = store::standings(&k.db, Some(user.id)).await?;
    let reads = store::reads(&k.db, Some(user.id)).await?;
    let none = Standing::default();
    Ok(store::catalog(&k.db)
        .await?
        .iter()
        .map(|(v, c)| {
            let key = (user.id, c.id().to_string());
            summary(
                k,
                v.number,
                c,
                lang,
                standings.get(&key).unwrap_or(&none),
                reads.get(&key),
            )
        })
        .collect())
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OptionView {
    pub id: String,
    pub text: String,
}

/// A question as the agent sees it before answering (no key).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionView {
    pub id: String,
    pub kind: Kind,
    pub text: String,
    pub options: Vec<OptionView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseDetail {
    #[serde(flatten)]
    pub summary: CourseSummary,
    pub language: String,
    pub quiz: Vec<QuestionView>,
}

/// One course with its quiz questions (without the answer key).
pub async fn course(k: &Kernel, user: &Principal, id: &str, lang: &str) -> Result<CourseDetail> {
    let (v, c) = store::current(&k.db, id).await?;
    let standings = store::standings(&k.db, Some(user.id)).await?;
    let reads = store::reads(&k.db, Some(user.id)).await?;
    let key = (user.id, id.to_string());
    let lang = c.language_for(lang);
    let quiz = c
        .questions
        .iter()
        .map(|q| QuestionView {
            id: q.id.clone(),
            kind: q.kind,
            text: pick(&q.text, &lang).to_string(),
            options: q
                .options
                .iter()
                .map(|o| OptionView {
                    id: o.id.clone(),
                    text: pick(&o.text, &lang).to_string(),
                })
                .collect(),
        })
        .collect();
    Ok(CourseDetail {
        summary: summary(
            k,
            v.number,
            &c,
            &lang,
            standings.get(&key).unwrap_or(&Standing::default()),
            reads.get(&key),
        ),
        language: lang,
        quiz,
    })
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LessonView {
    pub course_id: String,
    pub course_title: String,
    pub id: String,
    pub title: String,
    /// The lesson rendered to HTML (raw HTML in the source is escaped).
    pub html: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// A lesson in `lang`, recorded as read by `user`.
pub async fn lesson(
    k: &Kernel,
    user: &Principal,
    course_id: &str,
    lesson_id: &str,
    lang: &str,
) -> Result<LessonView> {
    let (_, c) = store::current(&k.db, course_id).await?;
    let pos = c
        .lessons
        .iter()
        .position(|l| l.id == lesson_id)
        .ok_or_else(|| ElearningError::NotFound(format!("lesson {lesson_id}")))?;
    let l = &c.lessons[pos];
    let lang = c.language_for(lang);
    store::mark_read(&k.db, k.now(), user.id, course_id, lesson_id).await?;
    Ok(LessonView {
        course_id: course_id.to_string(),
        course_title: pick(&c.meta.title, &lang).to_string(),
        id: l.id.clone(),
        title: pick(&l.title, &lang).to_string(),
        html: markdown::render(course_id, pick(&l.markdown, &lang)),
        previous: pos
            .checked_sub(1)
            .and_then(|p| c.lessons.get(p))
            .map(|l| l.id.clone()),
        next: c.lessons.get(pos + 1).map(|l| l.id.clone()),
    })
}

/// Scores and records an attempt, unless a failed attempt's cooldown still runs (429 with
/// the seconds to wait).
pub async fn submit(
    k: &Kernel,
    user: &Principal,
    course_id: &str,
    answers: &Answers,
    lang: &str,
) -> Result<Graded> {
    let (v, c) = store::current(&k.db, course_id).await?;
    let standings = store::standings(&k.db, Some(user.id)).await?;
    let last = standings
        .get(&(user.id, course_id.to_string()))
        .and_then(|s| s.last);
    let now = k.now();
    if let Err(at) = quiz::may_attempt(last, c.meta.cooldown_minutes, now) {
        let secs = (at - now).num_seconds().max(1) as u64;
        return Err(ElearningError::Cooldown(secs));
    }
    let graded =
        quiz::grade(&c, answers, &c.language_for(lang)).map_err(ElearningError::Invalid)?;
    store::record_attempt(&k.db, now, user.id, &v, answers, &graded).await?;
    Ok(graded)
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CourseState {
    pub course_id: String,
    pub status: Status,
    pub attempts: i64,
    pub last_score: Option<i64>,
    pub passed_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgentProgress {
    pub user_id: i64,
    pub name: String,
    pub team: Option<String>,
    pub courses: Vec<CourseState>,
    /// Courses passed, of all courses.
    pub passed: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamProgress {
    pub team: Option<String>,
    pub agents: usize,
    /// Agents who passed every course.
    pub fully_trained: usize,
    /// Passes, of agents x courses, in percent.
    pub completion: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Progress {
    pub courses: Vec<String>,
    pub agents: Vec<AgentProgress>,
    pub teams: Vec<TeamProgress>,
    /// Questions most often failed first.
    pub questions: Vec<store::QuestionStat>,
}

/// Training progress of the agents `viewer` may see: a supervisor sees their team, trainers
/// and admins every team (or `team` when given).
pub async fn progress(k: &Kernel, viewer: &Principal, team: Option<&str>) -> Result<Progress> {
    let team = match viewer.role {
        Role::Supervisor if viewer.team.is_some() => viewer.team.as_deref(),
        _ => team,
    };
    let catalog = store::catalog(&k.db).await?;
    let courses: Vec<String> = catalog.iter().map(|(_, c)| c.id().to_string()).collect();
    let agents = kernel::auth::users::list(&k.db, team)
        .await?
        .into_iter()
        .filter(|u| u.role == Role::Agent);
    let standings = store::standings(&k.db, None).await?;
    let reads = store::reads(&k.db, None).await?;
    let mut out = Vec::new();
    let mut teams: BTreeMap<Option<String>, (usize, usize, usize)> = BTreeMap::new();
    for u in agents {
        let states: Vec<CourseState> = courses
            .iter()
            .map(|id| {
                let key = (u.id, id.clone());
                let s = standings.get(&key).cloned().unwrap_or_default();
                let status = if s.passed_at.is_some() {
                    Status::Passed
                } else if s.attempts > 0 || reads.get(&key).is_some_and(|r| !r.is_empty()) {
                    Status::InProgress
                } else {
                    Status::NotStarted
                };
                CourseState {
                    course_id: id.clone(),
                    status,
                    attempts: s.attempts,
                    last_score: s.last_score,
                    passed_at: s.passed_at,
                }
            })
            .collect();
        let passed = states.iter().filter(|s| s.status == Status::Passed).count();
        let t = teams.entry(u.team.clone()).or_default();
        t.0 += 1;
        t.1 += usize::from(passed == courses.len() && !courses.is_empty());
        t.2 += passed;
        out.push(AgentProgress {
            user_id: u.id,
            name: u.name,
            team: u.team,
            courses: states,
            passed,
        });
    }
    let ids: Vec<i64> = out.iter().map(|a| a.user_id).collect();
    let teams = teams
        .into_iter()
        .map(|(team, (agents, full, passes))| TeamProgress {
            team,
            agents,
            fully_trained: full,
            completion: (passes * 100 / (agents * courses.len()).max(1)) as i64,
        })
        .collect();
    Ok(Progress {
        courses,
        agents: out,
        teams,
        questions: store::question_stats(&k.db, &ids).await?,
    })
}
