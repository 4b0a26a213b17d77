//! A form's fields as a screen draws them, in one language: the console's call screen and
//! the public request form render the same `Field` objects (PROTOCOL.md), so a topic's form
//! looks and validates as the call form it is.

use serde::{Deserialize, Serialize};

use crate::messages::pick;
use crate::model::{Field, FieldType, Form};

/// A form field in the call's language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldView {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub label: String,
    pub help: Option<String>,
    pub required: bool,
    pub computed: bool,
    pub choices: Option<Vec<Choice>>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub max_length: usize,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub fields: Vec<FieldView>,
}

/// One option of a choice field.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The form's fields in `lang`, as the console renders them.
pub fn form_fields(form: &Form, lang: &str) -> Vec<FieldView> {
    form.fields.iter().map(|f| field(form, f, lang)).collect()
}

fn field(form: &Form, f: &Field, lang: &str) -> FieldView {
    // Yes and no are read to the citizen: in the call's language, like the question.
    let yes_no = (f.kind == FieldType::Boolean).then(|| {
        [("true", "console-yes"), ("false", "console-no")]
            .into_iter()
            .map(|(value, id)| Choice {
                value: value.to_string(),
                label: kernel::i18n::catalog().text(lang, id, &[]),
            })
            .collect()
    });
    let choices = yes_no.or_else(|| {
        f.choices
            .as_ref()
            .and_then(|c| form.choices.get(c))
            .map(|list| {
                list.options
                    .iter()
                    .map(|o| Choice {
                        value: o.value.clone(),
                        label: pick(&o.label, lang).to_string(),
                    })
                    .collect()
            })
    });
    FieldView {
        id: f.id.clone(),
        kind: f.kind,
        label: pick(&f.label, lang).to_string(),
        help: f.help.as_ref().map(|h| pick(h, lang).to_string()),
        required: f.required,
        computed: f.compute.is_some(),
        choices,
        min: f.min,
        max: f.max,
        max_length: f.max_len(),
        min_items: f.min_items,
        max_items: f.max_items,
        fields: f.fields.iter().map(|s| field(form, s, lang)).collect(),
    }
}
