//! Server-rendered pages (tera). The agent console replaces `/` when it arrives; until then
//! `/` says who is logged in and offers the login form.

use axum::extract::State;
use axum::http::Method;
use axum::response::{Html, IntoResponse};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::Principal;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(Method::GET, "/", Access::Public)];

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(home))
}

/// Loads the templates compiled into the binary, so it runs from any directory.
pub fn templates() -> Result<tera::Tera, tera::Error> {
    let mut tera = tera::Tera::default();
    tera.add_raw_templates([
        ("base.html", include_str!("templates/base.html")),
        ("home.html", include_str!("templates/home.html")),
    ])?;
    Ok(tera)
}

/// The home page: who is logged in, or the login form.
#[utoipa::path(get, path = "/", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn home(State(state): State<AppState>, principal: Option<Principal>) -> impl IntoResponse {
    let mut ctx = tera::Context::new();
    ctx.insert("user", &principal);
    match state.templates.render("home.html", &ctx) {
        Ok(html) => Html(html).into_response(),
        Err(e) => kernel::Error::Internal(format!("template: {e}")).into_response(),
    }
}
