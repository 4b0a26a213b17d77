//! Why a person may decrypt a case, checked by the server before anything is decrypted.
//!
//! | reason | allowed when |
//! | --- | --- |
//! | `call_order` | the caller holds that order on this case, or has a call in progress on it |
//! | `inbound` | the caller has an inbound call in progress on it, or, while in an inbound call the telephony system announced, found it in the last minutes by a strong identifier (phone, national number, case code, full name with birth date) within their jurisdiction; or a screen pop or a broken glass let them open it |
//! | `screen_pop` | a telephony screen pop showed the caller this case in the last minutes |
//! | `break_glass` | a justification of at least ten characters, the case within the caller's jurisdiction; audited, shown to the team's supervisors at once, counted per day |
//!
//! Agents may use every reason; supervisors break the glass only (they hold no orders and
//! take no calls). Everyone else is refused: an admin manages accounts and reads no personal
//! data. A refusal is 403 with the reason named, and changes nothing.

use axum::http::StatusCode;
use kernel::auth::teams::{self, Jurisdiction};
use kernel::auth::{Principal, Role};
use kernel::db::{millis, Tx};
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::Result;
use crate::store::CaseRow;

/// Why a person opens a case; recorded in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenReason {
    CallOrder,
    /// `inbound_call` is the console protocol's older name.
    #[serde(alias = "inbound_call")]
    Inbound,
    ScreenPop,
    BreakGlass,
}

/// The shortest justification that breaks the glass.
pub const MIN_JUSTIFICATION: usize = 10;

/// What the caller gives as the purpose of an open.
#[derive(Debug, Clone, Copy)]
pub struct Purpose<'a> {
    pub reason: OpenReason,
    pub order_id: Option<i64>,
    pub justification: Option<&'a str>,
}

fn refused(detail: impl Into<String>) -> kernel::Error {
    kernel::Error::refused(StatusCode::FORBIDDEN, "purpose-refused", detail)
}

/// The postal code of person `person_id` (clear: it places a person no closer than a
/// municipality), which decides whose jurisdiction they are in.
pub async fn postal_code_of(
    conn: &mut sqlx::AnyConnection,
    person_id: &str,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT postal_code FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_optional(conn)
            .await?
            .flatten(),
    )
}

/// The jurisdiction of a user.
pub async fn jurisdiction_of(k: &Kernel, who: &Principal) -> Result<Jurisdiction> {
    Ok(teams::jurisdiction(&k.db, who.team.as_deref()).await?)
}

/// Checks `purpose` for `who` opening `case` (whose person lives at `postal_code`), inside
/// the open's transaction. `Ok` means the open may go ahead.
pub async fn check(
    k: &Kernel,
    tx: &mut Tx,
    who: &Principal,
    case: &CaseRow,
    postal_code: Option<&str>,
    purpose: Purpose<'_>,
) -> Result<()> {
    let user = who.user_id()?;
    match who.role {
        Role::Agent => {}
        Role::Supervisor if purpose.reason == OpenReason::BreakGlass => {}
        Role::Supervisor => {
            return Err(refused(
                "a supervisor opens a case only by breaking the glass, with a justification",
            )
            .into())
        }
        _ => return Err(kernel::Error::Forbidden.into()),
    }
    let now = millis(k.now());
    let call_on_case = |kind: Option<&'static str>| async move {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT call_id FROM open_calls WHERE agent_id = $1 AND case_id = $2 \
             AND ($3 IS NULL OR kind = $3)",
        )
        .bind(user)
        .bind(&case.id)
        .bind(kind)
        .fetch_optional(k.db.pool())
        .await?;
        Ok::<bool, crate::error::CasesError>(found.is_some())
    };
    let granted = |reason: &'static str| async move {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM case_grants WHERE user_id = $1 AND case_code = $2 AND reason = $3 \
             AND expires_at > $4",
        )
        .bind(user)
        .bind(&case.code)
        .bind(reason)
        .bind(now)
        .fetch_optional(k.db.pool())
        .await?;
        Ok::<bool, crate::error::CasesError>(found.is_some())
    };
    match purpose.reason {
        OpenReason::CallOrder => {
            let held = match purpose.order_id {
                Some(order) => {
                    let found: Option<i64> = sqlx::query_scalar(
                        "SELECT order_id FROM held_orders WHERE order_id = $1 AND agent_id = $2 \
                         AND case_id = $3 AND lease_until > $4",
                    )
                    .bind(order)
                    .bind(user)
                    .bind(&case.id)
                    .bind(now)
                    .fetch_optional(&mut **tx)
                    .await?;
                    found.is_some()
                }
                None => false,
            };
            if !held && !call_on_case(None).await? {
                return Err(refused(
                    "you hold no call order and have no call in progress on this case",
                )
                .into());
            }
        }
        OpenReason::Inbound => {
            // A screen pop or a broken glass (which records an inbound grant) also lets the
            // agent start the inbound call on the case.
            if !call_on_case(Some("inbound")).await?
                && !granted("inbound").await?
                && !granted("screen_pop").await?
            {
                return Err(refused(
                    "no inbound call of yours found this case by a strong identifier (phone, \
                     national number, case code, or full name with birth date) in your jurisdiction",
                )
                .into());
            }
        }
        OpenReason::ScreenPop => {
            if !granted("screen_pop").await? {
                return Err(
                    refused("no screen pop showed you this case in the last minutes").into(),
                );
            }
        }
        OpenReason::BreakGlass => {
            let text = purpose.justification.map(str::trim).unwrap_or_default();
            if text.chars().count() < MIN_JUSTIFICATION {
                return Err(kernel::Error::invalid(
                    "justification",
                    "too_short",
                    format!("breaking the glass needs a justification of at least {MIN_JUSTIFICATION} characters"),
                )
                .into());
            }
            if !jurisdiction_of(k, who).await?.covers(postal_code) {
                return Err(refused("this case is outside your team's jurisdiction").into());
            }
        }
    }
    Ok(())
}

/// Break-glass opens by `user` since the start of today (UTC), this one included.
pub async fn break_glass_today(k: &Kernel, user: i64) -> Result<i64> {
    let day = k
        .now()
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let since = day.and_utc().timestamp_millis();
    Ok(
        kernel::audit::count_since(&k.db, &format!("user:{user}"), "case.break_glass", since)
            .await?,
    )
}

/// Refuses (403) when the person of `case` lives outside `who`'s jurisdiction: for reads and
/// changes that decrypt nothing but still concern one person (history, status).
pub async fn require_jurisdiction(k: &Kernel, who: &Principal, case: &CaseRow) -> Result<()> {
    let mut conn = k.db.pool().acquire().await?;
    let postal = postal_code_of(&mut conn, &case.person_id).await?;
    drop(conn);
    if jurisdiction_of(k, who).await?.covers(postal.as_deref()) {
        Ok(())
    } else {
        Err(refused("this case is outside your team's jurisdiction").into())
    }
}
