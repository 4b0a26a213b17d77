//! The epidemiologists' page: past exports with their delivery state, alerts for exports the
//! receiver refused, each export's ledger, downloads, and a form to run one.

use std::collections::BTreeMap;

use axum::extract::{FromRef, Path, State};
use axum::http::Method;
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::pages::{Asset, Context, Pages, Template};
use kernel::Kernel;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::datasets::Dataset;
use crate::routes::EPIDEMIOLOGISTS;
use crate::{deliver, store, Exporter};
use kernel::Result;

pub const TEMPLATES: &[Template] = &[("exports.html", include_str!("../templates/exports.html"))];

/// The page's static files.
const ASSETS: &[Asset] = &[
    (
        "exports.css",
        "text/css",
        include_str!("../assets/exports.css"),
    ),
    (
        "exports.js",
        "text/javascript",
        include_str!("../assets/exports.js"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/exports", Access::Roles(EPIDEMIOLOGISTS)),
    // Code and styles only, the same for everyone.
    RoutePolicy::new(Method::GET, "/static/exporter/{file}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    Exporter: FromRef<S>,
    Pages: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(exports_page))
        .routes(routes!(exports_asset))
}

/// A static file of the page.
#[utoipa::path(get, path = "/static/exporter/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn exports_asset(Path(file): Path<String>) -> Response {
    kernel::pages::serve_asset(ASSETS, &file)
}

/// Past exports, alerts, ledgers and downloads.
#[utoipa::path(get, path = "/exports", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn exports_page(
    State(k): State<Kernel>,
    State(ex): State<Exporter>,
    State(pages): State<Pages>,
    user: kernel::auth::Principal,
) -> Result<Response> {
    let exports = store::list(&k, 100).await?;
    let mut ledgers = BTreeMap::new();
    for e in exports.iter().filter(|e| e.attempts > 0).take(50) {
        ledgers.insert(e.id.clone(), store::attempts(&k, &e.id).await?);
    }
    let mut ctx = Context::new();
    // In the epidemiologist's own language (the page was English for everyone).
    ctx.insert("lang", user.ui_language());
    ctx.insert("exports", &exports);
    ctx.insert("ledgers", &ledgers);
    ctx.insert("public_key", &ex.signer.public_key());
    ctx.insert(
        "target",
        &ex.target.as_ref().map(|t| match t {
            deliver::Target::Http { url, .. } => url.clone(),
            deliver::Target::Directory(d) => d.display().to_string(),
        }),
    );
    ctx.insert(
        "datasets",
        &Dataset::ALL.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
    );
    // The latest closed day, in the exports' time zone (exports cover closed days only).
    let today = k.now().with_timezone(&ex.cfg.tz()?).date_naive();
    ctx.insert("yesterday", &today.pred_opt().unwrap_or(today).to_string());
    Ok(pages.render("exports.html", &ctx))
}
