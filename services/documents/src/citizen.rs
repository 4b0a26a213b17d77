//! The citizen's page of documents, reached by the one-time link of the delivery e-mail:
//! no account. `GET /d/{token}` only asks (mail scanners follow links; they must not spend
//! the citizen's one opening); the button posts, which spends the link and starts a short
//! visit; `/d` lists the case's documents and `/d/documents/{id}` downloads one, both
//! audited against the link.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::pages::{Context, Pages, Template};
use kernel::{Kernel, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::links::{Visit, COOKIE, LINK_HOURS, VISIT_MINUTES};
use kernel::links::Landing;

pub const TEMPLATES: &[Template] = &[("citizen.html", include_str!("../templates/citizen.html"))];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/d/{token}", Access::Public),
    RoutePolicy::new(Method::POST, "/d/{token}", Access::Public),
    RoutePolicy::new(Method::GET, "/d", Access::Public),
    RoutePolicy::new(Method::GET, "/d/documents/{id}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
    Pages: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(landing, spend))
        .routes(routes!(documents_page))
        .routes(routes!(download))
}

fn visitor(headers: &HeaderMap) -> &'static str {
    kernel::links::visitor_language(headers)
}

fn page(pages: &Pages, lang: &str, status: StatusCode, mode: &str, ctx: Context) -> Response {
    let mut ctx = ctx;
    ctx.insert("lang", lang);
    ctx.insert("mode", mode);
    ctx.insert("hours", &LINK_HOURS.to_string());
    ctx.insert("minutes", &VISIT_MINUTES.to_string());
    let mut response = pages.render("citizen.html", &ctx);
    *response.status_mut() = status;
    kernel::links::private(response)
}

/// The landing page of a link: a button to open the documents, or why the link is spent.
#[utoipa::path(get, path = "/d/{token}", tag = "pages", params(("token" = String, Path)),
    responses((status = 200, content_type = "text/html"), (status = 410)))]
async fn landing(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response> {
    Ok(
        match crate::links::LINKS.landing(&k, &token, &headers).await? {
            Landing::Ask(language) => page(&pages, &language, StatusCode::OK, "landing", {
                let mut ctx = Context::new();
                ctx.insert("token", &token);
                ctx
            }),
            Landing::Gone(language) => {
                page(&pages, &language, StatusCode::GONE, "gone", Context::new())
            }
        },
    )
}

/// Spends the link and starts the visit (a cookie for `/d` only), then shows the documents.
#[utoipa::path(post, path = "/d/{token}", tag = "pages", params(("token" = String, Path)),
    responses((status = 303), (status = 410)))]
async fn spend(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    Path(token): Path<String>,
    jar: CookieJar,
) -> Result<Response> {
    Ok(
        match crate::links::LINKS
            .start_visit(&k, &token, &headers, jar, COOKIE, "/d")
            .await?
        {
            Ok(jar) => (jar, Redirect::to("/d")).into_response(),
            Err(language) => page(&pages, &language, StatusCode::GONE, "gone", Context::new()),
        },
    )
}

/// The visit behind the request's cookie.
async fn current(k: &Kernel, jar: &CookieJar) -> Result<Option<Visit>> {
    crate::links::LINKS.current(k, jar, COOKIE).await
}

async fn audit(k: &Kernel, visit: &Visit, action: &str, subject: &str) -> Result<()> {
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &visit.actor(),
            action,
            subject,
            request_id: None,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
}

/// The documents of the visit's case, newest first, with their period and state.
#[utoipa::path(get, path = "/d", tag = "pages",
    responses((status = 200, content_type = "text/html")))]
async fn documents_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<Response> {
    // No visit (never opened, or ended): the page says how to get a new link.
    let Some(visit) = current(&k, &jar).await? else {
        let lang = visitor(&headers);
        return Ok(page(&pages, lang, StatusCode::OK, "ended", Context::new()));
    };
    audit(
        &k,
        &visit,
        "documents.listed",
        &format!("case:{}", visit.subject_id),
    )
    .await?;
    let lang = visit.language.as_str();
    let day = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| crate::words::long_date(lang, d))
            .unwrap_or_else(|_| d.to_string())
    };
    let docs: Vec<serde_json::Value> = crate::store::of_case(&k, &visit.subject_id)
        .await?
        .into_iter()
        .map(|l| {
            serde_json::json!({
                "id": l.doc.id,
                "title": l.title,
                "from": day(&l.doc.valid_from),
                "until": day(&l.doc.valid_until),
                "in_force": l.doc.state == crate::store::DocumentState::Issued.as_str(),
            })
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("documents", &docs);
    ctx.insert("verify", &crate::store::verify_url(&k));
    Ok(page(&pages, lang, StatusCode::OK, "list", ctx))
}

/// One document of the visit's case as PDF; audited `document.downloaded`.
#[utoipa::path(get, path = "/d/documents/{id}", tag = "pages", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404), (status = 410)))]
async fn download(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    Path(id): Path<String>,
    jar: CookieJar,
) -> Result<Response> {
    let Some(visit) = current(&k, &jar).await? else {
        return Ok(page(
            &pages,
            visitor(&headers),
            StatusCode::GONE,
            "ended",
            Context::new(),
        ));
    };
    // Another case's document, or one no longer in force: as if it did not exist (and
    // checked before anything sealed is opened).
    let theirs = crate::store::of_case(&k, &visit.subject_id)
        .await?
        .into_iter()
        .any(|l| l.doc.id == id && l.doc.state == crate::store::DocumentState::Issued.as_str());
    if !theirs {
        return Err(kernel::Error::NotFound(format!("document {id}")));
    }
    let r = crate::store::render(&k, &id).await?;
    audit(&k, &visit, "document.downloaded", &format!("document:{id}")).await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.pdf\"", r.doc.kind),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        r.pdf,
    )
        .into_response())
}
