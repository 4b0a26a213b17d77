//! Login throttling that resists brute force without locking out the innocent.
//!
//! Every attempt is counted *before* the password is checked, in one atomic upsert per key
//! ([`crate::rate`]), so a burst of any concurrency gets at most the allowed number of real
//! password checks; a successful login gives its counts back. Keys:
//!
//! - the (account, address) pair: `auth.account_max_failures` per window. Guessing one
//!   account from one place stops there, and the right password is refused too until the
//!   window ends (`429` with `Retry-After`), but the owner elsewhere is not affected;
//! - the address: `auth.address_max_failures` per window, so one address spraying many
//!   accounts stops, and only that address (with `http.trusted_proxies` set, the address is
//!   the client's, not the load balancer's);
//! - the account, from any address: answers slow down (doubling from
//!   `auth.slow_after_failures`, at most 4 s) but are never locked, so nobody can lock out
//!   an account by naming it.
//!
//! Accounts are keyed by a hash of the typed email: no key reveals an address, and an
//! unknown email is throttled exactly like a known one.

use std::net::IpAddr;
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::AuthConfig;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::rate;

/// A bounded, keyed hash of a typed account name (for keys and failed-login audit rows):
/// keyed, so a dictionary of addresses (or of passwords typed into the e-mail field) cannot
/// be run against the log.
pub fn account_hash(key: &[u8; 32], email: &str) -> String {
    let bounded: String = email.chars().take(254).collect();
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(m) => m,
        // A 32-byte key is always accepted; without it, fall back to a constant key.
        Err(_) => return String::from("0000000000000000"),
    };
    mac.update(b"login-account:");
    mac.update(bounded.as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..8])
}

/// The counters one attempt touches.
#[derive(Debug, Clone)]
pub struct Keys {
    pair: String,
    address: String,
    account: String,
}

impl Keys {
    pub fn new(key: &[u8; 32], email: &str, ip: IpAddr) -> Self {
        let account = account_hash(key, email);
        // One IPv6 subscriber holds a whole /64: count it as one address.
        let ip = match ip {
            IpAddr::V6(v6) => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
            v4 => v4,
        };
        Self {
            pair: format!("login:pair:{account}:{ip}"),
            address: format!("login:address:{ip}"),
            account: format!("login:account:{account}"),
        }
    }
}

/// Counts an attempt; refuses it (429) when the pair or the address is over its limit, else
/// returns how long to wait before answering a failure (the account's backoff).
pub async fn admit(
    db: &Db,
    cfg: &AuthConfig,
    keys: &Keys,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Duration> {
    let window = cfg.failure_window_minutes.max(1) * 60;
    let pair = rate::hit(db, &keys.pair, window, now).await?;
    let address = rate::hit(db, &keys.address, window, now).await?;
    let account = rate::hit(db, &keys.account, window, now).await?;
    if pair > cfg.account_max_failures || address > cfg.address_max_failures {
        return Err(Error::TooManyAttempts {
            retry_after_secs: rate::retry_after(window, now),
        });
    }
    Ok(if account > cfg.slow_after_failures {
        let steps = (account - cfg.slow_after_failures).min(4) as u32;
        Duration::from_millis(250 * 2u64.pow(steps))
    } else {
        Duration::ZERO
    })
}

/// A successful login: the pair starts afresh, and the attempt no longer counts against the
/// address or the account (a call centre's agents share one address every morning).
pub async fn succeeded(db: &Db, keys: &Keys) -> Result<()> {
    rate::clear(db, &keys.pair).await?;
    rate::undo(db, &keys.address).await?;
    rate::undo(db, &keys.account).await
}
