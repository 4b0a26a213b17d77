//! The do-not-call list. A supervisor adds a phone number; what is kept is its blind-index
//! token (the number is never stored), so generation skips everyone with that number and the
//! open orders of those already in a campaign are cancelled at once. Removing a number lets
//! future launches call it again.
//!
//! A token is short and the token table mixes every kind of identifier, so a match in the
//! table is only a candidate: each is confirmed against the person's decrypted phone
//! ([`cases::access::people_whose_phone_has`]) before anyone is skipped or cancelled.

use axum::extract::{FromRef, State};
use axum::http::Method;
use kernel::audit::{self, Event};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::db::millis;
use kernel::problem::ApiJson;
use kernel::Kernel;
use scripting::ident::PhoneE164;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{CampaignError, Result};

const MANAGERS: &[Role] = &[Role::Supervisor];

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::POST,
    "/api/v1/do-not-call",
    Access::Roles(MANAGERS),
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(change))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DoNotCall {
    /// A phone number in any common format.
    pub phone: String,
    /// Take the number off the list instead.
    #[serde(default)]
    pub remove: bool,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Changed {
    /// Open orders cancelled because of this number.
    pub orders_cancelled: u64,
}

/// Adds a number to the do-not-call list (cancelling its open orders) or removes it.
#[utoipa::path(post, path = "/api/v1/do-not-call", tag = "campaigns", request_body = DoNotCall,
    responses((status = 200, body = Changed), (status = 422)))]
async fn change(
    State(k): State<Kernel>,
    who: Principal,
    ApiJson(body): ApiJson<DoNotCall>,
) -> kernel::Result<ApiJson<Changed>> {
    Ok(ApiJson(apply(&k, &who, &body).await?))
}

/// Adds `body`'s number to the list or takes it off, in one transaction with the orders it
/// cancels and the audit event.
pub async fn apply(k: &Kernel, who: &Principal, body: &DoNotCall) -> Result<Changed> {
    let phone = PhoneE164::parse(&body.phone).map_err(|_| CampaignError::Invalid {
        field: "phone",
        message: "not a phone number".into(),
    })?;
    let token = k.blind.token("phone", phone.as_str());
    let now = k.now();
    // Confirmed before the transaction: decrypting needs its own connections.
    let people = if body.remove {
        Vec::new()
    } else {
        cases::access::people_whose_phone_has(k, &std::collections::HashSet::from([token]))
            .await
            .map_err(|e| CampaignError::Kernel(e.into()))?
    };
    let mut tx = k.db.begin().await?;
    let orders_cancelled = if body.remove {
        sqlx::query("DELETE FROM do_not_call WHERE token = $1")
            .bind(token)
            .execute(&mut *tx)
            .await?;
        0
    } else {
        sqlx::query(
            "INSERT INTO do_not_call (token, reason, added_by, added_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (token) DO NOTHING",
        )
        .bind(token)
        .bind(
            body.reason
                .as_deref()
                .map(|r| r.chars().take(200).collect::<String>()),
        )
        .bind(who.actor())
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
        let mut cancelled = 0;
        for chunk in people.chunks(500) {
            let sql = format!(
                "UPDATE call_orders SET state = 'cancelled', agent_id = NULL, lease_until = NULL, updated_at = $1 \
                 WHERE state IN ('open', 'leased') AND case_id IN \
                   (SELECT cs.id FROM case_facts cs WHERE cs.person_id IN ({}))",
                kernel::db::placeholders(2, chunk.len())
            );
            let mut q = sqlx::query(&sql).bind(millis(now));
            for p in chunk {
                q = q.bind(p);
            }
            cancelled += q.execute(&mut *tx).await?.rows_affected();
        }
        cancelled
    };
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor: &who.actor(),
            action: if body.remove {
                "do_not_call.removed"
            } else {
                "do_not_call.added"
            },
            subject: &format!("token:{token}"),
            request_id: None,
            detail: serde_json::json!({ "orders_cancelled": orders_cancelled }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Changed { orders_cancelled })
}

/// The people on the do-not-call list: those whose own phone's token is on it (confirmed
/// against their decrypted phone, see the module's note).
pub async fn people_on_list(k: &Kernel) -> Result<Vec<String>> {
    let tokens: std::collections::HashSet<i64> =
        sqlx::query_scalar::<_, i64>("SELECT token FROM do_not_call")
            .fetch_all(k.db.pool())
            .await?
            .into_iter()
            .collect();
    cases::access::people_whose_phone_has(k, &tokens)
        .await
        .map_err(|e| CampaignError::Kernel(e.into()))
}
