//! Server-rendered pages: one tera instance holding the templates of every service, so that
//! each service's pages extend the same `base.html` layout. Templates are compiled into the
//! binary, so it serves from any working directory. Pages carry no inline script or style
//! (the CSP refuses them): each service serves its pages' files as [`Asset`]s under
//! `/static/{service}/`; the layout's style sheet and the files of the kernel's own pages
//! (access management) are served here.

use std::sync::Arc;

use axum::extract::Path;
use axum::http::{header, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
/// The values a template is rendered with.
pub use tera::Context;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::guard::{Access, RoutePolicy};
use crate::error::{Error, Result};
use crate::problem::Problem;

/// A named template: `(name, source)`.
pub type Template = (&'static str, &'static str);

/// The layout every page extends.
pub const BASE: Template = ("base.html", include_str!("../templates/base.html"));

/// A static file compiled into the binary: `(name, content type, content)`.
pub type Asset = (&'static str, &'static str, &'static str);

/// The static files of the layout and of the kernel's own pages (`auth::admin_pages`).
const ASSETS: &[Asset] = &[
    ("base.css", "text/css", include_str!("../assets/base.css")),
    (
        "access.css",
        "text/css",
        include_str!("../assets/access.css"),
    ),
    (
        "pages.js",
        "text/javascript",
        include_str!("../assets/pages.js"),
    ),
    (
        "dom.js",
        "text/javascript",
        include_str!("../assets/dom.js"),
    ),
    (
        "admin.js",
        "text/javascript",
        include_str!("../assets/admin.js"),
    ),
    (
        "admin_teams.js",
        "text/javascript",
        include_str!("../assets/admin_teams.js"),
    ),
    (
        "audit.js",
        "text/javascript",
        include_str!("../assets/audit.js"),
    ),
    (
        "password.js",
        "text/javascript",
        include_str!("../assets/password.js"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::GET,
    "/static/kernel/{file}",
    Access::Public,
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    OpenApiRouter::new().routes(routes!(layout_asset))
}

/// A static file of the layout or of the kernel's pages.
#[utoipa::path(get, path = "/static/kernel/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn layout_asset(Path(file): Path<String>) -> Response {
    serve_asset(ASSETS, &file)
}

/// The file `file` of `assets`, revalidated on every use (a new release shows at once), or a
/// 404 problem.
pub fn serve_asset(assets: &[Asset], file: &str) -> Response {
    match assets.iter().find(|(name, _, _)| *name == file) {
        Some((_, kind, body)) => (
            [
                (header::CONTENT_TYPE, *kind),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *body,
        )
            .into_response(),
        None => Problem::new(StatusCode::NOT_FOUND, "not-found", "no such file").into_response(),
    }
}

/// The page renderer shared through the application state.
#[derive(Clone, Debug)]
pub struct Pages(Arc<tera::Tera>);

impl Pages {
    /// Builds the renderer from every service's templates (plus [`BASE`]).
    pub fn new(sets: &[&[Template]]) -> Result<Self> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        let all = [BASE, crate::error_pages::TEMPLATE]
            .into_iter()
            .chain(sets.iter().flat_map(|s| s.iter().copied()));
        tera.add_raw_templates(all)
            .map_err(|e| Error::Internal(format!("templates: {e:?}")))?;
        Ok(Self(Arc::new(tera)))
    }

    /// Renders `name` in the language of the context's `lang` (English when absent), with the
    /// catalogue's texts of that language as `t`; a template error is a 500 (logged), never a
    /// half page.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Response {
        let lang = crate::i18n::supported(
            ctx.get("lang")
                .and_then(|v| v.as_str())
                .unwrap_or(crate::i18n::FALLBACK),
        );
        let mut ctx = ctx.clone();
        ctx.insert("lang", lang);
        ctx.insert("t", crate::i18n::catalog().messages(lang));
        match self.0.render(name, &ctx) {
            Ok(html) => Html(html).into_response(),
            Err(e) => Error::Internal(format!("template {name}: {e:?}")).into_response(),
        }
    }
}
