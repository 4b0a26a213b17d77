//! The static files of the requests' public pages.

use axum::extract::Path;
use axum::http::Method;
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::Kernel;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const ASSETS: &[kernel::pages::Asset] = &[
    (
        "requests.css",
        "text/css",
        include_str!("../assets/requests.css"),
    ),
    (
        "reports.css",
        "text/css",
        include_str!("../assets/reports.css"),
    ),
    ("inbox.css", "text/css", include_str!("../assets/inbox.css")),
    (
        "inbox.js",
        "text/javascript",
        include_str!("../assets/inbox.js"),
    ),
    (
        "request_new.js",
        "text/javascript",
        include_str!("../assets/request_new.js"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::GET,
    "/static/requests/{file}",
    Access::Public,
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(asset))
}

/// A static file of the requests' pages.
#[utoipa::path(get, path = "/static/requests/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn asset(Path(file): Path<String>) -> Response {
    kernel::pages::serve_asset(ASSETS, &file)
}
