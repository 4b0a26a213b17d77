//! The pages of access management: `/admin` (accounts, teams and API tokens, for admins),
//! `/audit/person` (the DPO's answer to "who looked at this person"), and the form that
//! changes one's own password (`/account/password`, and what `/` shows while a password an
//! admin reset must be replaced: see [`password_page`]).
//!
//! The server renders each page's frame in the user's language, with the choices only it
//! knows (roles, interface languages, the regions and provinces a team may cover) and every
//! text the page's script needs (`data-texts`, the catalogue's `access-` area). The scripts
//! (`/static/kernel/admin.js`, `audit.js`, `password.js`) call the JSON API the pages sit
//! beside and draw the lists, so one code path shows them and redraws them after a change,
//! and a refusal is shown next to the form that caused it rather than as a bare problem. The
//! DPO's report comes from the cases service's API: the kernel reads no service's data.

use std::collections::BTreeMap;

use axum::extract::{FromRef, State};
use axum::http::Method;
use axum::response::Response;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{Access, RoutePolicy};
use super::users::MIN_PASSWORD_LEN;
use super::{Principal, Role};
use crate::i18n::catalog;
use crate::pages::{Context, Pages, Template};
use crate::postal::{Region, PROVINCES};

const ADMIN: &[Role] = &[Role::Admin];
const DPO: &[Role] = &[Role::Dpo];

pub const TEMPLATES: &[Template] = &[
    ("admin.html", include_str!("../../templates/admin.html")),
    (
        "audit_person.html",
        include_str!("../../templates/audit_person.html"),
    ),
    (
        "password.html",
        include_str!("../../templates/password.html"),
    ),
];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/admin", Access::Roles(ADMIN)),
    RoutePolicy::new(Method::GET, "/audit/person", Access::Roles(DPO)),
    RoutePolicy::new(Method::GET, "/account/password", Access::Authenticated),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Pages: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(admin_page))
        .routes(routes!(audit_person_page))
        .routes(routes!(account_password_page))
}

/// One option of a select or a checkbox list: the value the API takes, and its label.
#[derive(Debug, Serialize)]
struct Choice {
    value: &'static str,
    label: String,
}

/// The catalogue's text `id` in `lang`, or `fallback` (see `Catalog::text_or`).
fn label(lang: &str, id: &str, fallback: &str) -> String {
    catalog().text_or(lang, id, fallback)
}

/// `values` labelled by the catalogue's `{prefix}{value}`.
fn choices(
    lang: &str,
    prefix: &str,
    values: impl IntoIterator<Item = &'static str>,
) -> Vec<Choice> {
    values
        .into_iter()
        .map(|value| Choice {
            value,
            label: label(lang, &format!("{prefix}{value}"), value),
        })
        .collect()
}

/// What every access page is rendered with: the user, their language, the texts of the
/// `access-` area for the script (only interface texts: no data), and the password rule
/// (the server's, so the page never states another).
fn context(user: &Principal) -> Context {
    let lang = user.ui_language();
    let texts: BTreeMap<String, String> = catalog().area(lang, "access-");
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("user", user);
    ctx.insert("texts", &texts);
    ctx.insert("min_password", &MIN_PASSWORD_LEN);
    ctx.insert(
        "password_rule",
        &catalog().text(
            lang,
            "access-password-rule",
            &[("min", &MIN_PASSWORD_LEN.to_string())],
        ),
    );
    ctx
}

/// Accounts, teams and API tokens.
#[utoipa::path(get, path = "/admin", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn admin_page(State(pages): State<Pages>, user: Principal) -> Response {
    let lang = user.ui_language();
    let mut ctx = context(&user);
    let roles: Vec<&'static str> = Role::PEOPLE.iter().map(|r| r.as_str()).collect();
    ctx.insert("roles", &choices(lang, "access-role-", roles));
    ctx.insert(
        "languages",
        &choices(lang, "access-language-", crate::i18n::LANGUAGES),
    );
    // The names `postal::ranges_of` takes first, so what the form sends is always accepted.
    let regions: Vec<&'static str> = Region::ALL
        .iter()
        .filter_map(|r| r.names().first().copied())
        .collect();
    let provinces: Vec<&'static str> = PROVINCES
        .iter()
        .filter_map(|p| p.names.first().copied())
        .collect();
    ctx.insert("regions", &choices(lang, "access-region-", regions));
    ctx.insert("provinces", &choices(lang, "access-region-", provinces));
    pages.render("admin.html", &ctx)
}

/// The DPO's report on the person behind a case code: the form, and the report drawn by
/// the script from `GET /api/v1/audit/people/{code}` (the code never goes into the URL of
/// the page, where history and logs would keep it).
#[utoipa::path(get, path = "/audit/person", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn audit_person_page(State(pages): State<Pages>, user: Principal) -> Response {
    pages.render("audit_person.html", &context(&user))
}

/// Changing one's own password.
#[utoipa::path(get, path = "/account/password", tag = "pages", responses((status = 200, content_type = "text/html")))]
async fn account_password_page(State(pages): State<Pages>, user: Principal) -> Response {
    password_page(&pages, &user)
}

/// The form that changes `user`'s password. While an admin's reset must be replaced
/// (`must_change_password`), it is the only page they get: `/` shows it instead of their
/// console or links, without navigation (every other route refuses them), and once the
/// change is accepted the script goes back to `/`.
pub fn password_page(pages: &Pages, user: &Principal) -> Response {
    let mut ctx = context(user);
    ctx.insert("forced", &user.must_change_password);
    pages.render("password.html", &ctx)
}
