//! The supervisors' figures: the page (`/figures`) and its data (`GET /api/v1/figures`), see
//! `figures` for what is counted.

use std::collections::BTreeMap;

use axum::extract::{FromRef, State};
use axum::http::Method;
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::pages::{Context, Pages, Template};
use kernel::problem::{ApiJson, ApiQuery};
use kernel::Kernel;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::figures::{self, Figures, Period};

pub const TEMPLATES: &[Template] = &[("figures.html", include_str!("../templates/figures.html"))];

const SUPERVISORS: &[Role] = &[Role::Supervisor];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/figures", Access::Roles(SUPERVISORS)),
    RoutePolicy::new(Method::GET, "/api/v1/figures", Access::Roles(SUPERVISORS)),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    Pages: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(figures_page))
        .routes(routes!(figures_data))
}

/// Per team and per agent, and the charts, over a period.
#[utoipa::path(get, path = "/api/v1/figures", tag = "campaigns", params(Period),
    responses((status = 200, body = Figures), (status = 422)))]
async fn figures_data(
    State(k): State<Kernel>,
    p: Principal,
    ApiQuery(period): ApiQuery<Period>,
) -> kernel::Result<ApiJson<Figures>> {
    Ok(ApiJson(figures::figures(&k, &p, &period).await?))
}

/// The figures page.
#[utoipa::path(get, path = "/figures", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn figures_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    user: Principal,
) -> Response {
    let lang = user.ui_language();
    let texts: BTreeMap<String, String> = kernel::i18n::catalog().area(lang, "supervise-");
    let today = k
        .now()
        .with_timezone(&chrono_tz::Europe::Brussels)
        .date_naive();
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("user", &user);
    ctx.insert("texts", &texts);
    ctx.insert("today", &today.to_string());
    ctx.insert("here", "figures");
    pages.render("figures.html", &ctx)
}
