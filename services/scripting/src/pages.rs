//! The author's page (`/author`): scripts and their releases, the newest release's files to
//! edit, a check with each problem at its line and column, a preview that walks the edited
//! script as an agent would in each language, publishing, and two releases side by side.
//! The server renders the page and its texts; the page's scripts use the JSON API
//! (`routes`, `authoring`), so the page does exactly what the API allows.

use std::collections::BTreeMap;

use axum::extract::{FromRef, Path, State};
use axum::http::Method;
use axum::response::Response;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::i18n::catalog;
use kernel::pages::{Asset, Context, Pages, Template};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const TEMPLATES: &[Template] = &[("author.html", include_str!("../templates/author.html"))];

const ASSETS: &[Asset] = &[
    (
        "author.css",
        "text/css",
        include_str!("../assets/author.css"),
    ),
    (
        "author.js",
        "text/javascript",
        include_str!("../assets/author.js"),
    ),
    (
        "author_preview.js",
        "text/javascript",
        include_str!("../assets/author_preview.js"),
    ),
    (
        "author_diff.js",
        "text/javascript",
        include_str!("../assets/author_diff.js"),
    ),
];

/// Who edits and publishes scripts (as `POST /api/v1/scripts/publish` allows).
const AUTHORS: &[Role] = &[Role::Author, Role::Admin];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/author", Access::Roles(AUTHORS)),
    // Code and styles only, the same for everyone.
    RoutePolicy::new(Method::GET, "/static/scripting/{file}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Pages: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(author_page))
        .routes(routes!(asset))
}

#[derive(Debug, Serialize)]
struct Choice {
    value: &'static str,
    label: String,
}

/// The scripts, the editor, the preview and the releases.
#[utoipa::path(get, path = "/author", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn author_page(State(pages): State<Pages>, user: Principal) -> Response {
    let lang = user.ui_language();
    let texts: BTreeMap<String, String> = catalog().area(lang, "author-");
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("user", &user);
    ctx.insert("texts", &texts);
    ctx.insert("can_publish", &AUTHORS.contains(&user.role));
    let languages: Vec<Choice> = kernel::i18n::LANGUAGES
        .iter()
        .map(|l| Choice {
            value: l,
            label: catalog().text(lang, &format!("access-language-{l}"), &[]),
        })
        .collect();
    ctx.insert("languages", &languages);
    pages.render("author.html", &ctx)
}

/// A static file of the author's page.
#[utoipa::path(get, path = "/static/scripting/{file}", tag = "pages", params(("file" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn asset(Path(file): Path<String>) -> Response {
    kernel::pages::serve_asset(ASSETS, &file)
}
