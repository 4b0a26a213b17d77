//! E-mail in from an IMAP mailbox (`requests.imap` in the configuration): the unseen
//! messages are fetched, each taken in as the MTA pipe would (`intake::receive`), and only
//! then flagged seen, so a message the intake could not take (the database away) stays
//! unseen and is fetched again: nothing is lost. A message fetched twice (two nodes, a
//! crash between intake and flag) is recognised by its Message-ID and taken once.

use std::time::Duration;

use futures::StreamExt;
use kernel::Kernel;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::error::{RequestsError, Result};
use crate::intake::Outcome;

/// `requests.imap`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapConfig {
    /// `imap://host:143` (plain: a server on the same host or network) or `imaps://host:993`.
    pub url: String,
    pub user: String,
    pub password: SecretString,
    #[serde(default = "inbox")]
    pub mailbox: String,
    /// The topic of everything in this mailbox (else each message's address decides).
    #[serde(default)]
    pub topic: Option<String>,
    /// How often the mailbox is read.
    #[serde(default = "poll_seconds")]
    pub poll_seconds: u64,
}

fn inbox() -> String {
    "INBOX".into()
}

fn poll_seconds() -> u64 {
    30
}

/// The mailbox configured, if any.
pub fn configured(k: &Kernel) -> Result<Option<ImapConfig>> {
    match k.config.requests.get("imap") {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone()).map(Some).map_err(|e| {
            RequestsError::Kernel(kernel::Error::Config(format!("requests.imap: {e}")))
        }),
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> RequestsError {
    RequestsError::Internal(format!("IMAP {what}: {e}"))
}

/// `(host, port, tls)` of an `imap://` or `imaps://` URL.
fn address(url: &str) -> Result<(String, u16, bool)> {
    let (tls, rest, default) = if let Some(r) = url.strip_prefix("imaps://") {
        (true, r, 993)
    } else if let Some(r) = url.strip_prefix("imap://") {
        (false, r, 143)
    } else {
        return Err(RequestsError::Kernel(kernel::Error::Config(
            "requests.imap.url is imap://host[:port] or imaps://host[:port]".into(),
        )));
    };
    let rest = rest.trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (
            h.to_string(),
            p.parse().map_err(|_| {
                RequestsError::Kernel(kernel::Error::Config(format!(
                    "requests.imap.url: bad port {p:?}"
                )))
            })?,
        ),
        None => (rest.to_string(), default),
    };
    Ok((host, port, tls))
}

/// Reads the mailbox once: every unseen message taken in, then flagged seen. Returns what
/// became of each.
#[tracing::instrument(skip_all)]
pub async fn fetch_once(k: &Kernel, cfg: &ImapConfig) -> Result<Vec<Outcome>> {
    let (host, port, tls) = address(&cfg.url)?;
    let tcp = tokio::time::timeout(
        Duration::from_secs(30),
        tokio::net::TcpStream::connect((host.as_str(), port)),
    )
    .await
    .map_err(|_| failed("connect", "timed out"))?
    .map_err(|e| failed("connect", e))?;
    if tls {
        let connector = tls_connector();
        let name = rustls_pki_types::ServerName::try_from(host.clone())
            .map_err(|e| failed("server name", e))?;
        let stream = connector
            .connect(name, tcp)
            .await
            .map_err(|e| failed("TLS", e))?;
        session(k, cfg, async_imap::Client::new(stream)).await
    } else {
        session(k, cfg, async_imap::Client::new(tcp)).await
    }
}

fn tls_connector() -> tokio_rustls::TlsConnector {
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    tokio_rustls::TlsConnector::from(std::sync::Arc::new(config))
}

/// The most bytes of mail held at once while reading a mailbox.
const BATCH_BYTES: usize = 64 * 1024 * 1024;

async fn session<T>(
    k: &Kernel,
    cfg: &ImapConfig,
    mut client: async_imap::Client<T>,
) -> Result<Vec<Outcome>>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + std::fmt::Debug + Send,
{
    client
        .read_response()
        .await
        .map_err(|e| failed("greeting", e))?
        .ok_or_else(|| failed("greeting", "the server closed the connection"))?;
    let mut imap = client
        .login(&cfg.user, cfg.password.expose_secret())
        .await
        .map_err(|(e, _)| failed("login", e))?;
    imap.select(&cfg.mailbox)
        .await
        .map_err(|e| failed("select", e))?;
    let mut uids: Vec<u32> = imap
        .uid_search("UNSEEN")
        .await
        .map_err(|e| failed("search", e))?
        .into_iter()
        .collect();
    uids.sort_unstable();
    let mut out = Vec::new();
    let mut raws: Vec<Vec<u8>> = Vec::new();
    let mut taken: Vec<u32> = Vec::new();
    let mut bytes = 0usize;
    for (i, uid) in uids.iter().enumerate() {
        let raw = {
            let mut fetched = imap
                .uid_fetch(uid.to_string(), "BODY.PEEK[]")
                .await
                .map_err(|e| failed("fetch", e))?;
            let mut raw = None;
            while let Some(f) = fetched.next().await {
                let f = f.map_err(|e| failed("fetch", e))?;
                if let Some(body) = f.body() {
                    raw = Some(body.to_vec());
                }
            }
            raw
        };
        if let Some(raw) = raw {
            bytes += raw.len();
            raws.push(raw);
            taken.push(*uid);
        }
        // A batch at a time (bounded in count and size): taken in one transaction, then
        // flagged; a failure leaves the batch unseen, to be read again.
        let last = i + 1 == uids.len();
        if raws.len() == crate::batch::BATCH || bytes > BATCH_BYTES || (last && !raws.is_empty()) {
            let outcomes = crate::batch::receive_many(k, &raws, cfg.topic.as_deref()).await?;
            for uid in &taken {
                let mut stored = imap
                    .uid_store(uid.to_string(), "+FLAGS (\\Seen)")
                    .await
                    .map_err(|e| failed("flag", e))?;
                while let Some(r) = stored.next().await {
                    r.map_err(|e| failed("flag", e))?;
                }
            }
            for o in &outcomes {
                if let Outcome::Unrouted(why) = o {
                    tracing::warn!(reason = %why, "mail left in the mailbox for a person: no topic takes it");
                }
            }
            out.extend(outcomes);
            raws.clear();
            taken.clear();
            bytes = 0;
        }
    }
    imap.logout().await.map_err(|e| failed("logout", e))?;
    Ok(out)
}

/// Reads the configured mailbox every `poll_seconds` for as long as the node runs; a
/// failure is logged (without the server's words, which may quote an address) and retried
/// at the next turn.
pub fn spawn_poller(k: &Kernel) -> Result<()> {
    let Some(cfg) = configured(k)? else {
        return Ok(());
    };
    let k = k.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(cfg.poll_seconds.max(5)));
        loop {
            every.tick().await;
            match fetch_once(&k, &cfg).await {
                Ok(done) if !done.is_empty() => {
                    tracing::info!(messages = done.len(), "mailbox read")
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "mailbox not read; trying again at the next turn")
                }
            }
        }
    });
    Ok(())
}
