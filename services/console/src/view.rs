//! What the console shows of a call (PROTOCOL.md `Call`, `Field`, `View`), built on the
//! server from the pinned release, the decrypted person and the saved answers. The script's
//! navigation, visibility and validation rules run here, the same code that validates the
//! finished form, so the console can never disagree with what the server will accept.

use std::collections::BTreeSet;

use cases::access::CaseDetail;
use kernel::Kernel;
use scripting::messages::pick;
use scripting::model::{Field, Form};
use scripting::release::ReleaseContent;
use scripting::store::ReleaseInfo;
use scripting::validate::{visible, with_computed, Context};
use scripting::walk;
use serde_json::{json, Map, Value};

use crate::calls::{self, Call};
use crate::error::Result;

/// A call with everything needed to show it.
pub struct Loaded {
    pub call: Call,
    pub release: ReleaseInfo,
    pub content: ReleaseContent,
    pub detail: CaseDetail,
    pub answers: Map<String, Value>,
}

impl Loaded {
    /// Loads a call's release, case and person (decrypted in memory: the case was opened,
    /// and audited, when the call started) and answers.
    pub async fn load(k: &Kernel, call: Call) -> Result<Self> {
        let (release, content) = scripting::store::get(&k.db, call.release_id).await?;
        let case = cases::access::case_by_id(k, &call.case_id).await?;
        let person = {
            let mut conn = k.db.pool().acquire().await?;
            cases::store::load_person(k, &mut conn, &case.person_id).await?
        };
        let answers = calls::answers(k, &call.id).await?;
        Ok(Self {
            call,
            release,
            content,
            detail: CaseDetail { case, person },
            answers,
        })
    }

    /// What expressions and placeholders read besides the answers.
    pub fn context(&self, k: &Kernel) -> Context {
        let p = &self.detail.person;
        let c = &self.detail.case;
        Context {
            today: k.now().date_naive(),
            person: json!({
                "first_name": p.first_name, "last_name": p.last_name, "birth_date": p.birth_date,
                "phone": p.phone, "email": p.email, "language": p.language,
                "postal_code": p.postal_code, "sex": p.sex, "national_number": p.national_number,
            }),
            case: json!({
                "code": c.code, "case_type": c.case_type, "status": c.status,
                "test_date": c.test_date, "exposure_date": c.exposure_date, "onset_date": c.onset_date,
            }),
        }
    }

    /// The current node as the console shows it.
    pub fn view(&self, k: &Kernel, agent_name: &str) -> Value {
        let ctx = self.context(k);
        let lang = &self.call.language;
        let position = &self.call.position;
        let Some(v) = walk::view(
            &self.content,
            position,
            lang,
            &self.answers,
            &ctx,
            agent_name,
        ) else {
            return json!({"position": position, "say": null, "hint": null, "fields": [], "visible": [], "end": null, "next": {"step": "waiting"}});
        };
        let form = &self.content.form;
        let at_node: Vec<Field> = v
            .fields
            .iter()
            .filter_map(|f| form.field(f).cloned())
            .collect();
        let shown: BTreeSet<String> = visible(
            form,
            &at_node,
            &with_computed(form, &self.answers, &ctx),
            &ctx.env(),
        );
        let next = walk::next(&self.content, position, &self.answers, &ctx)
            .map(|s| serde_json::to_value(s).unwrap_or(Value::Null))
            .unwrap_or(json!({"step": "waiting"}));
        json!({
            "position": v.position, "say": v.say, "hint": v.hint,
            "fields": v.fields, "visible": v.fields.iter().filter(|f| shown.contains(*f)).collect::<Vec<_>>(),
            "end": v.end, "next": next,
        })
    }

    /// The whole call for the console.
    pub fn to_json(&self, k: &Kernel, agent_name: &str) -> Value {
        let p = &self.detail.person;
        let c = &self.detail.case;
        json!({
            "call_id": self.call.id, "kind": self.call.kind, "order_id": self.call.order_id,
            "case": {"code": c.code, "case_type": c.case_type, "status": c.status,
                     "test_date": c.test_date, "exposure_date": c.exposure_date, "onset_date": c.onset_date},
            "person": {"first_name": p.first_name, "last_name": p.last_name,
                       "national_number": p.national_number, "phone": p.phone, "email": p.email,
                       "birth_date": p.birth_date, "language": p.language, "postal_code": p.postal_code},
            "release": {"id": self.release.id, "script_id": self.release.script_id,
                        "number": self.release.number,
                        "title": pick(&self.content.script.title, &self.call.language)},
            "languages": self.content.script.languages,
            "language": self.call.language,
            "form": form_fields(&self.content.form, &self.call.language),
            "answers": self.answers,
            "path": self.call.path,
            "view": self.view(k, agent_name),
            "errors": [],
        })
    }
}

/// The form's fields in `lang`, as the console renders them.
pub fn form_fields(form: &Form, lang: &str) -> Vec<Value> {
    form.fields.iter().map(|f| field(form, f, lang)).collect()
}

fn field(form: &Form, f: &Field, lang: &str) -> Value {
    let choices = f
        .choices
        .as_ref()
        .and_then(|c| form.choices.get(c))
        .map(|list| {
            list.options
                .iter()
                .map(|o| json!({"value": o.value, "label": pick(&o.label, lang)}))
                .collect::<Vec<_>>()
        });
    json!({
        "id": f.id, "type": f.kind, "label": pick(&f.label, lang),
        "help": f.help.as_ref().map(|h| pick(h, lang)),
        "required": f.required, "computed": f.compute.is_some(),
        "choices": choices, "min": f.min, "max": f.max, "max_length": f.max_len(),
        "min_items": f.min_items, "max_items": f.max_items,
        "fields": f.fields.iter().map(|s| field(form, s, lang)).collect::<Vec<_>>(),
    })
}
