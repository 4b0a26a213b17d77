//! Generating a campaign's orders: one set-based `INSERT ... SELECT` over the target cases
//! that skips the cases the campaign already has an order for (an anti-join, cheaper in bulk
//! than `ON CONFLICT` row by row), so launching twice, or again after a crash, creates no
//! duplicate, and the database does the work in bulk on both backends. Two launches racing
//! meet the unique key on (campaign, case): the loser retries and finds nothing left to add.
//!
//! **Deadline.** Each order must be reached within `deadline_hours` of the case's
//! registration (when the test result or the contact reached the platform). The exact test
//! and exposure dates are sealed under the person's key (`cases::dates`): nothing that
//! targets in bulk reads them, and registration is the moment the call center answers for.
//!
//! **Urgency.** Orders are claimed by `rank_at`, the deadline moved earlier by what makes a
//! case more urgent than its deadline alone says. The weights are minutes:
//!
//! | what | where | default | why |
//! | --- | --- | --- | --- |
//! | an index case | the campaign's `policy.index_case_boost_minutes` | 240 | every hour an index case is not isolated and its contacts not warned spreads the disease |
//! | symptoms known (`symptomatic`, from an onset on file) | `campaigns.urgency.symptomatic_minutes` | 180 | a symptomatic person is at their most contagious now |
//! | aged 70 or more | `campaigns.urgency.elderly_minutes` | 120 | severe disease is far more likely: they need advice and follow-up first |
//!
//! A household link (a contact living with the index case) would be the next weight; the
//! import does not carry it yet, so it is not used.
//!
//! **Do not call.** People whose phone is on the do-not-call list (kept as blind-index tokens,
//! each match confirmed against the person's phone, see [`crate::do_not_call`]) get no order.

use kernel::db::millis;
use kernel::Kernel;
use serde::Deserialize;

use crate::error::Result;
use crate::model::{Campaign, Target};
use cases::person::CaseStatus;

/// The urgency weights of `campaigns.urgency` in the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Urgency {
    pub symptomatic_minutes: i64,
    pub elderly_minutes: i64,
}

impl Default for Urgency {
    fn default() -> Self {
        Self {
            symptomatic_minutes: 180,
            elderly_minutes: 120,
        }
    }
}

impl Urgency {
    pub fn from_kernel(k: &Kernel) -> Self {
        k.config
            .campaigns
            .get("urgency")
            .and_then(|u| serde_json::from_value(u.clone()).ok())
            .unwrap_or_default()
    }
}

/// `$n` placeholders for `values`, pushed onto `params` (numbered after `first - 1` fixed
/// parameters and the lists already pushed).
fn list(params: &mut Vec<String>, first: usize, values: &[String]) -> String {
    let start = first + params.len();
    params.extend(values.iter().cloned());
    kernel::db::placeholders(start, values.len())
}

/// The SQL conditions (on `cs`, the case) that `t` selects by, with their values pushed
/// onto `params`. Closed cases are not called unless the target names their status.
fn target_filters(t: &Target, first: usize, params: &mut Vec<String>) -> String {
    let mut filters = String::new();
    let mut add = |column: &str, values: &[String], params: &mut Vec<String>| {
        if !values.is_empty() {
            filters.push_str(&format!(
                " AND {column} IN ({})",
                list(params, first, values)
            ));
        }
    };
    add("cs.region", &t.regions, params);
    add("cs.age_band", &t.age_bands, params);
    add("cs.code", &t.case_codes, params);
    let statuses = if t.statuses.is_empty() {
        [CaseStatus::Open, CaseStatus::InProgress]
            .map(|s| s.as_str().to_string())
            .to_vec()
    } else {
        t.statuses.clone()
    };
    add("cs.status", &statuses, params);
    let day = |d: &Option<chrono::NaiveDate>| {
        d.and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp_millis())
    };
    if let Some(from) = day(&t.created_from) {
        filters.push_str(&format!(" AND cs.created_at >= {from}"));
    }
    if let Some(to) = day(&t.created_to) {
        filters.push_str(&format!(" AND cs.created_at < {}", to + 86_400_000));
    }
    filters
}

/// The conditions on `cs` (a `case_facts` row) that select `c`'s cases: its target, its
/// languages, its teams' jurisdictions and the do-not-call list. `lang` and `case_type` are
/// the numbers of the fixed parameters holding the default language and the case type;
/// list values are pushed onto `params` and numbered from `first`.
async fn selection(
    k: &Kernel,
    c: &Campaign,
    lang: usize,
    case_type: usize,
    first: usize,
    params: &mut Vec<String>,
) -> Result<String> {
    let languages = list(params, first, &c.languages);
    let filters = target_filters(&c.target, first, params);
    // A campaign calls only within its teams' jurisdictions (every team's: national).
    let jurisdiction = if c.teams.is_empty() {
        kernel::auth::teams::Jurisdiction::National
    } else {
        kernel::auth::teams::jurisdiction_of_teams(&k.db, &c.teams).await?
    };
    let within = jurisdiction.sql_condition("cs.postal_code");
    // The list is small (numbers people asked to be left alone at); its people are excluded
    // by id, after each was confirmed against their own phone.
    let skipped = crate::do_not_call::people_on_list(k).await?;
    let not_listed = if skipped.is_empty() {
        String::new()
    } else {
        format!(
            " AND cs.person_id NOT IN ({})",
            list(params, first, &skipped)
        )
    };
    Ok(format!(
        "cs.purged_at IS NULL AND (${case_type} = '' OR cs.case_type = ${case_type}) \
         AND COALESCE(cs.language, ${lang}) IN ({languages}){filters} AND {within}{not_listed}"
    ))
}

/// How many cases `c` would call if launched now: the supervisor's live count while
/// building a campaign (the same selection as [`generate`], so the two never disagree).
pub async fn count(k: &Kernel, c: &Campaign) -> Result<i64> {
    // $1 the default language, $2 the case type; lists from $3.
    let mut params: Vec<String> = Vec::new();
    let selected = selection(k, c, 1, 2, 3, &mut params).await?;
    let sql = format!("SELECT COUNT(*) FROM case_facts cs WHERE {selected}");
    let mut q = sqlx::query_scalar::<_, i64>(&sql)
        .bind(c.languages.first().cloned().unwrap_or_else(|| "fr".into()))
        .bind(c.target.case_type.clone().unwrap_or_default());
    for p in &params {
        q = q.bind(p);
    }
    Ok(q.fetch_one(k.db.pool()).await?)
}

/// Creates the orders of a campaign for its target cases; returns how many were new.
pub async fn generate(k: &Kernel, c: &Campaign) -> Result<u64> {
    let now = millis(k.now());
    let deadline_ms = c.policy.deadline_hours.saturating_mul(3_600_000);
    // Orders become due when the next calling window opens.
    let due = millis(crate::windows::next_open(&c.policy, k.now()));
    let urgency = Urgency::from_kernel(k);
    let default_language = c.languages.first().cloned().unwrap_or_else(|| "fr".into());
    // Fixed parameters are $1..$9; lists follow from $10.
    const FIRST: usize = 10;
    let mut params: Vec<String> = Vec::new();
    let selected = selection(k, c, 2, 6, FIRST, &mut params).await?;
    // From the case's registration: the exact test and exposure dates are sealed (see
    // `cases::dates`), and registration is the moment the platform answers for.
    let deadline = "(cs.created_at + $3)";
    let sql = format!(
        "INSERT INTO call_orders (campaign_id, case_id, language, rank_at, due_at, deadline_at, state, attempts, created_at, updated_at) \
         SELECT $1, cs.id, COALESCE(cs.language, $2), \
           {deadline} - CASE WHEN cs.case_type = 'index' THEN $4 ELSE 0 END \
             - CASE WHEN cs.symptomatic = 1 THEN $9 ELSE 0 END \
             - CASE WHEN cs.age_band IN ('70-79', '80+') THEN $7 ELSE 0 END, \
           $5, {deadline}, 'open', 0, $8, $8 \
         FROM case_facts cs \
         WHERE {selected} \
         ON CONFLICT (campaign_id, case_id) DO NOTHING"
    );
    let case_type = c.target.case_type.clone().unwrap_or_default();
    // A case that has its order in this campaign already (an earlier launch, or another
    // launch at the same moment) is skipped by the unique key. A `NOT EXISTS` filter over
    // the orders did the same but, planned while the campaign had none, rescanned the
    // orders being inserted for every case: a first launch over a million cases ran for
    // more than ten minutes.
    let mut q = sqlx::query(&sql)
        .bind(&c.id)
        .bind(&default_language)
        .bind(deadline_ms)
        .bind(c.policy.index_case_boost_minutes.saturating_mul(60_000))
        .bind(due)
        .bind(&case_type)
        .bind(urgency.elderly_minutes.saturating_mul(60_000))
        .bind(now)
        .bind(urgency.symptomatic_minutes.saturating_mul(60_000));
    for p in &params {
        q = q.bind(p);
    }
    let done = q.execute(k.db.writer()).await?;
    Ok(done.rows_affected())
}
