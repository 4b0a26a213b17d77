//! What the server sends over the console WebSocket (PROTOCOL.md), as types: the body of every
//! `ack`, every push, and the views of a call. Requests are typed in `protocol`; with the
//! replies typed too, a test can hold `PROTOCOL.md`'s examples against the code.

use std::collections::BTreeMap;

use campaigns::dispatch::Scheduled;
use campaigns::figures::CampaignFigures;
use campaigns::gating::TrainingStatus;
use cases::access::HistoryEntry;
use cases::person::{CaseStatus, CaseType};
use cases::search::Hit;
use cases::store::{CaseRow, PersonData};
use kernel::auth::Principal;
use kernel::problem::FieldError;
use scripting::model::Outcome;
use scripting::walk::Step;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::calls::CallKind;
use crate::presence::AgentStatus;
use crate::protocol::PauseReason;

/// What an `ack` carries besides its envelope, one shape per request (PROTOCOL.md's "ack
/// carries" column).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Ack {
    /// `ready`, `pause`, `pause_campaign`, `reassign`, and a supervisor's `heartbeat`.
    Done {},
    /// `heartbeat`: the held order's new lease end, if one is held.
    Lease { lease_until: Option<i64> },
    /// `start_call`, `start_inbound`.
    Call { call: Box<CallView> },
    /// `answer`: the view after it, and this field's problems.
    Answered { view: View, errors: Vec<FieldError> },
    /// `next`, `goto`.
    Moved { view: View, path: Vec<String> },
    /// `language`: the view and the form in the new language.
    Language {
        view: View,
        form: Vec<FieldView>,
        /// The script's title and the breadcrumb's step names in the new language.
        title: String,
        step_labels: std::collections::BTreeMap<String, String>,
    },
    /// `finish`: what happens to the order (none for an inbound call).
    Finished { scheduled: Option<Scheduled> },
    /// `search`: masked hits.
    Results { results: Vec<Hit> },
    /// `open_case`: the case decrypted (audited) and its history.
    Opened {
        case: Box<CaseRow>,
        person: Box<PersonData>,
        history: Vec<HistoryEntry>,
        /// The inbound scripts the agent may run on it (`inbound` first).
        scripts: Vec<ScriptOption>,
        /// Orders of running campaigns still waiting to reach this citizen: the agent can
        /// complete that interview now, on the order, with its campaign's script.
        orders: Vec<campaigns::returned::WaitingOrder>,
        /// Notes agents left on the case's earlier calls, newest first.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        notes: Vec<crate::wrap_up::CallNote>,
    },
    /// `launch`: how many orders were generated.
    Launched { generated: u64 },
    /// `message`: the stored message's id.
    Sent { id: i64 },
}

/// A push: a message the server sends without being asked.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Push {
    Welcome(Welcome),
    State(Box<AgentStateView>),
    Message(MessageView),
    ScreenPop(ScreenPop),
    Dashboard(Dashboard),
    Alert(Alert),
    RequestNotice(RequestNotice),
}

/// `request_notice`: a request wants this user's attention (`kind`: mention, reminder,
/// escalation, assigned); the console fetches nothing personal from the push itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequestNotice {
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: String,
}

/// What an `alert` is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// An agent of the team broke the glass to open a case.
    BreakGlass,
    /// An agent of the team was stopped by the search rate limit.
    SearchLimited,
}

/// `alert`: something a supervisor must look at now, about an agent of their team.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alert {
    pub kind: AlertKind,
    pub agent_id: i64,
    pub agent_name: String,
    /// The case opened, for a break-glass open.
    pub case_code: Option<String>,
    /// Break-glass opens by this agent today, this one included.
    pub count_today: Option<i64>,
    /// Whether the agent is at or over the day's break-glass limit.
    pub over_limit: bool,
    pub at: i64,
}

/// `welcome`: who is connected and how often to send heartbeats.
#[derive(Debug, Serialize, Deserialize)]
pub struct Welcome {
    pub protocol: u64,
    pub user: Principal,
    pub ui_language: String,
    pub heartbeat_ms: i64,
}

/// `state`: an agent's whole picture.
#[derive(Debug, Serialize, Deserialize)]
pub struct AgentStateView {
    pub status: AgentStatus,
    pub reason: Option<PauseReason>,
    pub since: i64,
    pub training: TrainingStatus,
    pub offer: Option<Offer>,
    pub call: Option<CallView>,
    pub messages: Vec<MessageView>,
    /// The after-call work in progress (status `wrap_up`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap_up: Option<crate::wrap_up::WrapUpView>,
}

/// The order held by the agent and not started yet; the citizen masked.
#[derive(Debug, Serialize, Deserialize)]
pub struct Offer {
    pub order_id: i64,
    pub campaign_id: String,
    pub campaign_name: String,
    pub language: String,
    pub deadline_at: Option<i64>,
    pub attempts: i64,
    pub case: Hit,
}

/// A supervisor's message to an agent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub from: String,
    pub text: String,
    pub at: i64,
}

/// `screen_pop`: a ringing inbound call, its caller masked, the matching cases masked.
#[derive(Debug, Serialize, Deserialize)]
pub struct ScreenPop {
    pub event_id: i64,
    pub caller_masked: String,
    pub results: Vec<Hit>,
    /// The topic the caller chose in the voice menu, if the PBX sent one.
    pub topic: Option<String>,
    /// The inbound script that topic names (offered first), when one is published.
    pub script: Option<String>,
}

/// An inbound script the agent can run on the case opened.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScriptOption {
    pub id: String,
    /// In the agent's interface language.
    pub title: String,
}

/// `dashboard`: the supervisors' figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub at: i64,
    pub campaigns: Vec<CampaignFigures>,
    pub agents: Vec<AgentRow>,
    pub waiting_by_language: BTreeMap<String, i64>,
}

/// One agent on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentRow {
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub status: AgentStatus,
    pub reason: Option<PauseReason>,
    pub since: i64,
    /// Ready for longer than `console.idle_alert_seconds` while an order of their team's
    /// campaigns is due (or one is offered to them and not started): the dashboard alerts.
    #[serde(default)]
    pub idle_with_work: bool,
}

/// A call in progress with everything the screen shows.
#[derive(Debug, Serialize, Deserialize)]
pub struct CallView {
    pub call_id: String,
    pub kind: CallKind,
    pub order_id: Option<i64>,
    pub case: CaseView,
    pub person: PersonView,
    pub release: ReleaseView,
    pub languages: Vec<String>,
    pub language: String,
    pub form: Vec<FieldView>,
    pub answers: Map<String, Value>,
    pub path: Vec<String>,
    /// A short name of each step in the call's language, for the breadcrumb: the first
    /// question the step asks (`identity/ask_birth_date` reads "Date de naissance"); steps
    /// that ask nothing are absent and the console numbers them.
    #[serde(default)]
    pub step_labels: std::collections::BTreeMap<String, String>,
    pub view: View,
    pub errors: Vec<FieldError>,
    /// When the call began (the console's call timer counts from it).
    #[serde(default)]
    pub started_at: i64,
    /// Notes agents left on the case's earlier calls, newest first (sent when the call
    /// starts and with the state, not with every answer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<crate::wrap_up::CallNote>,
}

/// The case of a call, without what the agent does not need.
#[derive(Debug, Serialize, Deserialize)]
pub struct CaseView {
    pub code: String,
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub test_date: Option<String>,
    pub exposure_date: Option<String>,
    pub onset_date: Option<String>,
}

/// The person of a call, decrypted (the case was opened, and audited, when the call began).
#[derive(Debug, Serialize, Deserialize)]
pub struct PersonView {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub national_number: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub birth_date: Option<String>,
    pub language: Option<String>,
    pub postal_code: Option<String>,
}

/// The release a call is pinned to.
#[derive(Debug, Serialize, Deserialize)]
pub struct ReleaseView {
    pub id: i64,
    pub script_id: String,
    pub number: i64,
    pub title: String,
}

pub use scripting::fields::{Choice, FieldView};

/// The node on screen and where **Next** leads.
#[derive(Debug, Serialize, Deserialize)]
pub struct View {
    pub position: String,
    pub say: Option<String>,
    /// Placeholders of `say` the file has no value for: they stand as "[?]" in the text,
    /// which the console explains to the agent (PROTOCOL.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    pub hint: Option<String>,
    pub fields: Vec<String>,
    pub visible: Vec<String>,
    pub end: Option<Outcome>,
    pub next: Step,
}
