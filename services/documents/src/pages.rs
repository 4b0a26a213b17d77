//! The public verification page (`/verify`): no login; the server renders it with the
//! documents' public keys pinned in it and the texts of the visitor's language, and
//! `verify.js` checks a pasted or scanned code in the browser with those keys alone.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, Method};
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::i18n::catalog;
use kernel::pages::{Asset, Context, Pages, Template};
use kernel::{Kernel, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const TEMPLATES: &[Template] = &[("verify.html", include_str!("../templates/verify.html"))];

const ASSETS: &[Asset] = &[
    (
        "verify.js",
        "text/javascript",
        include_str!("../assets/verify.js"),
    ),
    (
        "verify.css",
        "text/css",
        include_str!("../assets/verify.css"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/verify", Access::Public),
    RoutePolicy::new(Method::GET, "/static/documents/{file}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
    Pages: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(verify_page))
        .routes(routes!(asset))
}

/// The verification page, in the visitor's language (`?lang=` or the browser's).
#[utoipa::path(get, path = "/verify", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn verify_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response> {
    let chosen = query
        .as_deref()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("lang=")));
    let lang = kernel::i18n::for_visitor(
        chosen,
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("texts", &catalog().area(lang, "pages-verify-"));
    ctx.insert("keys", &crate::routes::signer(&k)?.jwks().to_string());
    Ok(pages.render("verify.html", &ctx))
}

/// A static file of the verification page.
#[utoipa::path(get, path = "/static/documents/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn asset(Path(file): Path<String>) -> Response {
    kernel::pages::serve_asset(ASSETS, &file)
}
