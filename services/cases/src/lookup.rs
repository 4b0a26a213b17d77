//! Searching as a person: every search is rate-limited, audited (who, the kinds of
//! identifier, how many hits and which cases; never the query text) and kept within the
//! searcher's jurisdiction. What an agent may search by depends on how strongly it names one
//! person:
//!
//! | query | strength | agents get |
//! | --- | --- | --- |
//! | case code, phone, national number, full name with birth date | strong | masked hits, and may open them as `inbound` for a while |
//! | first and last name | named | masked hits |
//! | a lone name, a bare birth date, a prefix of two letters | weak | nothing |
//!
//! Supervisors get masked hits for every query (they investigate), within their jurisdiction.
//! A weak query still counts and is audited: walking the population one first name at a
//! time is exactly what the limit and the log are for.

use axum::http::StatusCode;
use kernel::audit::{self, Event};
use kernel::auth::{Principal, Role};
use kernel::notices::Notice;
use kernel::Kernel;
use scripting::ident::{NationalNumber, PhoneE164};
use scripting::values::parse_date;

use crate::config::CasesConfig;
use crate::error::Result;
use crate::meili::Meili;
use crate::search::{search, Hit};

/// How strongly a query names one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Weak,
    Named,
    Strong,
}

/// What a query is made of, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub kinds: Vec<&'static str>,
    pub strength: Strength,
    /// The part to search for (the names, without a birth date given beside them).
    pub query: String,
    /// A birth date given beside names (`YYYY-MM-DD`): hits must have it.
    pub birth_date: Option<String>,
}

pub fn classify(q: &str) -> Classified {
    let q = q.trim();
    let one = |kind, strength| Classified {
        kinds: vec![kind],
        strength,
        query: q.to_string(),
        birth_date: None,
    };
    if crate::code::parse(q).is_some() {
        return one("case_code", Strength::Strong);
    }
    // A date first: "12/04/1961" also reads as a landline number, but nobody gives their
    // birth date as a phone.
    if parse_date(q).is_some() {
        return one("birth_date", Strength::Weak);
    }
    let digits = q.chars().filter(char::is_ascii_digit).count();
    if digits >= 6
        && q.chars()
            .all(|c| c.is_ascii_digit() || " +./-()".contains(c))
    {
        if NationalNumber::parse(q).is_ok() {
            return one("national_number", Strength::Strong);
        }
        if PhoneE164::parse(q).is_ok() {
            return one("phone", Strength::Strong);
        }
    }
    let mut date = None;
    let mut year = None;
    let mut names = Vec::new();
    for word in q.split_whitespace() {
        match parse_date(word) {
            Some(d) => date = Some(d),
            None if word.chars().any(char::is_alphabetic) => names.push(word),
            // A birth year beside names narrows them (the search checks it after decrypting).
            None if word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()) => {
                year = Some(word);
            }
            None => {}
        }
    }
    // Judge the words as the search will use them: normalised, distinct, and long enough
    // not to be a mere prefix ("J. Janssens" or "Ja Ma" is not a full name).
    let mut distinct: Vec<String> = crate::names::normalize(&names.join(" "))
        .split(' ')
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect();
    distinct.sort();
    distinct.dedup();
    let (mut kinds, strength) = match (distinct.len(), &date) {
        (n, Some(_)) if n >= 2 => (vec!["name", "birth_date"], Strength::Strong),
        (n, _) if n >= 2 => (vec!["name"], Strength::Named),
        _ => (vec!["name"], Strength::Weak),
    };
    // The date or year goes to the search with the names: it starts from the people of that
    // name born then, rather than from every holder of a common name.
    let query = match (year, &date) {
        (_, Some(d)) => format!("{} {d}", names.join(" ")),
        (Some(y), None) => {
            kinds.push("birth_year");
            format!("{} {y}", names.join(" "))
        }
        _ => names.join(" "),
    };
    Classified {
        kinds,
        strength,
        query,
        birth_date: date.filter(|_| strength == Strength::Strong),
    }
}

/// What a hit must have matched on for a strong query to grant an inbound open.
const EXACT: [&str; 4] = ["case_code", "phone", "national_number", "name"];

/// How long after the telephony system announced a call the agent counts as in it, unless
/// it announced the end.
const CALL_MINUTES: i64 = 60;

/// Whether the telephony system announced an inbound call for `user` (ringing or answered)
/// that it has not announced as ended, in the last [`CALL_MINUTES`].
pub(crate) async fn in_inbound_call(k: &Kernel, user: i64) -> Result<bool> {
    let since = kernel::db::millis(k.now()) - CALL_MINUTES * 60_000;
    let found: Option<i64> =
        sqlx::query_scalar("SELECT agent_id FROM live_inbound WHERE agent_id = $1 AND at > $2")
            .bind(user)
            .bind(since)
            .fetch_optional(k.db.pool())
            .await?;
    Ok(found.is_some())
}

/// How many cases a strong query may grant an inbound open for: a shared household phone
/// finds a few people; more than this is not one caller.
const MAX_GRANTS: usize = 5;

/// Searches as `who`: limited, classified, within jurisdiction, audited.
pub async fn search_as(
    k: &Kernel,
    meili: Option<&Meili>,
    who: &Principal,
    q: &str,
    limit: usize,
) -> Result<Vec<Hit>> {
    let user = who.user_id()?;
    let now = k.now();
    let per_minute = CasesConfig::searches_per_minute_in(k);
    let count = kernel::rate::hit(&k.db, &format!("search:user:{user}"), 60, now).await?;
    let classified = classify(q);
    if count > per_minute {
        audit::record(
            &k.db,
            now,
            &Event {
                actor: &who.actor(),
                action: "case.search_limited",
                subject: "search",
                request_id: None,
                detail: serde_json::json!({ "kinds": classified.kinds, "this_minute": count }),
            },
        )
        .await?;
        // Once per minute is enough for the supervisors' alert.
        if count == per_minute + 1 {
            k.notices.publish(Notice::SearchLimited { user });
        }
        return Err(kernel::Error::Refused {
            status: StatusCode::TOO_MANY_REQUESTS.as_u16(),
            slug: "search-rate-limited",
            detail: format!("at most {per_minute} searches a minute; your supervisors are told"),
            retry_after_secs: Some(kernel::rate::retry_after(60, now)),
        }
        .into());
    }
    let agent = who.role == Role::Agent;
    let mut hits = if agent && classified.strength == Strength::Weak {
        Vec::new()
    } else {
        // Room for the hits the jurisdiction filter below removes.
        search(k, meili, &classified.query, limit.saturating_mul(4)).await?
    };
    if classified.kinds == ["case_code"] {
        // Seven letters can be a well-formed code and a name: what the code found is the
        // strong answer; an agent gets nothing else (a lone name is weak).
        let by_code: Vec<Hit> = hits
            .iter()
            .filter(|h| h.matched == "case_code")
            .cloned()
            .collect();
        if !by_code.is_empty() || agent {
            hits = by_code;
        }
    }
    if let Some(date) = &classified.birth_date {
        hits.retain(|h| h.birth_date.as_deref() == Some(date.as_str()));
    }
    let jurisdiction = crate::purpose::jurisdiction_of(k, who).await?;
    hits.retain(|h| jurisdiction.covers(h.postal_code.as_deref()));
    hits.truncate(limit);
    let codes: Vec<&str> = hits.iter().map(|h| h.case_code.as_str()).collect();
    let at = kernel::db::millis(now);
    let mut tx = k.db.begin().await?;
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor: &who.actor(),
            action: "case.searched",
            subject: "search",
            request_id: None,
            detail: serde_json::json!({
                "kinds": classified.kinds,
                "weak": classified.strength == Strength::Weak,
                "hits": hits.len(),
                "cases": codes,
            }),
        },
    )
    .await?;
    // An inbound open is granted only for what a caller on the line identified exactly:
    // never for prefix or phonetic matches, and only while the agent is in an inbound call
    // the telephony system announced.
    let exact: Vec<&str> = hits
        .iter()
        .filter(|h| EXACT.contains(&h.matched.as_str()))
        .map(|h| h.case_code.as_str())
        .collect();
    let grant = agent
        && classified.strength == Strength::Strong
        && exact.len() <= MAX_GRANTS
        && in_inbound_call(k, user).await?;
    if grant {
        for code in &exact {
            crate::access::grant(&mut tx, user, code, crate::access::Grant::Inbound, at).await?;
        }
    }
    tx.commit().await?;
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_of_queries() {
        let s = |q: &str| classify(q).strength;
        assert_eq!(s("0470/12.34.56"), Strength::Strong);
        assert_eq!(s("+32 470 12 34 56"), Strength::Strong);
        assert_eq!(s("Ana Janssens 1985-03-02"), Strength::Strong);
        // The date goes to the search with the names (it narrows them there).
        assert_eq!(
            classify("Ana Janssens 02/03/1985").query,
            "Ana Janssens 1985-03-02"
        );
        assert_eq!(s("Ana Janssens"), Strength::Named);
        assert_eq!(s("Ana"), Strength::Weak);
        assert_eq!(s("Ja"), Strength::Weak);
        assert_eq!(s("J. Janssens 1985-03-02"), Strength::Weak);
        assert_eq!(s("Janssens Janssens 1985-03-02"), Strength::Weak);
        assert_eq!(s("Ja Ma 1985-03-02"), Strength::Weak);
        assert_eq!(s("12/04/1961"), Strength::Weak);
        let kinds = classify("0470/12.34.56").kinds;
        assert_eq!(kinds, ["phone"]);
    }
}
