//! `/`: the agent console for agents, the dashboard for supervisors, a page with the user's
//! links for the other roles, the form for a new password while an admin's reset must be
//! replaced, and the login form for everyone else; and the console's static files (plain
//! JavaScript modules and CSS, compiled into the binary, no build step).

use axum::extract::{Path, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::pages::{Asset, Context, Pages, Template};
use kernel::problem::Problem;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const TEMPLATES: &[Template] = &[
    ("home.html", include_str!("../templates/home.html")),
    ("console.html", include_str!("../templates/console.html")),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
];

/// The static files.
const ASSETS: &[Asset] = &[
    (
        "console.css",
        "text/css",
        include_str!("../assets/console.css"),
    ),
    (
        "actions.js",
        "text/javascript",
        include_str!("../assets/actions.js"),
    ),
    (
        "alerts.js",
        "text/javascript",
        include_str!("../assets/alerts.js"),
    ),
    (
        "autosave.js",
        "text/javascript",
        include_str!("../assets/autosave.js"),
    ),
    (
        "breakglass.js",
        "text/javascript",
        include_str!("../assets/breakglass.js"),
    ),
    (
        "call.js",
        "text/javascript",
        include_str!("../assets/call.js"),
    ),
    (
        "common.js",
        "text/javascript",
        include_str!("../assets/common.js"),
    ),
    (
        "connection.js",
        "text/javascript",
        include_str!("../assets/connection.js"),
    ),
    (
        "console.js",
        "text/javascript",
        include_str!("../assets/console.js"),
    ),
    (
        "dashboard.js",
        "text/javascript",
        include_str!("../assets/dashboard.js"),
    ),
    (
        "figures.css",
        "text/css",
        include_str!("../assets/figures.css"),
    ),
    (
        "figures.js",
        "text/javascript",
        include_str!("../assets/figures.js"),
    ),
    (
        "fields.js",
        "text/javascript",
        include_str!("../assets/fields.js"),
    ),
    (
        "home.js",
        "text/javascript",
        include_str!("../assets/home.js"),
    ),
    (
        "i18n.js",
        "text/javascript",
        include_str!("../assets/i18n.js"),
    ),
    (
        "inbound.js",
        "text/javascript",
        include_str!("../assets/inbound.js"),
    ),
    (
        "render.js",
        "text/javascript",
        include_str!("../assets/render.js"),
    ),
    (
        "state.js",
        "text/javascript",
        include_str!("../assets/state.js"),
    ),
    ("ws.js", "text/javascript", include_str!("../assets/ws.js")),
    (
        "register.js",
        "text/javascript",
        include_str!("../assets/register.js"),
    ),
    (
        "wrapup.js",
        "text/javascript",
        include_str!("../assets/wrapup.js"),
    ),
    (
        "documents.js",
        "text/javascript",
        include_str!("../assets/documents.js"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/", Access::Public),
    RoutePolicy::new(Method::GET, "/static/console/{file}", Access::Public),
    // Interface texts, the same for everyone (no personal data).
    RoutePolicy::new(Method::GET, "/static/i18n/{file}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Pages: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(home))
        .routes(routes!(asset))
        .routes(routes!(texts))
}

/// The console, the dashboard, the user's links, the new-password form, or the login form.
#[utoipa::path(get, path = "/", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn home(
    State(pages): State<Pages>,
    principal: Option<Principal>,
    headers: axum::http::HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    // Every other route refuses a user whose reset password must be replaced: this is the
    // page where they replace it, and the one they come back to afterwards.
    if let Some(user) = principal.as_ref().filter(|p| p.must_change_password) {
        return kernel::auth::admin_pages::password_page(&pages, user);
    }
    let mut ctx = Context::new();
    ctx.insert("user", &principal);
    // Logged in, the user's own language; before that, the one they chose on the login page
    // or their browser's.
    let visitor = || {
        // `?lang=` from the login page's links; any other query is ignored, never refused.
        let chosen = query
            .as_deref()
            .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("lang=")));
        kernel::i18n::for_visitor(
            chosen,
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    };
    ctx.insert(
        "lang",
        principal.as_ref().map_or_else(visitor, |p| p.ui_language()),
    );
    ctx.insert("languages", &kernel::i18n::LANGUAGES);
    // The outcomes the finish dialog offers: the one list, in its order.
    ctx.insert("outcomes", scripting::model::Outcome::ALL);
    let page = match principal.as_ref().map(|p| p.role) {
        Some(Role::Agent) => "console.html",
        Some(Role::Supervisor) => "dashboard.html",
        _ => "home.html",
    };
    pages.render(page, &ctx)
}

/// A static file of the console.
#[utoipa::path(get, path = "/static/console/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn asset(Path(file): Path<String>) -> Response {
    kernel::pages::serve_asset(ASSETS, &file)
}

/// The console's texts in one language (`fr.json`): the `console-*` messages of the
/// catalogue, each with its `{name}` slots, for `i18n.js`.
#[utoipa::path(get, path = "/static/i18n/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200, content_type = "application/json"), (status = 404)))]
async fn texts(Path(file): Path<String>) -> Response {
    let lang = file.strip_suffix(".json").unwrap_or_default();
    if !kernel::i18n::LANGUAGES.contains(&lang) {
        return Problem::new(StatusCode::NOT_FOUND, "not-found", "no such language")
            .into_response();
    }
    (
        [(header::CACHE_CONTROL, "no-cache")],
        axum::Json(kernel::i18n::catalog().area(lang, "console-")),
    )
        .into_response()
}
