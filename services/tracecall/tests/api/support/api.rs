//! The API as tests speak it: a [`Session`] is one client (logged in, holding a bearer token,
//! or anonymous) against one base URL, and every call comes back as an [`Answer`] read whole,
//! so an assertion on the status can show the body that explains it. Endpoint helpers live
//! beside this by area (`campaign_api`, `case_api`, `content_api`, `admin_api`); tests that
//! send deliberately odd requests build them with [`Session::request`] and read them with
//! [`Session::send`].

use reqwest::header::HeaderMap;
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};

use super::{TestApp, PASSWORD};
use kernel::auth::Role;

/// One answer of the API, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    /// The body as JSON; `Value::Null` when it is not JSON (an empty 204, a page, a file).
    pub body: Value,
    /// The body as text (lossy), for pages and assertion messages.
    pub text: String,
    /// The body as sent, for files compared byte for byte.
    pub bytes: Vec<u8>,
    is_json: bool,
}

impl Answer {
    pub async fn read(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap().to_vec();
        let parsed = serde_json::from_slice::<Value>(&bytes);
        let is_json = parsed.is_ok();
        Self {
            status,
            headers,
            body: parsed.unwrap_or(Value::Null),
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
            is_json,
        }
    }

    /// The JSON body, which must be there: a test reading fields of a body that is not JSON
    /// would otherwise compare against `Null` and could pass for the wrong reason.
    pub fn json(self) -> Value {
        assert!(
            self.is_json,
            "not JSON (status {}): {}",
            self.status, self.text
        );
        self.body
    }

    /// Asserts the status (showing the body when it differs) and returns the JSON body.
    pub fn expect_json(self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.text);
        self.json()
    }

    /// A header as text; panics when it is missing.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("no {name} header (status {})", self.status))
    }

    /// Whether the answer is an RFC 9457 problem.
    pub fn is_problem(&self) -> bool {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/problem+json"))
    }
}

/// A client with its own cookie jar (or bearer token) talking to one server.
#[derive(Clone)]
pub struct Session {
    pub client: reqwest::Client,
    pub base: String,
    bearer: Option<String>,
}

impl Session {
    /// No session yet: a fresh cookie jar, as a browser arriving.
    pub fn anonymous(base: &str) -> Self {
        Self {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
            base: base.trim_end_matches('/').to_string(),
            bearer: None,
        }
    }

    /// A machine client: every request carries `token` as a bearer, and no cookies.
    pub fn with_token(base: &str, token: &str) -> Self {
        Self {
            client: reqwest::Client::new(),
            base: base.trim_end_matches('/').to_string(),
            bearer: Some(token.to_string()),
        }
    }

    /// The same client (cookies and token) against another server, e.g. a second node.
    pub fn at(&self, base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_string(),
            ..self.clone()
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request to build further (headers, raw bodies), with the token if there is one.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let request = self.client.request(method, self.url(path));
        match &self.bearer {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// Sends a request built by hand and reads its answer.
    pub async fn send(&self, request: RequestBuilder) -> Answer {
        Answer::read(request.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.request(Method::GET, path)).await
    }

    /// A GET with query parameters, encoded by the client.
    pub async fn get_query(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        self.send(self.request(Method::GET, path).query(query))
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(self.request(Method::POST, path).json(body)).await
    }

    /// A POST without a body, for actions that take none.
    pub async fn post_empty(&self, path: &str) -> Answer {
        self.send(self.request(Method::POST, path)).await
    }

    /// A POST of a raw body with its content type (CSV uploads).
    pub async fn post_text(
        &self,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Answer {
        self.send(
            self.request(Method::POST, path)
                .header("content-type", content_type)
                .body(body),
        )
        .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Answer {
        self.send(self.request(Method::PUT, path).json(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Answer {
        self.send(self.request(Method::PATCH, path).json(body))
            .await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(self.request(Method::DELETE, path)).await
    }

    /// Logs in (the cookie lands in this session's jar when it succeeds).
    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.post(
            "/api/v1/session",
            &json!({ "email": email, "password": password }),
        )
        .await
    }

    /// Logs out, revoking the session server-side.
    pub async fn logout(&self) -> Answer {
        self.delete("/api/v1/session").await
    }

    pub async fn me(&self) -> Answer {
        self.get("/api/v1/me").await
    }
}

impl TestApp {
    /// A session on this app with nobody logged in.
    pub fn anonymous(&self) -> Session {
        Session::anonymous(&self.url)
    }

    /// A session logged in as the existing user `email`.
    pub async fn session(&self, email: &str) -> Session {
        let session = self.anonymous();
        let answer = session.login(email, PASSWORD).await;
        assert_eq!(answer.status, 200, "login of {email}: {}", answer.text);
        session
    }

    /// A session for a new user of `role`.
    pub async fn login_as(&self, role: Role) -> Session {
        let email = self.add_user(role, None).await;
        self.session(&email).await
    }
}
