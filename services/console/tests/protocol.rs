//! PROTOCOL.md's examples are the code's: each example marked `<!-- example: KIND NAME -->`
//! is rebuilt through the server's own types (its parts read back from the example) and
//! serialised by the same functions the socket uses; the two must be the same JSON. A key the
//! document shows that the code does not send, or the other way round, fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use console::error::ConsoleError;
use console::protocol;
use console::replies::{Ack, Push};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// `(kind, name, example)` of every marked example.
fn examples() -> Vec<(String, String, Value)> {
    let doc = include_str!("../PROTOCOL.md");
    let mut out = Vec::new();
    for part in doc.split("<!-- example: ").skip(1) {
        let (marker, rest) = part.split_once(" -->").unwrap();
        let (kind, name) = marker.split_once(' ').unwrap();
        let json = rest
            .split_once("```json\n")
            .and_then(|(_, r)| r.split_once("\n```"))
            .map(|(j, _)| j)
            .unwrap_or_else(|| panic!("example {marker}: no json block"));
        let value: Value = serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("example {marker} is not JSON: {e}"));
        out.push((kind.to_string(), name.to_string(), value));
    }
    out
}

/// The part `key` of an example, as the type the code uses for it.
fn part<T: DeserializeOwned>(example: &Value, key: &str) -> T {
    serde_json::from_value(example[key].clone())
        .unwrap_or_else(|e| panic!("`{key}` of {example}: {e}"))
}

/// The whole example (less its envelope) as `T`.
fn whole<T: DeserializeOwned>(example: &Value) -> T {
    let mut body = example.clone();
    if let Some(m) = body.as_object_mut() {
        m.remove("v");
        m.remove("type");
        m.remove("re");
    }
    serde_json::from_value(body).unwrap_or_else(|e| panic!("{example}: {e}"))
}

fn ack(name: &str, e: &Value) -> Ack {
    match name {
        "ready" => Ack::Done {},
        "heartbeat" => Ack::Lease {
            lease_until: part(e, "lease_until"),
        },
        "start_call" => Ack::Call {
            call: part(e, "call"),
        },
        "answer" => Ack::Answered {
            view: part(e, "view"),
            errors: part(e, "errors"),
        },
        "next" => Ack::Moved {
            view: part(e, "view"),
            path: part(e, "path"),
        },
        "language" => Ack::Language {
            view: part(e, "view"),
            form: part(e, "form"),
            title: part(e, "title"),
            step_labels: part(e, "step_labels"),
        },
        "finish" => Ack::Finished {
            scheduled: part(e, "scheduled"),
        },
        "search" => Ack::Results {
            results: part(e, "results"),
        },
        "open_case" => Ack::Opened {
            case: part(e, "case"),
            person: part(e, "person"),
            history: part(e, "history"),
            scripts: part(e, "scripts"),
            orders: part(e, "orders"),
            notes: part(e, "notes"),
        },
        "launch" => Ack::Launched {
            generated: part(e, "generated"),
        },
        "message" => Ack::Sent { id: part(e, "id") },
        other => panic!("no ack example handler for {other}"),
    }
}

fn push(name: &str, e: &Value) -> Push {
    match name {
        "welcome" => Push::Welcome(whole(e)),
        "state" => Push::State(Box::new(whole(e))),
        "message" => Push::Message(whole(e)),
        "screen_pop" => Push::ScreenPop(whole(e)),
        "dashboard" => Push::Dashboard(whole(e)),
        "alert" => Push::Alert(whole(e)),
        other => panic!("no push example handler for {other}"),
    }
}

#[test]
fn every_example_is_what_the_server_sends() {
    let all = examples();
    assert!(all.len() >= 16, "examples found: {}", all.len());
    for (kind, name, example) in &all {
        let re = example["re"].as_str();
        let ours = match kind.as_str() {
            "ack" => protocol::ack(re, &ack(name, example)),
            "push" => protocol::push(&push(name, example)),
            "error" => {
                let errors = part(example, "errors");
                let err = match name.as_str() {
                    "invalid" => ConsoleError::Invalid(errors),
                    other => panic!("no error example handler for {other}"),
                };
                protocol::error(re, &err)
            }
            other => panic!("unknown example kind {other}"),
        };
        let ours: Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(&ours, example, "{kind} {name}: the code sends\n{ours:#}");
    }
}

#[test]
fn every_push_and_reply_shape_has_an_example() {
    let names: Vec<String> = examples()
        .into_iter()
        .map(|(k, n, _)| format!("{k} {n}"))
        .collect();
    for needed in [
        "push welcome",
        "push state",
        "push message",
        "push screen_pop",
        "push dashboard",
        "ack ready",
        "ack heartbeat",
        "ack start_call",
        "ack answer",
        "ack next",
        "ack language",
        "ack finish",
        "ack search",
        "ack open_case",
        "ack launch",
        "ack message",
        "error invalid",
    ] {
        assert!(
            names.iter().any(|n| n == needed),
            "PROTOCOL.md has no example of {needed}"
        );
    }
}
