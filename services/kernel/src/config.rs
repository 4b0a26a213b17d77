//! Layered configuration: built-in defaults, then an optional `tracecall.toml`, then
//! `TRACECALL_*` environment variables (nested keys joined with `__`), as `shared/API.md`
//! fixes. Secrets are `SecretString`s so that neither `Debug` nor a log line can print them.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Everything the binary can be configured with. Each service reads its own section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where the embedded database, the generated master key and exports live.
    pub data_dir: PathBuf,
    /// `sqlite://PATH` or `postgres://...`; unset means a SQLite file inside `data_dir`.
    /// Secret because a PostgreSQL URL usually carries a password.
    #[serde(default)]
    pub database_url: Option<SecretString>,
    /// Base64 of 32 bytes. Unset: generated into `data_dir` for SQLite, refused for PostgreSQL.
    #[serde(default)]
    pub master_key: Option<SecretString>,
    /// Older master keys, still used to unwrap data keys until `tracecall keys rotate` has
    /// re-wrapped them under `master_key`.
    #[serde(default)]
    pub previous_master_keys: Vec<SecretString>,
    pub listen: SocketAddr,
    /// The URL users reach the server at; decides the `Secure` cookie flag and the allowed
    /// WebSocket origin. Unset: `http://` + `listen`.
    #[serde(default)]
    pub public_url: Option<String>,
    pub log: LogConfig,
    pub http: HttpConfig,
    pub auth: AuthConfig,
    pub database: DatabaseConfig,
    pub crypto: CryptoConfig,
    #[serde(default)]
    pub audit: AuditConfig,
    #[serde(default)]
    pub mail: MailConfig,
    /// Sections that belong to services which read them themselves.
    #[serde(default)]
    pub exporter: serde_json::Value,
    #[serde(default)]
    pub campaigns: serde_json::Value,
    #[serde(default)]
    pub cases: serde_json::Value,
    /// Requests: the IMAP mailbox read into requests (`requests.imap`).
    #[serde(default)]
    pub requests: serde_json::Value,
    #[serde(default)]
    pub console: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    /// `text` for people, `json` for log collectors in production.
    pub format: LogFormat,
    /// A `tracing` filter such as `info,tracecall=debug`.
    pub filter: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    /// Largest accepted request body; larger bodies get 413 before any handler runs.
    pub body_limit_bytes: usize,
    /// The load balancers and proxies in front of the nodes (addresses or CIDR ranges). Only
    /// a request from one of them has its client address read from `X-Forwarded-For`;
    /// anyone else could forge that header. Login throttling counts per client address, so
    /// behind a proxy this must be set, or every user shares the proxy's address.
    #[serde(default)]
    pub trusted_proxies: Vec<TrustedProxy>,
    /// Seconds a client has to send a request's head (and, between requests, the next
    /// one) before the connection is closed.
    #[serde(default = "default_header_timeout")]
    pub header_timeout_secs: u64,
    /// Seconds a client has to send a request's body.
    #[serde(default = "default_body_timeout")]
    pub body_timeout_secs: u64,
}

fn default_header_timeout() -> u64 {
    30
}

fn default_body_timeout() -> u64 {
    60
}

/// A proxy's address or range: `10.0.0.7` or `10.0.0.0/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy(pub ipnet::IpNet);

impl TrustedProxy {
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        self.0.contains(&ip)
    }
}

impl std::str::FromStr for TrustedProxy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        s.parse::<ipnet::IpNet>()
            .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
            .map(TrustedProxy)
            .map_err(|_| format!("{s:?} is not an IP address or a CIDR range"))
    }
}

impl Serialize for TrustedProxy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for TrustedProxy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// A session lasts one long shift, then the agent logs in again.
    pub session_hours: i64,
    /// Failures counted within this window; older ones are forgotten.
    pub failure_window_minutes: i64,
    /// From this many attempts on one account (from anywhere) in the window, failed answers
    /// are delayed (doubling each time, at most 4 s); the account is never locked.
    pub slow_after_failures: i64,
    /// Attempts on one account from one address in the window; beyond, 429 until it ends.
    pub account_max_failures: i64,
    /// Attempts from one address in the window; beyond, 429 until it ends.
    pub address_max_failures: i64,
    /// No longer used (refusals last until the window ends); kept so that existing
    /// configuration files still load.
    pub lock_minutes: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CryptoConfig {
    /// Bits kept of each blind-index token (16 to 63); see `crypto::blind` for the trade-off.
    pub token_bits: u32,
}

/// Signed checkpoints of the audit chain (see `audit::checkpoint`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditConfig {
    /// Where checkpoints (and the erasure journal) are written; unset: `audit-checkpoints/`
    /// in the data directory. Point it at storage the database's administrators cannot
    /// rewrite, or ship the folder there.
    pub checkpoint_dir: Option<PathBuf>,
    /// A checkpoint once this many rows were appended since the last one (0: never by
    /// count)...
    pub checkpoint_every_entries: i64,
    /// ...or once this many seconds passed with any new row (0: never by time; then only
    /// `tracecall audit checkpoint` writes them).
    pub checkpoint_every_secs: i64,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            checkpoint_dir: None,
            checkpoint_every_entries: 1000,
            checkpoint_every_secs: 300,
        }
    }
}

/// Outgoing e-mail: documents to citizens, notifications. Unset, nothing is sent and what
/// would send says so.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// `smtp://host:25` (plain, for a relay on the same network), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465`. Secret: it may carry a password.
    #[serde(default)]
    pub smtp_url: Option<SecretString>,
    /// The sender every message carries.
    #[serde(default = "default_mail_from")]
    pub from: String,
}

fn default_mail_from() -> String {
    "tracecall <noreply@localhost>".into()
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: default_mail_from(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    pub max_connections: u32,
    /// Apply migrations when a node starts. Off for nodes that run under a role owning
    /// nothing (see the README's Deployment section): `tracecall migrate` runs them first
    /// under the owner role.
    #[serde(default = "migrate_on_start")]
    pub migrate_on_start: bool,
}

fn migrate_on_start() -> bool {
    true
}

/// The defaults: a laptop pilot with no file and no environment.
#[derive(Serialize)]
struct Defaults {
    data_dir: PathBuf,
    listen: SocketAddr,
    log: LogConfig,
    http: HttpConfig,
    auth: AuthConfig,
    database: DatabaseConfig,
    crypto: CryptoConfig,
}

fn defaults() -> Defaults {
    Defaults {
        data_dir: PathBuf::from("tracecall-data"),
        listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
        log: LogConfig {
            format: LogFormat::Text,
            filter: "info".into(),
        },
        http: HttpConfig {
            body_limit_bytes: 2 * 1024 * 1024,
            trusted_proxies: Vec::new(),
            header_timeout_secs: default_header_timeout(),
            body_timeout_secs: default_body_timeout(),
        },
        auth: AuthConfig {
            session_hours: 12,
            failure_window_minutes: 15,
            slow_after_failures: 3,
            account_max_failures: 5,
            address_max_failures: 30,
            lock_minutes: 15,
        },
        database: DatabaseConfig {
            max_connections: 16,
            migrate_on_start: true,
        },
        crypto: CryptoConfig { token_bits: 32 },
    }
}

impl Config {
    /// Loads the layers. `file` is `--config` (or `TRACECALL_CONFIG`); without it a
    /// `tracecall.toml` in the working directory is read when present. `data_dir` is the
    /// `--data-dir` option, which wins over every layer.
    pub fn load(file: Option<&Path>, data_dir: Option<&Path>) -> Result<Self, Error> {
        let mut figment = Figment::from(Serialized::defaults(defaults()));
        match file {
            Some(path) => {
                if !path.exists() {
                    return Err(Error::Config(format!(
                        "configuration file {} does not exist",
                        path.display()
                    )));
                }
                figment = figment.merge(Toml::file(path));
            }
            None => figment = figment.merge(Toml::file("tracecall.toml")),
        }
        figment = figment.merge(
            Env::prefixed("TRACECALL_")
                .split("__")
                // Variables that configure the tooling around the binary (`TRACECALL_CONFIG`,
                // `TRACECALL_TEST_*`), not the binary.
                .filter(|key| {
                    let key = key.as_str().to_ascii_lowercase();
                    key != "config" && !key.starts_with("test_")
                }),
        );
        if let Some(dir) = data_dir {
            figment = figment.merge(Serialized::default("data_dir", dir));
        }
        figment
            .extract::<Config>()
            .map_err(|e| Error::Config(e.to_string()))
    }

    /// The database URL in force: the configured one, or the embedded SQLite file.
    /// Where audit checkpoints and the erasure journal live.
    pub fn checkpoint_dir(&self) -> PathBuf {
        self.audit
            .checkpoint_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("audit-checkpoints"))
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose_secret().to_string(),
            None => format!("sqlite://{}", self.data_dir.join("tracecall.db").display()),
        }
    }

    /// The origin browsers use, e.g. `http://127.0.0.1:8080`.
    pub fn public_origin(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{bound}"),
        }
    }

    /// Cookies are marked `Secure` when users reach us over TLS (a proxy terminates it).
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// Where citizens reach this deployment (`public_url`, else the listen address): the
    /// start of every address written into a mail or a document.
    pub fn public_base(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let cfg = Config {
            database_url: Some(SecretString::from("postgres://u:hunter2@db/x")),
            master_key: Some(SecretString::from("c2VjcmV0")),
            ..Config::load(Some(Path::new("/dev/null")), None).unwrap_or_else(|e| panic!("{e}"))
        };
        let shown = format!("{cfg:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
    }

    #[test]
    fn missing_file_is_an_error() {
        let err = Config::load(Some(Path::new("/nonexistent/tracecall.toml")), None);
        assert!(matches!(err, Err(Error::Config(m)) if m.contains("/nonexistent")));
    }

    // figment's Jail API returns its own large error type.
    #[allow(clippy::result_large_err)]
    #[test]
    fn file_then_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "t.toml",
                "listen = \"127.0.0.1:9000\"\n[auth]\nlock_minutes = 7\n",
            )?;
            jail.set_env("TRACECALL_AUTH__LOCK_MINUTES", "9");
            let cfg = Config::load(Some(Path::new("t.toml")), Some(Path::new("/x")))
                .map_err(|e| e.to_string())?;
            assert_eq!(cfg.listen.port(), 9000);
            assert_eq!(cfg.auth.lock_minutes, 9);
            assert_eq!(cfg.data_dir, PathBuf::from("/x"));
            assert_eq!(cfg.database_url(), "sqlite:///x/tracecall.db");
            Ok(())
        });
    }
}
