//! The console's message protocol (see `PROTOCOL.md`): parsing what clients send into typed
//! requests, and building what the server sends. Parsing never fails the connection: every
//! problem becomes an `error` reply naming it.

use chrono::{DateTime, Utc};
use kernel::problem::FieldError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::ConsoleError;
use crate::replies::{Ack, Push};

pub const VERSION: u64 = 1;
/// The largest message accepted, either way.
pub const MAX_MESSAGE: usize = 64 * 1024;
/// How often the console sends a heartbeat.
pub const HEARTBEAT_MS: i64 = 20_000;

pub use crate::presence::PauseReason;

/// Every request a client can make.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    Ready,
    Pause {
        reason: PauseReason,
    },
    Heartbeat,
    StartCall {
        order_id: i64,
    },
    Answer {
        call_id: String,
        field: String,
        value: Value,
    },
    Next {
        call_id: String,
    },
    Goto {
        call_id: String,
        position: String,
    },
    Language {
        call_id: String,
        language: String,
    },
    Finish {
        call_id: String,
        outcome: scripting::model::Outcome,
        #[serde(default)]
        callback_at: Option<DateTime<Utc>>,
    },
    Search {
        q: String,
    },
    OpenCase {
        code: String,
        reason: cases::routes::OpenReason,
        #[serde(default)]
        justification: Option<String>,
    },
    StartInbound {
        code: String,
        /// The inbound script to run (one of `open_case`'s `scripts`); `inbound` when absent.
        #[serde(default)]
        script: Option<String>,
        /// A waiting order of this case (one of `open_case`'s `orders`): the interview it was
        /// for is completed now, on that order, with its campaign's script.
        #[serde(default)]
        order_id: Option<i64>,
    },
    Launch {
        campaign_id: String,
    },
    PauseCampaign {
        campaign_id: String,
    },
    Reassign {
        order_id: i64,
        agent_id: i64,
    },
    Message {
        agent_id: i64,
        text: String,
    },
    WrapUpNote {
        call_id: String,
        text: String,
    },
    RegisterCaller {
        fields: std::collections::BTreeMap<String, String>,
    },
}

const TYPES: &[&str] = &[
    "ready",
    "pause",
    "heartbeat",
    "start_call",
    "answer",
    "next",
    "goto",
    "language",
    "finish",
    "search",
    "open_case",
    "start_inbound",
    "launch",
    "pause_campaign",
    "reassign",
    "message",
    "wrap_up_note",
    "register_caller",
];

/// A message that could not be turned into a request: what to answer.
#[derive(Debug)]
pub struct Refusal {
    pub re: Option<String>,
    pub code: &'static str,
    pub message: String,
}

/// Parses one text frame into its request id and request.
pub fn parse(text: &str) -> Result<(Option<String>, Request), Refusal> {
    let refuse = |re: Option<String>, code, message: String| Refusal { re, code, message };
    if text.len() > MAX_MESSAGE {
        return Err(refuse(
            None,
            "too_large",
            format!("messages are limited to {MAX_MESSAGE} bytes"),
        ));
    }
    let mut map: Map<String, Value> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => m,
        Ok(_) => {
            return Err(refuse(
                None,
                "malformed",
                "a message is a JSON object".into(),
            ))
        }
        Err(e) => return Err(refuse(None, "malformed", format!("not JSON: {e}"))),
    };
    let re = match map.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.len() <= 64 => Some(s),
        Some(_) => {
            return Err(refuse(
                None,
                "malformed",
                "id is a string of at most 64 characters".into(),
            ))
        }
    };
    match map.remove("v") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        other => {
            return Err(refuse(
                re,
                "version",
                format!("this server speaks protocol version {VERSION}, not {other:?}"),
            ))
        }
    }
    let kind = match map.get("type") {
        Some(Value::String(t)) => t.clone(),
        _ => {
            return Err(refuse(
                re,
                "malformed",
                "a message has a string type".into(),
            ))
        }
    };
    if !TYPES.contains(&kind.as_str()) {
        return Err(refuse(
            re,
            "unknown_type",
            format!("unknown message type {kind:?}"),
        ));
    }
    match serde_json::from_value::<Request>(Value::Object(map)) {
        Ok(r) => Ok((re, r)),
        Err(e) => Err(refuse(re, "invalid", format!("{kind}: {e}"))),
    }
}

/// A reply frame: the envelope and, flattened into it, what the reply carries.
#[derive(Serialize)]
struct ReplyFrame<'a, T: Serialize> {
    v: u64,
    #[serde(rename = "type")]
    kind: &'static str,
    re: Option<&'a str>,
    #[serde(flatten)]
    body: &'a T,
}

/// What an `error` reply carries.
#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
    errors: &'a [FieldError],
}

/// A push frame: the version and the push (whose `type` serde writes from its variant).
#[derive(Serialize)]
struct PushFrame<'a> {
    v: u64,
    #[serde(flatten)]
    push: &'a Push,
}

/// Our own types always serialise; were one ever not to, the client gets an `internal`
/// error instead of a half-written frame, and the log says which.
fn frame<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| {
        tracing::error!(error = %e, "a console frame did not serialise");
        format!(
            r#"{{"v":{VERSION},"type":"error","re":null,"code":"internal","message":"an internal error occurred; it has been logged","errors":[]}}"#
        )
    })
}

/// An `ack` reply carrying `body`.
pub fn ack(re: Option<&str>, body: &Ack) -> String {
    frame(&ReplyFrame {
        v: VERSION,
        kind: "ack",
        re,
        body,
    })
}

/// An `error` reply for `err`.
pub fn error(re: Option<&str>, err: &ConsoleError) -> String {
    frame(&ReplyFrame {
        v: VERSION,
        kind: "error",
        re,
        body: &ErrorBody {
            code: err.code(),
            message: &err.public_message(),
            errors: &err.errors(),
        },
    })
}

/// An `error` reply for a message that did not parse.
pub fn refusal(r: &Refusal) -> String {
    frame(&ReplyFrame {
        v: VERSION,
        kind: "error",
        re: r.re.as_deref(),
        body: &ErrorBody {
            code: r.code,
            message: &r.message,
            errors: &[],
        },
    })
}

/// A push frame.
pub fn push(push: &Push) -> String {
    frame(&PushFrame { v: VERSION, push })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_good_request_parses_with_its_id() {
        let (re, r) =
            parse(r#"{"v":1,"id":"c1","type":"answer","call_id":"x","field":"f","value":3}"#)
                .unwrap();
        assert_eq!(re.as_deref(), Some("c1"));
        assert!(matches!(r, Request::Answer { ref field, .. } if field == "f"));
    }

    #[test]
    fn bad_messages_are_named_not_fatal() {
        let code = |t: &str| parse(t).unwrap_err().code;
        assert_eq!(code("nope"), "malformed");
        assert_eq!(code("[1]"), "malformed");
        assert_eq!(code(r#"{"v":2,"type":"ready"}"#), "version");
        assert_eq!(code(r#"{"v":1,"type":"fly"}"#), "unknown_type");
        assert_eq!(code(r#"{"v":1,"type":"pause","reason":"nap"}"#), "invalid");
        assert_eq!(code(r#"{"v":1,"type":"start_call"}"#), "invalid");
        let big = format!(
            r#"{{"v":1,"type":"search","q":"{}"}}"#,
            "a".repeat(MAX_MESSAGE)
        );
        assert_eq!(code(&big), "too_large");
        let e = parse(r#"{"v":1,"id":"r9","type":"fly"}"#).unwrap_err();
        assert_eq!(e.re.as_deref(), Some("r9"), "the reply names the request");
    }
}
