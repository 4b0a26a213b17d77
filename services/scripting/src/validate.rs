//! Validating a whole submission against a form: every error at once, each with a field path
//! (`contacts[2].phone`, items counted from 0), a stable code and a message in the agent's
//! language. Hidden fields are neither required nor kept. The result is the normalised
//! answers that are stored.
//!
//! Expression errors at run time are treated conservatively: a visibility condition that
//! cannot be evaluated shows the field; a constraint that cannot be evaluated (say, it compares
//! with another field that is still empty) does not block; a computed value that cannot be
//! evaluated stays empty. Lint catches type errors and unknown names before publishing.

use std::collections::BTreeSet;

use kernel::problem::FieldError;
use serde_json::{Map, Value as J};

use crate::expr::{Env, Expr};
use crate::messages::{message, pick};
use crate::model::{Field, FieldType, Form};
use crate::values::{is_absent, normalize};

/// What expressions may read besides the answers.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: chrono::NaiveDate,
    pub person: J,
    pub case: J,
}

impl Context {
    pub fn env(&self) -> Env {
        Env::new(self.today)
            .with("person", &self.person)
            .with("case", &self.case)
    }
}

/// Validates `input` against `form`, every field being required as declared. `Ok` holds the
/// normalised answers to store.
pub fn validate(
    form: &Form,
    input: &Map<String, J>,
    ctx: &Context,
    lang: &str,
) -> Result<Map<String, J>, Vec<FieldError>> {
    validate_asked(form, input, ctx, lang, None)
}

/// As [`validate`], but when `asked` is given only those top-level fields can be required: a
/// call that ended early is not refused for questions its path never reached.
pub fn validate_asked(
    form: &Form,
    input: &Map<String, J>,
    ctx: &Context,
    lang: &str,
    asked: Option<&BTreeSet<String>>,
) -> Result<Map<String, J>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let out = validate_fields(
        form,
        &form.fields,
        input,
        "",
        &ctx.env(),
        None,
        lang,
        &mut errors,
    );
    if let Some(asked) = asked {
        errors
            .retain(|e| e.code != "required" || e.field.contains('[') || asked.contains(&e.field));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// `answers` with the form's computed top-level fields filled in (in order), as navigation
/// and placeholders see them.
pub fn with_computed(form: &Form, answers: &Map<String, J>, ctx: &Context) -> Map<String, J> {
    let mut out = answers.clone();
    for field in form.fields.iter().filter(|f| f.compute.is_some()) {
        let mut env = ctx.env();
        env.set("answers", &answers_view(&form.fields, &out));
        match field
            .compute
            .as_deref()
            .and_then(|src| Expr::parse(src).ok())
            .and_then(|e| e.eval(&env).ok())
        {
            Some(v) if !v.is_null() => {
                out.insert(field.id.clone(), v);
            }
            _ => {
                out.remove(&field.id);
            }
        }
    }
    out
}

/// The answers as expressions see them: every field present, `null` when unanswered.
pub fn answers_view(fields: &[Field], answers: &Map<String, J>) -> J {
    J::Object(
        fields
            .iter()
            .map(|f| (f.id.clone(), answers.get(&f.id).cloned().unwrap_or(J::Null)))
            .collect(),
    )
}

/// Which fields are visible given `answers` (used by the console as well as by validation).
pub fn visible(
    form: &Form,
    fields: &[Field],
    answers: &Map<String, J>,
    env: &Env,
) -> BTreeSet<String> {
    let mut env = env.clone();
    env.set("answers", &answers_view(&form.fields, answers));
    fields
        .iter()
        .filter(|f| match &f.visible_if {
            None => true,
            Some(src) => Expr::parse(src)
                .map(|e| e.eval_bool(&env).unwrap_or(true))
                .unwrap_or(true),
        })
        .map(|f| f.id.clone())
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn validate_fields(
    form: &Form,
    fields: &[Field],
    input: &Map<String, J>,
    prefix: &str,
    env: &Env,
    top_answers: Option<&Map<String, J>>,
    lang: &str,
    errors: &mut Vec<FieldError>,
) -> Map<String, J> {
    let path = |id: &str| format!("{prefix}{id}");
    let push = |errors: &mut Vec<FieldError>, id: &str, code: &str| {
        errors.push(FieldError::new(path(id), code, message(code, lang)));
    };
    for key in input.keys() {
        if !fields.iter().any(|f| &f.id == key) {
            push(errors, key, "unknown_field");
        }
    }
    // 1. Normalise what was given.
    let mut values = Map::new();
    let mut invalid = BTreeSet::new();
    for field in fields {
        let Some(raw) = input.get(&field.id).filter(|v| !is_absent(v)) else {
            continue;
        };
        if field.compute.is_some() {
            continue;
        }
        match normalize(form, field, raw) {
            Ok(v) => {
                values.insert(field.id.clone(), v);
            }
            // Out of range: the message says which range, as the agent must tell the caller.
            Err("out_of_range") => {
                invalid.insert(field.id.clone());
                errors.push(FieldError::new(
                    path(&field.id),
                    "out_of_range",
                    crate::messages::range_message(field, lang),
                ));
            }
            Err(code) => {
                invalid.insert(field.id.clone());
                push(errors, &field.id, code);
            }
        }
    }
    // Expressions see the top-level answers as `answers` and, inside a repeat item, the item
    // as `item`.
    let scope = |values: &Map<String, J>| {
        let mut env = env.clone();
        match top_answers {
            None => env.set("answers", &answers_view(fields, values)),
            Some(top) => {
                env.set("answers", &answers_view(&form.fields, top));
                env.set("item", &answers_view(fields, values));
            }
        }
        env
    };
    // 2. Computed values, in order, each seeing those before it.
    for field in fields.iter().filter(|f| f.compute.is_some()) {
        let env = scope(&values);
        let computed = field
            .compute
            .as_deref()
            .and_then(|src| Expr::parse(src).ok())
            .and_then(|e| e.eval(&env).ok());
        match computed {
            Some(v) if !v.is_null() => {
                values.insert(field.id.clone(), v);
            }
            _ => {
                values.remove(&field.id);
            }
        }
    }
    // 3. Visibility: hidden fields are dropped with their errors.
    let env = scope(&values);
    let hidden: Vec<String> = fields
        .iter()
        .filter(|f| {
            f.visible_if.as_deref().is_some_and(|src| {
                Expr::parse(src).ok().and_then(|e| e.eval_bool(&env).ok()) == Some(false)
            })
        })
        .map(|f| f.id.clone())
        .collect();
    for id in &hidden {
        values.remove(id);
        let p = path(id);
        errors.retain(|e| e.field != p && !e.field.starts_with(&format!("{p}[")));
    }
    // 4. Required, constraints, repeat groups.
    let env = scope(&values);
    for field in fields
        .iter()
        .filter(|f| !hidden.contains(&f.id) && !invalid.contains(&f.id))
    {
        let Some(value) = values.get(&field.id).cloned() else {
            if field.required && field.compute.is_none() {
                push(errors, &field.id, "required");
            }
            continue;
        };
        if field.kind == FieldType::Repeat {
            let items = validate_repeat(
                form,
                field,
                &value,
                &path(&field.id),
                env.clone(),
                top_answers.unwrap_or(&values),
                lang,
                errors,
            );
            values.insert(field.id.clone(), J::Array(items));
            continue;
        }
        if let Some(src) = &field.constraint {
            let mut env = env.clone();
            env.set("value", &value);
            if Expr::parse(src).ok().and_then(|e| e.eval_bool(&env).ok()) == Some(false) {
                let text = field
                    .constraint_message
                    .as_ref()
                    .map(|m| pick(m, lang).to_string())
                    .unwrap_or_else(|| message("constraint", lang));
                errors.push(FieldError::new(path(&field.id), "constraint", text));
            }
        }
    }
    values
}

#[allow(clippy::too_many_arguments)]
fn validate_repeat(
    form: &Form,
    field: &Field,
    value: &J,
    path: &str,
    env: Env,
    top: &Map<String, J>,
    lang: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<J> {
    let Some(items) = value.as_array() else {
        errors.push(FieldError::new(
            path,
            "invalid_type",
            message("invalid_type", lang),
        ));
        return Vec::new();
    };
    if field.min_items.is_some_and(|m| items.len() < m) {
        errors.push(FieldError::new(
            path,
            "too_few_items",
            message("too_few_items", lang),
        ));
    }
    if items.len() > field.max_items.unwrap_or(500) {
        errors.push(FieldError::new(
            path,
            "too_many_items",
            message("too_many_items", lang),
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("{path}[{i}].");
        match item.as_object() {
            Some(map) => {
                let v = validate_fields(
                    form,
                    &field.fields,
                    map,
                    &prefix,
                    &env,
                    Some(top),
                    lang,
                    errors,
                );
                out.push(J::Object(v));
            }
            None => errors.push(FieldError::new(
                format!("{path}[{i}]"),
                "invalid_type",
                message("invalid_type", lang),
            )),
        }
    }
    out
}
