//! The e-learning API. Every logged-in user can follow courses; trainers, supervisors and
//! admins see progress and the questions most often failed.

use axum::extract::{FromRef, State};
use axum::http::Method;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath, ApiQuery};
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::quiz::{Answers, Graded};
use crate::views::{self, CourseDetail, CourseSummary, LessonView, Progress};
use kernel::Result;

/// Who watches training.
pub const COACHES: &[Role] = &[Role::Trainer, Role::Supervisor, Role::Admin];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::GET,
        "/api/v1/elearning/courses",
        Access::Authenticated,
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/elearning/courses/{course}",
        Access::Authenticated,
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/elearning/courses/{course}/lessons/{lesson}",
        Access::Authenticated,
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/elearning/courses/{course}/attempts",
        Access::Authenticated,
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/elearning/progress",
        Access::Roles(COACHES),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(list_courses))
        .routes(routes!(get_course))
        .routes(routes!(get_lesson))
        .routes(routes!(submit_attempt))
        .routes(routes!(get_progress))
}

/// `?lang=` picks the language; the user's own interface language otherwise.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LangQuery {
    pub lang: Option<String>,
}

impl LangQuery {
    pub fn for_user(&self, user: &Principal) -> String {
        self.lang
            .clone()
            .unwrap_or_else(|| user.ui_language().to_string())
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CourseList {
    pub courses: Vec<CourseSummary>,
}

/// The courses for the current user, with their status.
#[utoipa::path(get, path = "/api/v1/elearning/courses", tag = "elearning", params(LangQuery),
    responses((status = 200, body = CourseList)))]
async fn list_courses(
    State(k): State<Kernel>,
    user: Principal,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<ApiJson<CourseList>> {
    let courses = views::courses(&k, &user, &q.for_user(&user)).await?;
    Ok(ApiJson(CourseList { courses }))
}

/// One course with its lessons and quiz questions (the answer key is never sent).
#[utoipa::path(get, path = "/api/v1/elearning/courses/{course}", tag = "elearning",
    params(("course" = String, Path), LangQuery), responses((status = 200, body = CourseDetail), (status = 404)))]
async fn get_course(
    State(k): State<Kernel>,
    user: Principal,
    ApiPath(course): ApiPath<String>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<ApiJson<CourseDetail>> {
    Ok(ApiJson(
        views::course(&k, &user, &course, &q.for_user(&user)).await?,
    ))
}

/// A lesson as HTML; opening it records it as read.
#[utoipa::path(get, path = "/api/v1/elearning/courses/{course}/lessons/{lesson}", tag = "elearning",
    params(("course" = String, Path), ("lesson" = String, Path), LangQuery),
    responses((status = 200, body = LessonView), (status = 404)))]
async fn get_lesson(
    State(k): State<Kernel>,
    user: Principal,
    ApiPath((course, lesson)): ApiPath<(String, String)>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<ApiJson<LessonView>> {
    Ok(ApiJson(
        views::lesson(&k, &user, &course, &lesson, &q.for_user(&user)).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttemptIn {
    /// Chosen option ids per question id.
    #[schema(value_type = Object)]
    pub answers: Answers,
    #[serde(default)]
    pub language: Option<String>,
}

/// Submits the quiz: the score, the feedback per question with its explanation, and whether
/// the course is passed. 429 while a failed attempt's cooldown runs; 422 for answers naming
/// unknown questions or options.
#[utoipa::path(post, path = "/api/v1/elearning/courses/{course}/attempts", tag = "elearning",
    params(("course" = String, Path)), request_body = AttemptIn,
    responses((status = 200, body = Graded), (status = 422), (status = 429)))]
async fn submit_attempt(
    State(k): State<Kernel>,
    user: Principal,
    ApiPath(course): ApiPath<String>,
    ApiJson(body): ApiJson<AttemptIn>,
) -> Result<ApiJson<Graded>> {
    let lang = body
        .language
        .clone()
        .unwrap_or_else(|| user.ui_language().to_string());
    Ok(ApiJson(
        views::submit(&k, &user, &course, &body.answers, &lang).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ProgressQuery {
    /// Only this team (a supervisor always sees their own).
    pub team: Option<String>,
}

/// Training progress per agent and team, and the questions most often failed.
#[utoipa::path(get, path = "/api/v1/elearning/progress", tag = "elearning", params(ProgressQuery),
    responses((status = 200, body = Progress)))]
async fn get_progress(
    State(k): State<Kernel>,
    user: Principal,
    ApiQuery(q): ApiQuery<ProgressQuery>,
) -> Result<ApiJson<Progress>> {
    Ok(ApiJson(
        views::progress(&k, &user, q.team.as_deref()).await?,
    ))
}
