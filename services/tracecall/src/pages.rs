//! Server-rendered pages (tera). The agent console replaces `/` when it arrives; until then
//! `/` says who is logged in and offers the login form.

use axum::extract::State;
use axum::http::Method;
use axum::response::IntoResponse;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::Principal;
use kernel::pages::{Pages, Template};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(Method::GET, "/", Access::Public)];

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(home))
}

const TEMPLATES: &[Template] = &[("home.html", include_str!("templates/home.html"))];

/// Every service's templates in one renderer.
pub fn templates() -> kernel::Result<Pages> {
    Pages::new(&[TEMPLATES, elearning::pages::TEMPLATES])
}

/// The home page: who is logged in, or the login form.
#[utoipa::path(get, path = "/", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn home(State(state): State<AppState>, principal: Option<Principal>) -> impl IntoResponse {
    let mut ctx = tera::Context::new();
    ctx.insert("user", &principal);
    state.pages.render("home.html", &ctx)
}
