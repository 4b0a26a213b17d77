//! What the console shows of a call (PROTOCOL.md `Call`, `Field`, `View`), built on the
//! server from the pinned release, the decrypted person and the saved answers. The script's
//! navigation, visibility and validation rules run here, the same code that validates the
//! finished form, so the console can never disagree with what the server will accept.

use std::collections::BTreeSet;

use cases::access::CaseDetail;
use kernel::Kernel;
use scripting::messages::pick;
use scripting::model::Field;
use scripting::release::ReleaseContent;
use scripting::store::ReleaseInfo;
use scripting::validate::{visible, with_computed, Context};
use scripting::walk::{self, Step};
use serde_json::{json, Map, Value};

use crate::calls::{self, Call};
use crate::error::Result;
use crate::replies::{CallView, CaseView, PersonView, ReleaseView, View};

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
        let (case, person) = {
            let mut conn = k.db.pool().acquire().await?;
            let person = cases::store::load_person(k, &mut conn, &case.person_id).await?;
            (cases::dates::with_dates(k, &mut conn, case).await?, person)
        };
        let answers = calls::answers(k, &call).await?;
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
    pub fn view(&self, k: &Kernel, agent_name: &str) -> View {
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
            return View {
                position: position.clone(),
                say: None,
                missing: Vec::new(),
                hint: None,
                fields: Vec::new(),
                visible: Vec::new(),
                end: None,
                next: Step::Waiting,
            };
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
        let next =
            walk::next(&self.content, position, &self.answers, &ctx).unwrap_or(Step::Waiting);
        View {
            visible: v
                .fields
                .iter()
                .filter(|f| shown.contains(*f))
                .cloned()
                .collect(),
            position: v.position,
            say: v.say,
            missing: v.missing,
            hint: v.hint,
            fields: v.fields,
            end: v.end,
            next,
        }
    }

    /// The whole call for the console.
    pub fn to_view(&self, k: &Kernel, agent_name: &str) -> CallView {
        let p = &self.detail.person;
        let c = &self.detail.case;
        CallView {
            call_id: self.call.id.clone(),
            kind: self.call.kind,
            order_id: self.call.order_id,
            case: CaseView {
                code: c.code.clone(),
                case_type: c.case_type,
                status: c.status,
                test_date: c.test_date.clone(),
                exposure_date: c.exposure_date.clone(),
                onset_date: c.onset_date.clone(),
            },
            person: PersonView {
                first_name: p.first_name.clone(),
                last_name: p.last_name.clone(),
                national_number: p.national_number.clone(),
                phone: p.phone.clone(),
                email: p.email.clone(),
                birth_date: p.birth_date.clone(),
                language: p.language.clone(),
                postal_code: p.postal_code.clone(),
            },
            release: ReleaseView {
                id: self.release.id,
                script_id: self.release.script_id.clone(),
                number: self.release.number,
                title: pick(&self.content.script.title, &self.call.language).to_string(),
            },
            languages: self.content.script.languages.clone(),
            language: self.call.language.clone(),
            form: form_fields(&self.content.form, &self.call.language),
            answers: self.answers.clone(),
            path: self.call.path.clone(),
            step_labels: step_labels(&self.content, &self.call.language),
            view: self.view(k, agent_name),
            errors: Vec::new(),
            started_at: self.call.started_at,
            notes: Vec::new(),
        }
    }
}

/// Every position of the script (a node, or `caller/node` inside a block) that asks a
/// question, named by its first question's label in `lang`.
pub fn step_labels(
    content: &ReleaseContent,
    lang: &str,
) -> std::collections::BTreeMap<String, String> {
    let label = |fields: &[String]| {
        fields
            .first()
            .and_then(|id| content.form.field(id))
            .map(|f| pick(&f.label, lang).to_string())
    };
    let mut out = std::collections::BTreeMap::new();
    for node in &content.script.nodes {
        if let Some(text) = label(&node.fields) {
            out.insert(node.id.clone(), text);
        }
        let block = node.call.as_ref().and_then(|b| content.blocks.get(b));
        for inner in block.map(|b| b.nodes.as_slice()).unwrap_or_default() {
            if let Some(text) = label(&inner.fields) {
                out.insert(format!("{}/{}", node.id, inner.id), text);
            }
        }
    }
    out
}

pub use scripting::fields::form_fields;
