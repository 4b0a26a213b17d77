//! Prometheus metrics, kept in the application state (not a global registry) so that several
//! app instances in one test process each count their own.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    pub method: String,
    /// The matched route pattern, never the raw path (which could carry identifiers).
    pub route: String,
    pub status: u16,
}

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    pub http_requests: Family<HttpLabels, Counter>,
    pub http_seconds: Family<HttpLabels, Histogram>,
    /// Real password checks at login (each a slow hash): what throttling keeps bounded.
    pub password_checks: Counter,
    /// Login attempts refused by throttling before any check.
    pub logins_throttled: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("tracecall");
        let http_requests = Family::<HttpLabels, Counter>::default();
        let http_seconds = Family::<HttpLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 14))
        });
        registry.register(
            "http_requests",
            "HTTP requests answered",
            http_requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request duration",
            http_seconds.clone(),
        );
        let password_checks = Counter::default();
        registry.register(
            "login_password_checks",
            "Passwords checked at login",
            password_checks.clone(),
        );
        let logins_throttled = Counter::default();
        registry.register(
            "logins_throttled",
            "Login attempts refused by throttling before any password check",
            logins_throttled.clone(),
        );
        Self {
            registry,
            http_requests,
            http_seconds,
            password_checks,
            logins_throttled,
        }
    }
}

impl Metrics {
    /// The registry, for services that add their own metrics at start-up.
    pub fn registry_mut(&mut self) -> &mut Registry {
        &mut self.registry
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            tracing::error!("metrics encoding failed");
        }
        out
    }
}
