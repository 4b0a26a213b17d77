//! The requester's page of their request, reached by the one-time link of a mail (no
//! account): `GET /r/{token}` only asks, its button spends the link and starts a short
//! visit; `/r` shows the status and the thread (never the staff's internal notes), takes an
//! answer with attachments and, once the request is resolved, the satisfaction rating.
//! Everything is rendered by the server, without script; every read and write is audited
//! against the link.

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::links::{Landing, Visit};
use kernel::pages::{Context, Pages, Template};
use kernel::{Kernel, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::follow::{COOKIE, LINKS, VISIT_MINUTES};
use crate::requester_view::{self as view, Answer};

pub const TEMPLATES: &[Template] = &[(
    "requester.html",
    include_str!("../templates/requester.html"),
)];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/r/{token}", Access::Public),
    RoutePolicy::new(Method::POST, "/r/{token}", Access::Public),
    RoutePolicy::new(Method::GET, "/r", Access::Public),
    RoutePolicy::new(Method::POST, "/r/reply", Access::Public),
    RoutePolicy::new(Method::POST, "/r/rating", Access::Public),
    RoutePolicy::new(Method::GET, "/r/files/{id}", Access::Public),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
    Pages: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(landing, spend))
        .routes(routes!(request_page))
        .routes(routes!(rate))
        .routes(routes!(file))
        .merge(
            // An answer may carry attachments up to the size of a mail.
            OpenApiRouter::new().routes(routes!(reply)).layer(
                axum::extract::DefaultBodyLimit::max(crate::mime::MAX_MESSAGE),
            ),
        )
}

pub(crate) fn page(
    pages: &Pages,
    lang: &str,
    status: StatusCode,
    mode: &str,
    ctx: Context,
) -> Response {
    let mut ctx = ctx;
    ctx.insert("lang", lang);
    ctx.insert("mode", mode);
    ctx.insert("days", &(crate::follow::LINK_HOURS / 24).to_string());
    ctx.insert("minutes", &VISIT_MINUTES.to_string());
    let mut response = pages.render("requester.html", &ctx);
    *response.status_mut() = status;
    kernel::links::private(response)
}

fn ended(pages: &Pages, headers: &HeaderMap) -> Response {
    page(
        pages,
        kernel::links::visitor_language(headers),
        StatusCode::GONE,
        "ended",
        Context::new(),
    )
}

/// The landing page of a link: a button to open the request, or why the link is spent.
#[utoipa::path(get, path = "/r/{token}", tag = "pages", params(("token" = String, Path)),
    responses((status = 200, content_type = "text/html"), (status = 410)))]
async fn landing(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response> {
    Ok(match LINKS.landing(&k, &token, &headers).await? {
        Landing::Ask(language) => page(&pages, &language, StatusCode::OK, "landing", {
            let mut ctx = Context::new();
            ctx.insert("token", &token);
            ctx
        }),
        Landing::Gone(language) => {
            page(&pages, &language, StatusCode::GONE, "gone", Context::new())
        }
    })
}

/// Spends the link and starts the visit (a cookie for `/r` only), then shows the request.
#[utoipa::path(post, path = "/r/{token}", tag = "pages", params(("token" = String, Path)),
    responses((status = 303), (status = 410)))]
async fn spend(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    Path(token): Path<String>,
    jar: CookieJar,
) -> Result<Response> {
    Ok(
        match LINKS
            .start_visit(&k, &token, &headers, jar, COOKIE, "/r")
            .await?
        {
            Ok(jar) => (jar, Redirect::to("/r")).into_response(),
            Err(language) => page(&pages, &language, StatusCode::GONE, "gone", Context::new()),
        },
    )
}

/// The visit behind the request's cookie.
async fn current(k: &Kernel, jar: &CookieJar) -> Result<Option<Visit>> {
    LINKS.current(k, jar, COOKIE).await
}

/// The request of the visit: its status and thread, the answer form, the survey.
#[utoipa::path(get, path = "/r", tag = "pages",
    responses((status = 200, content_type = "text/html"), (status = 410)))]
async fn request_page(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<Response> {
    let Some(visit) = current(&k, &jar).await? else {
        // Never opened, or ended: the page says how to get a new link.
        return Ok(page(
            &pages,
            kernel::links::visitor_language(&headers),
            StatusCode::OK,
            "ended",
            Context::new(),
        ));
    };
    view::show(&k, &pages, &visit, StatusCode::OK, None).await
}

/// The requester's answer, with attachments: it joins the thread and opens the request
/// again when it was waiting or resolved.
#[utoipa::path(post, path = "/r/reply", tag = "pages",
    responses((status = 303), (status = 410), (status = 422, content_type = "text/html")))]
async fn reply(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    jar: CookieJar,
    form: Multipart,
) -> Result<Response> {
    let Some(visit) = current(&k, &jar).await? else {
        return Ok(ended(&pages, &headers));
    };
    match view::read_answer(form).await {
        Ok(Answer { body, files }) => match view::answer(&k, &visit, &body, &files).await? {
            None => Ok(Redirect::to("/r#thread").into_response()),
            Some(problem) => {
                view::show(&k, &pages, &visit, StatusCode::CONFLICT, Some(problem)).await
            }
        },
        Err(problem) => {
            view::show(
                &k,
                &pages,
                &visit,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(problem),
            )
            .await
        }
    }
}

/// The satisfaction rating (1 to 5, and a comment) of a resolved request, once.
#[utoipa::path(post, path = "/r/rating", tag = "pages",
    responses((status = 303), (status = 410), (status = 422, content_type = "text/html")))]
async fn rate(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    jar: CookieJar,
    axum::Form(form): axum::Form<std::collections::HashMap<String, String>>,
) -> Result<Response> {
    let Some(visit) = current(&k, &jar).await? else {
        return Ok(ended(&pages, &headers));
    };
    let rating = form
        .get("rating")
        .and_then(|r| r.trim().parse::<i64>().ok())
        .filter(|r| (1..=5).contains(r));
    let comment = form.get("comment").map(|c| c.trim()).unwrap_or_default();
    let Some(rating) = rating else {
        return view::show(
            &k,
            &pages,
            &visit,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("pages-request-rating-missing"),
        )
        .await;
    };
    if comment.chars().count() > 2_000 {
        return view::show(
            &k,
            &pages,
            &visit,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("pages-request-comment-long"),
        )
        .await;
    }
    match crate::survey::record(&k, &visit.subject_id, rating, comment, &visit.actor()).await? {
        None => Ok(Redirect::to("/r#survey").into_response()),
        Some(problem) => view::show(&k, &pages, &visit, StatusCode::CONFLICT, Some(problem)).await,
    }
}

/// One attachment of the thread (the requester's or the centre's), as a download.
#[utoipa::path(get, path = "/r/files/{id}", tag = "pages", params(("id" = String, Path)),
    responses((status = 200), (status = 404), (status = 410)))]
async fn file(
    State(k): State<Kernel>,
    State(pages): State<Pages>,
    headers: HeaderMap,
    Path(id): Path<String>,
    jar: CookieJar,
) -> Result<Response> {
    let Some(visit) = current(&k, &jar).await? else {
        return Ok(ended(&pages, &headers));
    };
    let key = crate::store::key_of(&k, &visit.subject_id).await?;
    let Some((name, content_type, bytes)) =
        crate::thread::attachment(&k, &key, &visit.subject_id, &id).await?
    else {
        return Err(kernel::Error::NotFound(format!("file {id}")));
    };
    view::audit(
        &k,
        &visit,
        "request.file_downloaded",
        serde_json::json!({ "file": id }),
    )
    .await?;
    // The name as the requester gave it, but never able to break out of the header.
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(kernel::links::private(
        (
            StatusCode::OK,
            [
                // A type a browser could run (HTML, SVG) is only ever a download.
                (
                    header::CONTENT_TYPE,
                    if ["application/pdf", "image/png", "image/jpeg", "text/plain"]
                        .contains(&content_type.as_str())
                    {
                        content_type
                    } else {
                        "application/octet-stream".to_string()
                    },
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{safe}\""),
                ),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            ],
            bytes,
        )
            .into_response(),
    ))
}
