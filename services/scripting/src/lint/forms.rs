//! Lint of forms, and the expression checks shared with scripts.

use std::collections::BTreeSet;

use regex::Regex;
use serde_json::{json, Value as J};

use super::source::Seg;
use super::{valid_id, Reporter, KNOWN_LANGUAGES};
use crate::at;
use crate::expr::{kind_of, Env, Expr};
use crate::model::{Field, FieldType, Form, Texts};
use crate::values::{normalize, sample};

pub(crate) const PERSON_ATTRS: [&str; 5] = [
    "first_name",
    "last_name",
    "birth_date",
    "language",
    "postal_code",
];
pub(crate) const CASE_ATTRS: [&str; 5] = [
    "code",
    "type",
    "test_date",
    "exposure_date",
    "index_case_code",
];

fn sample_person() -> J {
    json!({"first_name": "Ana", "last_name": "Peeters", "birth_date": "1985-07-30", "language": "fr", "postal_code": "1000"})
}

fn sample_case() -> J {
    json!({"code": "K7M2QX", "type": "index", "test_date": "2026-01-10", "exposure_date": "2026-01-08", "index_case_code": "H3P9LW"})
}

/// What an expression may refer to where it stands.
pub(crate) struct Scope<'a> {
    pub form: &'a Form,
    /// Inside a repeat group: the sibling sub-fields (`item.X`).
    pub item: Option<&'a [Field]>,
    /// In a constraint: the field being checked (`value`).
    pub value: Option<&'a Field>,
}

/// What the expression must produce.
pub(crate) enum Expect {
    Bool,
    Field(FieldType),
}

/// Parses `src`, checks the names it uses against `scope`, and evaluates it on sample answers
/// of the right types to catch type errors. Reports at the exact place in the file.
pub(crate) fn check_expr(
    rep: &mut Reporter<'_>,
    path: &[Seg],
    src: &str,
    scope: &Scope<'_>,
    expect: Expect,
) {
    let expr = match Expr::parse(src) {
        Ok(e) => e,
        Err(e) => return rep.at_in(path, src, 0, format!("{e}")),
    };
    let mut roots: BTreeSet<&str> = ["answers", "person", "case"].into();
    if scope.item.is_some() {
        roots.insert("item");
    }
    if scope.value.is_some() {
        roots.insert("value");
    }
    for var in expr.variables() {
        if !roots.contains(var.as_str()) {
            let offset = src.find(var.as_str()).unwrap_or(0);
            rep.at_in(
                path,
                src,
                offset,
                format!(
                    "unknown name `{var}` (available: {})",
                    roots.iter().copied().collect::<Vec<_>>().join(", ")
                ),
            );
            return;
        }
    }
    let mut unknown = false;
    for m in member_re().captures_iter(src) {
        let (Some(root), Some(name)) = (m.get(1), m.get(2)) else {
            continue;
        };
        let ok = match root.as_str() {
            "answers" => scope.form.field(name.as_str()).is_some(),
            "item" => scope
                .item
                .is_some_and(|f| f.iter().any(|f| f.id == name.as_str())),
            "person" => PERSON_ATTRS.contains(&name.as_str()),
            "case" => CASE_ATTRS.contains(&name.as_str()),
            _ => true,
        };
        if !ok {
            unknown = true;
            let what = if root.as_str() == "answers" || root.as_str() == "item" {
                "field"
            } else {
                "attribute"
            };
            rep.at_in(
                path,
                src,
                name.start(),
                format!("unknown {what} `{}.{}`", root.as_str(), name.as_str()),
            );
        }
    }
    if unknown {
        return;
    }
    let answers: serde_json::Map<String, J> = scope
        .form
        .fields
        .iter()
        .map(|f| (f.id.clone(), sample(scope.form, f)))
        .collect();
    let mut env = Env::new(chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap_or_default())
        .with("answers", &J::Object(answers))
        .with("person", &sample_person())
        .with("case", &sample_case());
    if let Some(fields) = scope.item {
        let item: serde_json::Map<String, J> = fields
            .iter()
            .map(|f| (f.id.clone(), sample(scope.form, f)))
            .collect();
        env.set("item", &J::Object(item));
    }
    if let Some(field) = scope.value {
        env.set("value", &sample(scope.form, field));
    }
    match expr.eval(&env) {
        Err(e) => rep.at_in(path, src, 0, format!("type error: {e}")),
        Ok(v) => {
            let fits = match expect {
                Expect::Bool => v.is_boolean(),
                Expect::Field(kind) => match kind {
                    FieldType::Boolean => v.is_boolean(),
                    FieldType::Integer => v.is_i64(),
                    FieldType::Decimal => v.is_number(),
                    FieldType::MultiChoice | FieldType::Repeat => v.is_array(),
                    _ => v.is_string(),
                },
            };
            if !fits {
                let wanted = match expect {
                    Expect::Bool => "true or false".to_string(),
                    Expect::Field(k) => format!("a value for a {k:?} field"),
                };
                rep.at_in(
                    path,
                    src,
                    0,
                    format!("type error: gives {}, expected {wanted}", kind_of(&v)),
                );
            }
        }
    }
}

fn member_re() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(answers|item|person|case)\.([A-Za-z_][A-Za-z0-9_]*)")
            .unwrap_or_else(|_| unreachable!())
    })
}

/// Reports languages of `languages` missing from `texts`.
pub(crate) fn check_texts(
    rep: &mut Reporter<'_>,
    path: &[Seg],
    texts: &Texts,
    languages: &[String],
) {
    for lang in languages {
        if texts.get(lang).is_none_or(|t| t.trim().is_empty()) {
            rep.at(path, format!("missing translation `{lang}`"));
        }
    }
}

pub(crate) fn check_languages(rep: &mut Reporter<'_>, languages: &[String]) {
    if languages.is_empty() {
        rep.at(&at!["languages"], "declare at least one language");
    }
    for (i, l) in languages.iter().enumerate() {
        if !KNOWN_LANGUAGES.contains(&l.as_str()) {
            rep.at(
                &at!["languages", i],
                format!("unknown language `{l}` (known: fr, nl, en, de)"),
            );
        }
    }
}

pub(crate) fn lint_form(form: &Form, rep: &mut Reporter<'_>) {
    if !valid_id(&form.id) {
        rep.at(
            &at!["id"],
            format!(
                "invalid id {:?}: use lowercase letters, digits and _",
                form.id
            ),
        );
    }
    check_languages(rep, &form.languages);
    check_texts(rep, &at!["title"], &form.title, &form.languages);
    for (name, list) in &form.choices {
        let mut seen = BTreeSet::new();
        for (i, option) in list.options.iter().enumerate() {
            let path = at!["choices", name.as_str(), "options", i].to_vec();
            if !valid_id(&option.value) {
                rep.at(&path, format!("invalid choice value {:?}", option.value));
            }
            if !seen.insert(option.value.as_str()) {
                rep.at(&path, format!("duplicate choice value {:?}", option.value));
            }
            let mut label = path.clone();
            label.push(Seg::from("label"));
            check_texts(rep, &label, &option.label, &form.languages);
        }
    }
    lint_fields(form, &form.fields, &at!["fields"], None, rep);
}

/// What is wrong with a field's `updates` target, if anything: the detail must exist and
/// the field's type must produce a value of its kind.
fn updates_problem(target: &str, field: &Field, in_repeat: bool) -> Option<String> {
    use crate::model::FieldType as T;
    if in_repeat {
        return Some("a field inside a repeat cannot update the person".into());
    }
    let fits = match target {
        "person.phone" => field.kind == T::Phone,
        "person.email" => field.kind == T::Email,
        "person.postal_code" => field.kind == T::PostalCode,
        "person.language" => field.kind == T::Choice,
        _ => {
            return Some(format!(
                "unknown target {target:?} (known: person.phone, person.email, \
                 person.postal_code, person.language)"
            ))
        }
    };
    (!fits).then(|| format!("a {:?} field cannot update {target}", field.kind))
}

fn lint_fields(
    form: &Form,
    fields: &[Field],
    base: &[Seg],
    parent: Option<&[Field]>,
    rep: &mut Reporter<'_>,
) {
    let mut seen = BTreeSet::new();
    for (i, field) in fields.iter().enumerate() {
        let mut path = base.to_vec();
        path.push(Seg::Index(i));
        let sub = |k: &str| {
            let mut p = path.clone();
            p.push(Seg::from(k));
            p
        };
        if !valid_id(&field.id) {
            rep.at(&sub("id"), format!("invalid field id {:?}", field.id));
        }
        if !seen.insert(field.id.as_str()) {
            rep.at(&sub("id"), format!("duplicate field id {:?}", field.id));
        }
        check_texts(rep, &sub("label"), &field.label, &form.languages);
        if let Some(target) = &field.updates {
            if let Some(problem) = updates_problem(target, field, parent.is_some()) {
                rep.at(&sub("updates"), problem);
            }
        }
        if let Some(help) = &field.help {
            check_texts(rep, &sub("help"), help, &form.languages);
        }
        let is_choice = matches!(field.kind, FieldType::Choice | FieldType::MultiChoice);
        match (&field.choices, is_choice) {
            (None, true) => rep.at(&sub("type"), "a choice field needs `choices`"),
            (Some(c), true) if !form.choices.contains_key(c) => {
                rep.at(&sub("choices"), format!("choices {c:?} are not defined"))
            }
            (Some(_), false) => rep.at(&sub("choices"), "`choices` only applies to choice fields"),
            _ => {}
        }
        match (field.kind, parent) {
            (FieldType::Repeat, Some(_)) => rep.at(
                &sub("type"),
                "a repeat group cannot contain another repeat group",
            ),
            (FieldType::Repeat, None) if field.fields.is_empty() => {
                rep.at(&sub("type"), "a repeat group needs `fields`")
            }
            (FieldType::Repeat, None) => lint_fields(
                form,
                &field.fields,
                &sub("fields"),
                Some(&field.fields),
                rep,
            ),
            (_, _) if !field.fields.is_empty() => {
                rep.at(&sub("fields"), "only repeat groups have sub-fields")
            }
            _ => {}
        }
        let scope = Scope {
            form,
            item: parent,
            value: None,
        };
        if let Some(src) = &field.visible_if {
            check_expr(rep, &sub("visible_if"), src, &scope, Expect::Bool);
        }
        if let Some(src) = &field.compute {
            check_expr(rep, &sub("compute"), src, &scope, Expect::Field(field.kind));
        }
        if let Some(src) = &field.constraint {
            let scope = Scope {
                form,
                item: parent,
                value: Some(field),
            };
            check_expr(rep, &sub("constraint"), src, &scope, Expect::Bool);
            match &field.constraint_message {
                Some(m) => check_texts(rep, &sub("constraint_message"), m, &form.languages),
                None => rep.at(
                    &sub("constraint"),
                    "a constraint needs a `constraint_message`",
                ),
            }
        }
        if let Some(default) = &field.default {
            if normalize(form, field, default).is_err() {
                rep.at(
                    &sub("default"),
                    format!("default is not a valid {:?} value", field.kind),
                );
            }
        }
    }
}
