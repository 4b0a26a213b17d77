//! Prometheus metrics, kept in the application state (not a global registry) so that several
//! app instances in one test process each count their own.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    pub method: String,
    /// The matched route pattern, never the raw path (which could carry identifiers).
    pub route: String,
    pub status: u16,
}

/// One label naming a campaign, an agent state, a call outcome or a delivery result.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CampaignLabels {
    /// The campaign's id: two campaigns may share a name.
    pub campaign_id: String,
    /// Its name, for people reading the dashboard.
    pub campaign: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StateLabels {
    pub state: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    pub outcome: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ResultLabels {
    pub result: String,
}

/// What supervisors and operators watch (deploy/prometheus/alerts.yml,
/// deploy/grafana/tracecall.json). Counters count on the node that did the work; the gauges
/// of shared state (queues, orders at risk, agents) are read from the database at each scrape,
/// so every node reports the same value: aggregate them with `max`, not `sum`.
#[derive(Debug)]
pub struct Business {
    pub claims: Counter,
    pub queue_depth: Family<CampaignLabels, Gauge>,
    pub orders_at_risk: Family<CampaignLabels, Gauge>,
    pub agents: Family<StateLabels, Gauge>,
    pub call_outcomes: Family<OutcomeLabels, Counter>,
    pub export_deliveries: Family<ResultLabels, Counter>,
    pub search_seconds: Histogram,
    /// Searches answered from the token index because Meilisearch did not answer.
    pub search_fallbacks: Counter,
    /// 1 while the audit chain verified at the last checkpoint attempt, 0 once it did not.
    pub audit_verify_ok: Gauge,
    pub audit_checkpoint_age_seconds: Gauge,
}

impl Business {
    fn new(registry: &mut Registry) -> Self {
        let b = Self {
            claims: Counter::default(),
            queue_depth: Family::default(),
            orders_at_risk: Family::default(),
            agents: Family::default(),
            call_outcomes: Family::default(),
            export_deliveries: Family::default(),
            search_seconds: Histogram::new(exponential_buckets(0.001, 2.0, 14)),
            search_fallbacks: Counter::default(),
            audit_verify_ok: Gauge::default(),
            audit_checkpoint_age_seconds: Gauge::default(),
        };
        b.audit_verify_ok.set(1);
        registry.register("claims", "Call orders claimed by agents", b.claims.clone());
        registry.register(
            "queue_depth",
            "Orders waiting, per campaign",
            b.queue_depth.clone(),
        );
        registry.register(
            "orders_at_risk",
            "Orders within two hours of their deadline or past it, per campaign",
            b.orders_at_risk.clone(),
        );
        registry.register("agents", "Agents by state", b.agents.clone());
        registry.register(
            "call_outcomes",
            "Call attempts by outcome",
            b.call_outcomes.clone(),
        );
        registry.register(
            "export_deliveries",
            "Export delivery attempts by result",
            b.export_deliveries.clone(),
        );
        registry.register(
            "search_duration_seconds",
            "Case searches, from query to masked results",
            b.search_seconds.clone(),
        );
        registry.register(
            "search_fallbacks",
            "Case searches answered from the token index because Meilisearch did not answer",
            b.search_fallbacks.clone(),
        );
        registry.register(
            "audit_verify_ok",
            "Whether the audit chain verified at the last checkpoint attempt",
            b.audit_verify_ok.clone(),
        );
        registry.register(
            "audit_checkpoint_age_seconds",
            "Seconds since the newest signed audit checkpoint",
            b.audit_checkpoint_age_seconds.clone(),
        );
        b
    }
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
    pub business: Business,
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
        let business = Business::new(&mut registry);
        Self {
            registry,
            http_requests,
            http_seconds,
            password_checks,
            logins_throttled,
            business,
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
