//! Campaigns, their dialing policy and their target, as supervisors write them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How orders are retried and held.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Unsuccessful attempts (no answer, busy, voicemail) before an order is closed.
    pub max_attempts: i64,
    pub retry_minutes_no_answer: i64,
    pub retry_minutes_busy: i64,
    pub retry_minutes_voicemail: i64,
    /// Each order must be reached within this many hours of its creation.
    pub deadline_hours: i64,
    /// How long a claim holds an order without a heartbeat.
    pub lease_seconds: i64,
    /// A callback is kept for the agent who arranged it this long after its time.
    pub callback_hold_minutes: i64,
    /// Index cases are ranked as if their deadline were this much earlier (urgency).
    pub index_case_boost_minutes: i64,
    /// Calling windows per weekday (`mon`..`sun`), local times `[["09:00", "20:00"]]`;
    /// none means any time.
    pub windows: std::collections::BTreeMap<String, Vec<[String; 2]>>,
    /// Dates (`YYYY-MM-DD`) on which nobody is called.
    pub holidays: Vec<String>,
    /// The citizens' time zone, in which windows and holidays are read.
    pub time_zone: String,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            retry_minutes_no_answer: 60,
            retry_minutes_busy: 15,
            retry_minutes_voicemail: 120,
            deadline_hours: 24,
            lease_seconds: 120,
            callback_hold_minutes: 15,
            index_case_boost_minutes: 240,
            windows: std::collections::BTreeMap::new(),
            holidays: Vec::new(),
            time_zone: "Europe/Brussels".into(),
        }
    }
}

/// Which cases a campaign calls. Every criterion narrows the selection; an empty one
/// selects all.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Target {
    /// `index` or `contact`; all when absent.
    pub case_type: Option<String>,
    /// Province codes (BRU, ANT, ...).
    pub regions: Vec<String>,
    /// Case statuses; `open` and `in_progress` when empty (closed cases are not called).
    pub statuses: Vec<String>,
    /// Age bands (`0-9` … `80+`).
    pub age_bands: Vec<String>,
    /// Cases registered on or after this day (`YYYY-MM-DD`).
    #[schema(value_type = Option<String>, format = Date)]
    pub created_from: Option<chrono::NaiveDate>,
    /// Cases registered on or before this day.
    #[schema(value_type = Option<String>, format = Date)]
    pub created_to: Option<chrono::NaiveDate>,
    /// An imported list: only these case codes.
    pub case_codes: Vec<String>,
}

/// What a supervisor sends to create a campaign.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCampaign {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    pub script_id: String,
    /// A release id to pin; absent follows the latest release.
    #[serde(default)]
    pub release_id: Option<i64>,
    pub languages: Vec<String>,
    #[serde(default)]
    pub teams: Vec<String>,
    #[serde(default)]
    pub required_courses: Vec<String>,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub target: Target,
    /// Use the script on cases it is not written for (its `case_types`): refused without
    /// this, and audited with it.
    #[serde(default)]
    pub script_override: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub script_id: String,
    pub release_id: Option<i64>,
    pub status: crate::states::CampaignStatus,
    pub languages: Vec<String>,
    pub teams: Vec<String>,
    pub required_courses: Vec<String>,
    pub policy: Policy,
    pub target: Target,
    /// The supervisor chose to use the script on cases it is not written for.
    pub script_override: bool,
}

/// `[a, b]` as stored: `,a,b,` so that `LIKE '%,a,%'` finds one member exactly.
pub fn wrap_list(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!(",{},", items.join(","))
    }
}

pub fn unwrap_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}
