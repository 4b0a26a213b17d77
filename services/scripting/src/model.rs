//! Scripts, blocks and forms as loaded from their files (see `FORMAT.md`). The same types are
//! stored in releases (as canonical JSON) and drive validation and navigation; maps are
//! `BTreeMap`s so that serialisation, and therefore the content hash, is deterministic.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A text in several languages: language code → text.
pub type Texts = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: String,
    pub languages: Vec<String>,
    pub title: Texts,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, ChoiceList>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceList {
    pub options: Vec<ChoiceOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Texts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    LongText,
    Integer,
    Decimal,
    Boolean,
    Date,
    Datetime,
    Choice,
    MultiChoice,
    Phone,
    Email,
    NationalNumber,
    PostalCode,
    Repeat,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub label: Texts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Texts>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// When the call ends reached, this answer replaces the person's detail it names
    /// (`person.phone`, `person.email`, `person.postal_code` or `person.language`): a
    /// citizen's new number is written back, and found by the next search.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updates: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint_message: Option<Texts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub default: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<usize>,
    /// Sub-fields of a repeat group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

fn is_false(b: &bool) -> bool {
    !b
}

impl Field {
    /// The longest text accepted.
    pub fn max_len(&self) -> usize {
        self.max_length.unwrap_or(match self.kind {
            FieldType::LongText => 4000,
            _ => 200,
        })
    }
}

impl Form {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }
}

kernel::text_enum! {
    /// Whether a script is for calls the center makes or calls it receives; a call's kind is
    /// the kind of its script.
    #[derive(JsonSchema)]
    pub enum ScriptKind {
        Outbound = "outbound",
        Inbound = "inbound",
    }
}

kernel::text_enum! {
    /// How a call ends: the one list of outcomes that scripts' end nodes, the API, the
    /// console protocol and the stored orders share.
    #[derive(JsonSchema, utoipa::ToSchema)]
    pub enum Outcome {
        Reached = "reached",
        NoAnswer = "no_answer",
        Busy = "busy",
        Voicemail = "voicemail",
        WrongNumber = "wrong_number",
        Refused = "refused",
        Callback = "callback",
        NotApplicable = "not_applicable",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Script {
    pub id: String,
    pub form: String,
    pub kind: ScriptKind,
    /// Outbound scripts: the case types they are written for (`index`, `contact`). A
    /// campaign on other cases is refused unless its supervisor overrides it, and a
    /// placeholder that only one type fills (`case.test_date`) needs that type declared, so
    /// an agent never tells a contact "your test is positive". Empty: any type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub case_types: Vec<String>,
    pub languages: Vec<String>,
    pub title: Texts,
    /// E-learning courses an agent must have passed before being offered calls on this
    /// script (course ids from `elearning/`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_courses: Vec<String>,
    pub start: String,
    pub nodes: Vec<Node>,
}

/// A reusable part of scripts; lives in `scripts/blocks/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub id: String,
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Texts>,
    pub start: String,
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say: Option<Texts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Texts>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<Transition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Outcome>,
    #[serde(default, rename = "return", skip_serializing_if = "is_false")]
    pub returns: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    #[serde(default, rename = "if", skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    pub goto: String,
}

impl Script {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

impl Block {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}
