//! Errors as pages. A browser navigating to a page that does not exist, that the user's role
//! does not open, or that failed, gets a page in the user's language with a way on, never
//! the API's `application/problem+json`; a logged-out deep link goes to the login form and
//! back to where it pointed after logging in. Calls of the API from the pages' scripts (which
//! ask for JSON) and every other client keep the problem documents unchanged.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::pages::{Context, Pages};
use crate::Kernel;

/// The layout's error page.
pub const TEMPLATE: crate::pages::Template =
    ("error.html", include_str!("../templates/error.html"));

/// Whether the request is a browser's navigation: a GET asking for HTML.
fn wants_page(method: &Method, headers: &HeaderMap) -> bool {
    method == Method::GET
        && headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
}

/// Whether `response` is one of the API's problem documents.
fn is_problem(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/problem+json"))
}

/// `path` as the login page's `next`: a path of this site only (never `//host`), percent-
/// encoded; the query is left out (it may hold what someone searched for).
pub fn next_param(path: &str) -> Option<String> {
    if !path.starts_with('/') || path.starts_with("//") || path == "/" {
        return None;
    }
    let encoded: String = path
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    Some(encoded)
}

/// The middleware: runs outside the access guard, so it sees its refusals too.
pub async fn html_errors(
    State((kernel, pages)): State<(Kernel, Pages)>,
    req: Request,
    next: Next,
) -> Response {
    if !wants_page(req.method(), req.headers()) {
        return next.run(req).await;
    }
    let headers = req.headers().clone();
    let path = req.uri().path().to_string();
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || !is_problem(&response) {
        return response;
    }
    page(&kernel, &pages, &headers, &path, status).await
}

/// What a request that found no route gets: the error page for a browser's navigation,
/// else `problem` (the application's fallback; layers do not wrap it).
pub async fn or_problem(
    kernel: &Kernel,
    pages: &Pages,
    method: &Method,
    headers: &HeaderMap,
    path: &str,
    problem: crate::problem::Problem,
) -> Response {
    if wants_page(method, headers) {
        let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::NOT_FOUND);
        page(kernel, pages, headers, path, status).await
    } else {
        problem.into_response()
    }
}

/// The page for `status` in the visitor's language; a 401 sends a browser to the login form,
/// with the way back.
async fn page(
    kernel: &Kernel,
    pages: &Pages,
    headers: &HeaderMap,
    path: &str,
    status: StatusCode,
) -> Response {
    if status == StatusCode::UNAUTHORIZED {
        return match next_param(path) {
            Some(next) => Redirect::to(&format!("/?next={next}")).into_response(),
            None => Redirect::to("/").into_response(),
        };
    }
    // The user's own language when logged in, else the browser's.
    let lang = match crate::auth::guard::resolve(kernel, headers).await {
        Ok(Some(p)) => p.ui_language(),
        _ => crate::i18n::for_visitor(
            None,
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        ),
    };
    let kind = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => "not-found",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::TOO_MANY_REQUESTS => "too-many",
        StatusCode::SERVICE_UNAVAILABLE => "unavailable",
        s if s.is_server_error() => "internal",
        _ => "bad-request",
    };
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("title_key", &format!("pages-error-{kind}-title"));
    ctx.insert("text_key", &format!("pages-error-{kind}-text"));
    ctx.insert("status", &status.as_u16());
    let mut page = pages.render("error.html", &ctx);
    *page.status_mut() = status;
    page
}

#[cfg(test)]
mod tests {
    use super::next_param;

    #[test]
    fn only_paths_of_this_site_come_back_after_login() {
        assert_eq!(next_param("/campaigns").as_deref(), Some("/campaigns"));
        assert_eq!(next_param("/learn/a b").as_deref(), Some("/learn/a%20b"));
        assert_eq!(next_param("//evil.example/x"), None);
        assert_eq!(next_param("/"), None);
        assert_eq!(next_param("https://evil.example"), None);
    }
}
