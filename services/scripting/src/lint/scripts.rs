//! Lint of scripts and blocks: structure, translations, references to the form, expressions,
//! placeholders, and the graph (unreachable nodes, nodes from which no end can be reached,
//! which is also how a loop with no way out shows).

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;

use super::forms::{
    check_expr, check_languages, check_texts, Expect, Scope, CASE_ATTRS, PERSON_ATTRS,
};
use super::source::{Seg, SourceFile};
use super::{valid_id, Diagnostic, Library, Reporter};
use crate::at;
use crate::model::{Block, Form, Node, Script};

fn node_path(i: usize, key: &str) -> Vec<Seg> {
    at!["nodes", i, key].to_vec()
}

/// Checks that hold for a node list on its own (script or block).
fn lint_graph(
    rep: &mut Reporter<'_>,
    nodes: &[Node],
    start: &str,
    languages: &[String],
    in_block: bool,
) {
    let mut ids = BTreeSet::new();
    for (i, n) in nodes.iter().enumerate() {
        if !valid_id(&n.id) {
            rep.at(&node_path(i, "id"), format!("invalid node id {:?}", n.id));
        }
        if !ids.insert(n.id.as_str()) {
            rep.at(&node_path(i, "id"), format!("duplicate node id {:?}", n.id));
        }
    }
    if !ids.contains(start) {
        rep.at(
            &at!["start"],
            format!("start node {start:?} does not exist"),
        );
    }
    for (i, n) in nodes.iter().enumerate() {
        for (key, texts) in [("say", &n.say), ("hint", &n.hint)] {
            if let Some(t) = texts {
                check_texts(rep, &node_path(i, key), t, languages);
            }
        }
        let terminal = n.end.is_some() || n.returns;
        if n.end.is_some() && n.returns {
            rep.at(
                &node_path(i, "return"),
                "a node cannot both end the call and return",
            );
        }
        if terminal && !n.next.is_empty() {
            rep.at(
                &node_path(i, "next"),
                "an end (or return) node has no `next`",
            );
        }
        if terminal && n.call.is_some() {
            rep.at(
                &node_path(i, "call"),
                "an end (or return) node cannot call a block",
            );
        }
        if !terminal && n.next.is_empty() {
            rep.at(
                &node_path(i, "id"),
                format!("node {:?} has no `next` and is not an end", n.id),
            );
        }
        if n.returns && !in_block {
            rep.at(
                &node_path(i, "return"),
                "`return` is only for nodes of blocks",
            );
        }
        if in_block && n.call.is_some() {
            rep.at(&node_path(i, "call"), "blocks cannot call other blocks");
        }
        for (j, t) in n.next.iter().enumerate() {
            if !ids.contains(t.goto.as_str()) {
                rep.at(
                    &at!["nodes", i, "next", j, "goto"],
                    format!("goto {:?}: no such node", t.goto),
                );
            }
            if t.condition.is_none() && j + 1 != n.next.len() {
                rep.at(
                    &at!["nodes", i, "next", j],
                    "a transition without `if` must come last",
                );
            }
        }
    }
    // Reachability from the start.
    let by_id: BTreeMap<&str, &Node> = nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut seen = BTreeSet::from([start]);
    let mut todo = vec![start];
    while let Some(id) = todo.pop() {
        for t in by_id.get(id).map(|n| n.next.as_slice()).unwrap_or(&[]) {
            if seen.insert(t.goto.as_str()) {
                todo.push(t.goto.as_str());
            }
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        if ids.contains(start) && !seen.contains(n.id.as_str()) {
            rep.at(
                &node_path(i, "id"),
                format!("node {:?} cannot be reached from the start", n.id),
            );
        }
    }
}

/// Fixpoint: which nodes can reach a node satisfying `done`, given extra ways out.
fn can_finish(nodes: &[Node], done: impl Fn(&Node, &BTreeSet<String>) -> bool) -> BTreeSet<String> {
    let mut ok = BTreeSet::new();
    loop {
        let before = ok.len();
        for n in nodes {
            if !ok.contains(&n.id) && (done(n, &ok) || n.next.iter().any(|t| ok.contains(&t.goto)))
            {
                ok.insert(n.id.clone());
            }
        }
        if ok.len() == before {
            return ok;
        }
    }
}

pub(crate) fn lint_block(block: &Block, rep: &mut Reporter<'_>) {
    if !valid_id(&block.id) {
        rep.at(&at!["id"], format!("invalid id {:?}", block.id));
    }
    check_languages(rep, &block.languages);
    if let Some(t) = &block.title {
        check_texts(rep, &at!["title"], t, &block.languages);
    }
    lint_graph(rep, &block.nodes, &block.start, &block.languages, true);
    let ok = can_finish(&block.nodes, |n, _| n.end.is_some() || n.returns);
    for (i, n) in block.nodes.iter().enumerate() {
        if !ok.contains(&n.id) {
            rep.at(&node_path(i, "id"), format!("neither an end nor a return can be reached from node {:?} (a loop with no way out?)", n.id));
        }
    }
}

/// Checks of a node's content against the form it will run with.
fn lint_node_content(
    rep: &mut Reporter<'_>,
    form: &Form,
    nodes: &[Node],
    for_script: Option<&str>,
    case_types: &[String],
) {
    let suffix = for_script
        .map(|s| format!(" (in script {s:?})"))
        .unwrap_or_default();
    let scope = Scope {
        form,
        item: None,
        value: None,
    };
    for (i, n) in nodes.iter().enumerate() {
        for (j, f) in n.fields.iter().enumerate() {
            if form.field(f).is_none() {
                rep.at(
                    &at!["nodes", i, "fields", j],
                    format!("unknown field {f:?}: not in form {:?}{suffix}", form.id),
                );
            }
        }
        for (j, t) in n.next.iter().enumerate() {
            if let Some(src) = &t.condition {
                check_expr(
                    rep,
                    &at!["nodes", i, "next", j, "if"],
                    src,
                    &scope,
                    Expect::Bool,
                );
            }
        }
        for key in ["say", "hint"] {
            let texts = if key == "say" { &n.say } else { &n.hint };
            for (lang, text) in texts.iter().flatten() {
                for m in placeholder_re().captures_iter(text) {
                    let (Some(whole), Some(inner)) = (m.get(0), m.get(1)) else {
                        continue;
                    };
                    if let Some(problem) = placeholder_problem(inner.as_str(), form, case_types) {
                        rep.at_in(
                            &at!["nodes", i, key, lang.as_str()],
                            text,
                            whole.start(),
                            format!("{problem}{suffix}"),
                        );
                    }
                }
            }
        }
    }
}

fn placeholder_re() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\{\{\s*([^{}]*?)\s*\}\}").unwrap_or_else(|_| unreachable!()))
}

fn placeholder_problem(inner: &str, form: &Form, case_types: &[String]) -> Option<String> {
    let ok = match inner.split_once('.') {
        Some(("person", a)) => PERSON_ATTRS.contains(&a),
        Some(("case", a)) => {
            if let Some(only) = filled_only_for(a) {
                if case_types != [only] {
                    return Some(format!(
                        "{{{{{inner}}}}} has a value only for {only} cases: declare \
                         case_types = [\"{only}\"] (on other cases the agent would read a gap)"
                    ));
                }
            }
            CASE_ATTRS.contains(&a)
        }
        Some(("answers", f)) => form.field(f).is_some(),
        Some(("agent", "name")) => true,
        _ => false,
    };
    (!ok).then(|| format!("unknown placeholder {{{{{inner}}}}}"))
}

/// The case type that alone fills a case attribute: index cases have a test date, contacts
/// an exposure date and an index case.
fn filled_only_for(attr: &str) -> Option<&'static str> {
    match attr {
        "test_date" => Some("index"),
        "exposure_date" | "index_case_code" => Some("contact"),
        _ => None,
    }
}

/// The case types a script may declare.
pub(crate) const CASE_TYPES: [&str; 2] = ["index", "contact"];

fn lint_case_types(rep: &mut Reporter<'_>, script: &Script) {
    if script.kind == crate::model::ScriptKind::Inbound && !script.case_types.is_empty() {
        rep.at(
            &at!["case_types"],
            "case_types is for outbound scripts: an inbound call may be about any case",
        );
    }
    for (i, t) in script.case_types.iter().enumerate() {
        if !CASE_TYPES.contains(&t.as_str()) {
            rep.at(
                &at!["case_types", i],
                format!("unknown case type {t:?} (known: index, contact)"),
            );
        }
    }
}

pub(crate) fn lint_script(
    script: &Script,
    lib: &Library,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    let mut rep = Reporter { file, out };
    if !valid_id(&script.id) {
        rep.at(&at!["id"], format!("invalid id {:?}", script.id));
    }
    check_languages(&mut rep, &script.languages);
    check_texts(&mut rep, &at!["title"], &script.title, &script.languages);
    lint_case_types(&mut rep, script);
    lint_graph(
        &mut rep,
        &script.nodes,
        &script.start,
        &script.languages,
        false,
    );
    let Some((form, _)) = lib.forms.get(&script.form) else {
        rep.at(
            &at!["form"],
            format!("form {:?} does not exist", script.form),
        );
        return;
    };
    for lang in &script.languages {
        if !form.languages.contains(lang) {
            rep.at(
                &at!["languages"],
                format!("the form {:?} is not translated to `{lang}`", form.id),
            );
        }
    }
    lint_node_content(&mut rep, form, &script.nodes, None, &script.case_types);
    // Blocks: exist, and their content fits this script's form.
    let mut asked: BTreeSet<&str> = script
        .nodes
        .iter()
        .flat_map(|n| n.fields.iter().map(String::as_str))
        .collect();
    let mut block_flags: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for (i, n) in script.nodes.iter().enumerate() {
        let Some(call) = &n.call else { continue };
        match lib.blocks.get(call) {
            None => rep.at(
                &node_path(i, "call"),
                format!("block {call:?} does not exist"),
            ),
            Some((block, block_file)) => {
                asked.extend(
                    block
                        .nodes
                        .iter()
                        .flat_map(|n| n.fields.iter().map(String::as_str)),
                );
                let ends = can_finish(&block.nodes, |n, _| n.end.is_some());
                let returns = can_finish(&block.nodes, |n, _| n.returns);
                block_flags.insert(
                    call.as_str(),
                    (ends.contains(&block.start), returns.contains(&block.start)),
                );
                let mut block_rep = Reporter {
                    file: block_file,
                    out: rep.out,
                };
                lint_node_content(
                    &mut block_rep,
                    form,
                    &block.nodes,
                    Some(&script.id),
                    &script.case_types,
                );
                for lang in &script.languages {
                    if !block.languages.contains(lang) {
                        rep.at(
                            &node_path(i, "call"),
                            format!("block {call:?} is not translated to `{lang}`"),
                        );
                    }
                }
            }
        }
    }
    // From every node an end must be reachable, going through blocks.
    let ok = can_finish(&script.nodes, |n, ok| {
        n.end.is_some()
            || n.call
                .as_deref()
                .and_then(|c| block_flags.get(c))
                .is_some_and(|(ends, returns)| {
                    *ends || (*returns && n.next.iter().any(|t| ok.contains(&t.goto)))
                })
    });
    for (i, n) in script.nodes.iter().enumerate() {
        if !ok.contains(&n.id) {
            rep.at(
                &node_path(i, "id"),
                format!(
                    "no end can be reached from node {:?} (a loop with no way out?)",
                    n.id
                ),
            );
        }
    }
    // Every required field the agent types is asked somewhere.
    for f in &form.fields {
        if f.required && f.compute.is_none() && !asked.contains(f.id.as_str()) {
            rep.at(
                &at!["form"],
                format!(
                    "required field {:?} of form {:?} is asked by no node",
                    f.id, form.id
                ),
            );
        }
    }
}
