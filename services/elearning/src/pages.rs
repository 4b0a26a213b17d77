//! The agent's training pages (course list, lessons, quiz) and the trainers' progress page,
//! rendered on the server in the user's interface language. The quiz posts to the API and
//! shows each question's feedback in place.

use axum::extract::{FromRef, Path, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::Principal;
use kernel::pages::{Asset, Pages, Template};
use kernel::problem::ApiQuery;
use kernel::Kernel;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ElearningError;
use crate::routes::{LangQuery, COACHES};
use crate::store;
use crate::views::{self, Status};
use kernel::Result;

pub const TEMPLATES: &[Template] = &[
    (
        "learn_nav.html",
        include_str!("../templates/learn_nav.html"),
    ),
    (
        "learn_list.html",
        include_str!("../templates/learn_list.html"),
    ),
    (
        "learn_course.html",
        include_str!("../templates/learn_course.html"),
    ),
    (
        "learn_lesson.html",
        include_str!("../templates/learn_lesson.html"),
    ),
    (
        "learn_quiz.html",
        include_str!("../templates/learn_quiz.html"),
    ),
    (
        "learn_progress.html",
        include_str!("../templates/learn_progress.html"),
    ),
];

/// The pages' static files.
const ASSETS: &[Asset] = &[
    (
        "lesson.css",
        "text/css",
        include_str!("../assets/lesson.css"),
    ),
    ("quiz.css", "text/css", include_str!("../assets/quiz.css")),
    (
        "quiz.js",
        "text/javascript",
        include_str!("../assets/quiz.js"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/learn", Access::Authenticated),
    RoutePolicy::new(Method::GET, "/learn/progress", Access::Roles(COACHES)),
    RoutePolicy::new(Method::GET, "/learn/{course}", Access::Authenticated),
    RoutePolicy::new(
        Method::GET,
        "/learn/{course}/lessons/{lesson}",
        Access::Authenticated,
    ),
    RoutePolicy::new(Method::GET, "/learn/{course}/quiz", Access::Authenticated),
    RoutePolicy::new(
        Method::GET,
        "/learn/{course}/images/{name}",
        Access::Authenticated,
    ),
    // Code and styles only, the same for everyone.
    RoutePolicy::new(Method::GET, "/static/elearning/{file}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    Pages: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(list_page))
        .routes(routes!(progress_page))
        .routes(routes!(course_page))
        .routes(routes!(lesson_page))
        .routes(routes!(quiz_page))
        .routes(routes!(course_file))
        .routes(routes!(training_asset))
}

/// A static file of the training pages.
#[utoipa::path(get, path = "/static/elearning/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn training_asset(Path(file): Path<String>) -> Response {
    kernel::pages::serve_asset(ASSETS, &file)
}

fn context(user: &Principal, lang: &str) -> kernel::pages::Context {
    let mut ctx = kernel::pages::Context::new();
    // The texts (`t`) are the catalogue's, added by `Pages::render` for `lang`.
    ctx.insert("lang", lang);
    ctx.insert("coach", &COACHES.contains(&user.role));
    ctx
}

/// The course list with the agent's status.
#[utoipa::path(get, path = "/learn", tag = "pages", params(LangQuery),
    responses((status = 200, content_type = "text/html")))]
async fn list_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Response> {
    let lang = q.for_user(&user);
    let courses = views::courses(&k, &user, &lang).await?;
    let passed = courses
        .iter()
        .filter(|c| c.status == Status::Passed)
        .count();
    let mut ctx = context(&user, &lang);
    let line = kernel::i18n::catalog().text(
        &lang,
        "learn-passed-count",
        &[
            ("n", &passed.to_string()),
            ("total", &courses.len().to_string()),
        ],
    );
    ctx.insert("passed_line", &line);
    ctx.insert("courses", &courses);
    Ok(pages.render("learn_list.html", &ctx))
}

/// One course: its lessons and the way to its quiz.
#[utoipa::path(get, path = "/learn/{course}", tag = "pages", params(("course" = String, Path), LangQuery),
    responses((status = 200, content_type = "text/html"), (status = 404)))]
async fn course_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
    Path(course): Path<String>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Response> {
    let lang = q.for_user(&user);
    let mut ctx = context(&user, &lang);
    ctx.insert("course", &views::course(&k, &user, &course, &lang).await?);
    Ok(pages.render("learn_course.html", &ctx))
}

/// A lesson (recorded as read).
#[utoipa::path(get, path = "/learn/{course}/lessons/{lesson}", tag = "pages",
    params(("course" = String, Path), ("lesson" = String, Path), LangQuery),
    responses((status = 200, content_type = "text/html"), (status = 404)))]
async fn lesson_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
    Path((course, lesson)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Response> {
    let lang = q.for_user(&user);
    let mut ctx = context(&user, &lang);
    ctx.insert(
        "lesson",
        &views::lesson(&k, &user, &course, &lesson, &lang).await?,
    );
    Ok(pages.render("learn_lesson.html", &ctx))
}

/// The quiz; answers are scored by the API and the feedback shown in place.
#[utoipa::path(get, path = "/learn/{course}/quiz", tag = "pages", params(("course" = String, Path), LangQuery),
    responses((status = 200, content_type = "text/html"), (status = 404)))]
async fn quiz_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
    Path(course): Path<String>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Response> {
    let detail = views::course(&k, &user, &course, &q.for_user(&user)).await?;
    let mut ctx = context(&user, &detail.language);
    ctx.insert("course", &detail);
    Ok(pages.render("learn_quiz.html", &ctx))
}

/// Progress per agent and team, and the questions most often failed.
#[utoipa::path(get, path = "/learn/progress", tag = "pages", params(LangQuery),
    responses((status = 200, content_type = "text/html")))]
async fn progress_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> Result<Response> {
    let lang = q.for_user(&user);
    let mut ctx = context(&user, &lang);
    ctx.insert("progress", &views::progress(&k, &user, None).await?);
    Ok(pages.render("learn_progress.html", &ctx))
}

/// An image a lesson shows, from the published course.
#[utoipa::path(get, path = "/learn/{course}/images/{name}", tag = "pages",
    params(("course" = String, Path), ("name" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn course_file(
    State(k): State<Kernel>,
    Path((course, name)): Path<(String, String)>,
) -> Result<Response> {
    let (_, c) = store::current(&k.db, &course).await?;
    let path = format!("images/{name}");
    let data = c
        .files
        .get(&path)
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .ok_or_else(|| ElearningError::NotFound(format!("file {path}")))?;
    let kind = match path.rsplit('.').next() {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        _ => "application/octet-stream",
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            // An SVG opened on its own must not run scripts in our origin.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
        ],
        data,
    )
        .into_response())
}
