//! Navigating a release during a call: where the agent is (a position: `node`, or
//! `node/block_node` inside a block called from `node`), what the current node shows, and
//! where the answers lead next.

use serde::Serialize;
use serde_json::{Map, Value as J};
use utoipa::ToSchema;

use crate::expr::Expr;
use crate::messages::pick;
use crate::model::{Node, Outcome, Transition};
use crate::release::ReleaseContent;
use crate::validate::{answers_view, with_computed, Context};

/// Where the answers lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// Go to this position.
    Node { position: String },
    /// This position ends the call with this outcome.
    End { position: String, outcome: Outcome },
    /// No transition matches yet: more answers are needed.
    Waiting,
}

/// The node at `position`, and the calling node when inside a block.
pub fn resolve<'a>(
    content: &'a ReleaseContent,
    position: &str,
) -> Option<(&'a Node, Option<&'a Node>)> {
    match position.split_once('/') {
        None => content.script.node(position).map(|n| (n, None)),
        Some((caller, inner)) => {
            let caller = content.script.node(caller)?;
            let block = content.blocks.get(caller.call.as_deref()?)?;
            Some((block.node(inner)?, Some(caller)))
        }
    }
}

fn first_match<'a>(
    content: &ReleaseContent,
    next: &'a [Transition],
    answers: &Map<String, J>,
    ctx: &Context,
) -> Option<&'a Transition> {
    let answers = with_computed(&content.form, answers, ctx);
    let mut env = ctx.env();
    env.set("answers", &answers_view(&content.form.fields, &answers));
    next.iter().find(|t| match &t.condition {
        None => true,
        Some(src) => Expr::parse(src).ok().and_then(|e| e.eval_bool(&env).ok()) == Some(true),
    })
}

/// The step after `position` given `answers`.
pub fn next(
    content: &ReleaseContent,
    position: &str,
    answers: &Map<String, J>,
    ctx: &Context,
) -> Option<Step> {
    let (node, caller) = resolve(content, position)?;
    if let Some(outcome) = node.end {
        return Some(Step::End {
            position: position.to_string(),
            outcome,
        });
    }
    if let (Some(block), None) = (&node.call, caller) {
        let block = content.blocks.get(block)?;
        return Some(Step::Node {
            position: format!("{}/{}", node.id, block.start),
        });
    }
    let (transitions, prefix) = match caller {
        Some(c) if node.returns => (&c.next, None),
        Some(c) => (&node.next, Some(c.id.as_str())),
        None => (&node.next, None),
    };
    Some(match first_match(content, transitions, answers, ctx) {
        None => Step::Waiting,
        Some(t) => Step::Node {
            position: match prefix {
                Some(p) => format!("{p}/{}", t.goto),
                None => t.goto.clone(),
            },
        },
    })
}

/// What the console shows for a node.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NodeView {
    pub position: String,
    /// Text to read aloud, placeholders filled.
    pub say: Option<String>,
    /// Placeholders of `say` the file has no value for (`person.first_name`): shown as
    /// [`MISSING_MARK`] in the text, and named so the console can warn the agent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    pub hint: Option<String>,
    /// Fields captured here.
    pub fields: Vec<String>,
    pub end: Option<Outcome>,
}

pub fn view(
    content: &ReleaseContent,
    position: &str,
    lang: &str,
    answers: &Map<String, J>,
    ctx: &Context,
    agent_name: &str,
) -> Option<NodeView> {
    let (node, _) = resolve(content, position)?;
    let answers = with_computed(&content.form, answers, ctx);
    let fill =
        |t: &crate::model::Texts| fill_placeholders(pick(t, lang), &answers, ctx, agent_name);
    let (say, missing) = match node.say.as_ref().map(fill) {
        Some((text, missing)) => (Some(text), missing),
        None => (None, Vec::new()),
    };
    Some(NodeView {
        position: position.to_string(),
        say,
        missing,
        hint: node.hint.as_ref().map(|t| fill(t).0),
        fields: node.fields.clone(),
        end: node.end,
    })
}

/// What stands in the text for a value the file does not have: brackets an agent does not
/// read aloud (the console also says which value is missing, in the agent's language).
pub const MISSING_MARK: &str = "[?]";

/// Replaces `{{person.x}}`, `{{case.x}}`, `{{answers.x}}` and `{{agent.name}}`. The linter
/// and the campaign's launch keep values from being missing; one still missing (a file with
/// no first name) shows as [`MISSING_MARK`] and is named in the second part, never as a
/// gap the agent would read over.
pub fn fill_placeholders(
    text: &str,
    answers: &Map<String, J>,
    ctx: &Context,
    agent_name: &str,
) -> (String, Vec<String>) {
    let mut missing = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("}}") else {
            out.push_str(&rest[start..]);
            return (out, missing);
        };
        let inner = rest[start + 2..start + len].trim();
        let value = match inner.split_once('.') {
            Some(("person", a)) => ctx.person.get(a).cloned(),
            Some(("case", a)) => ctx.case.get(a).cloned(),
            Some(("answers", a)) => answers.get(a).cloned(),
            Some(("agent", "name")) => Some(J::from(agent_name)),
            _ => None,
        };
        match value {
            Some(J::String(s)) if !s.is_empty() => out.push_str(&s),
            Some(v @ (J::Number(_) | J::Bool(_))) => out.push_str(&v.to_string()),
            _ => {
                out.push_str(MISSING_MARK);
                if !missing.iter().any(|m| m == inner) {
                    missing.push(inner.to_string());
                }
            }
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    (out, missing)
}

/// The path the answers take from the start, and where it stops: the server replays it
/// instead of trusting a client's list of visited nodes. Bounded by the number of nodes, so a
/// cycle in the answers cannot loop forever.
pub fn path(
    content: &ReleaseContent,
    answers: &Map<String, J>,
    ctx: &Context,
) -> (Vec<String>, Step) {
    let limit = 2
        * (content.script.nodes.len()
            + content
                .blocks
                .values()
                .map(|b| b.nodes.len())
                .sum::<usize>())
        + 2;
    let mut position = content.script.start.clone();
    let mut visited = vec![position.clone()];
    for _ in 0..limit {
        match next(content, &position, answers, ctx) {
            Some(Step::Node { position: p }) => {
                visited.push(p.clone());
                position = p;
            }
            Some(step @ Step::End { .. }) => return (visited, step),
            Some(Step::Waiting) | None => return (visited, Step::Waiting),
        }
    }
    (visited, Step::Waiting)
}

/// The fields asked along `positions`.
pub fn asked_fields(
    content: &ReleaseContent,
    positions: &[String],
) -> std::collections::BTreeSet<String> {
    positions
        .iter()
        .filter_map(|p| resolve(content, p))
        .flat_map(|(n, _)| n.fields.iter().cloned())
        .collect()
}
