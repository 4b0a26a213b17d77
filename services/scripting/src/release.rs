//! Releases: a script published together with its form and the blocks it calls, as one
//! immutable, content-addressed unit. The address is the SHA-256 of the canonical JSON (struct
//! fields in declaration order, maps sorted), so the same content always has the same hash and
//! publishing it again makes no new release.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::lint::Library;
use crate::model::{Block, Field, Form, Node, Script};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseContent {
    pub script: Script,
    pub form: Form,
    pub blocks: BTreeMap<String, Block>,
}

/// A file's name as an author knows it: from its `scripts/` or `forms/` folder on
/// (`scripts/blocks/identity.toml`), wherever the content was read from (the repository, a
/// `--content` folder, the copy embedded in the binary).
fn authoring_path(path: &std::path::Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let from = parts
        .iter()
        .rposition(|p| p == "scripts" || p == "forms")
        .unwrap_or(parts.len().saturating_sub(1));
    parts[from..].join("/")
}

impl ReleaseContent {
    /// The release of `script_id` from a linted library (`None` if a part is missing).
    pub fn from_library(lib: &Library, script_id: &str) -> Option<Self> {
        let (script, _) = lib.scripts.get(script_id)?;
        let (form, _) = lib.forms.get(&script.form)?;
        let mut blocks = BTreeMap::new();
        for call in script.nodes.iter().filter_map(|n| n.call.as_ref()) {
            let (block, _) = lib.blocks.get(call)?;
            blocks.insert(call.clone(), block.clone());
        }
        Some(Self {
            script: script.clone(),
            form: form.clone(),
            blocks,
        })
    }

    /// The files of `lib` that make script `script_id`'s release (its script, form and
    /// blocks), as `(path, text)`, the same parts [`Self::from_library`] takes.
    pub fn sources_in(lib: &Library, script_id: &str) -> Vec<(String, String)> {
        let Some((script, script_file)) = lib.scripts.get(script_id) else {
            return Vec::new();
        };
        let mut files = vec![script_file];
        files.extend(lib.forms.get(&script.form).map(|(_, f)| f));
        for call in script.nodes.iter().filter_map(|n| n.call.as_ref()) {
            files.extend(lib.blocks.get(call).map(|(_, f)| f));
        }
        let mut out: Vec<(String, String)> = files
            .into_iter()
            .map(|f| (authoring_path(&f.path), f.text.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    pub fn canonical(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical().as_bytes()))
    }

    /// Every node, block nodes named `block/node`.
    fn nodes(&self) -> BTreeMap<String, &Node> {
        let mut out: BTreeMap<String, &Node> = self
            .script
            .nodes
            .iter()
            .map(|n| (n.id.clone(), n))
            .collect();
        for (id, b) in &self.blocks {
            out.extend(b.nodes.iter().map(|n| (format!("{id}/{}", n.id), n)));
        }
        out
    }

    /// Every field, sub-fields named `group.field`.
    fn fields(&self) -> BTreeMap<String, Field> {
        let mut out = BTreeMap::new();
        for f in &self.form.fields {
            for sub in &f.fields {
                out.insert(format!("{}.{}", f.id, sub.id), sub.clone());
            }
            let mut top = f.clone();
            top.fields.clear();
            out.insert(f.id.clone(), top);
        }
        out
    }
}

/// What changed between two releases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Diff {
    pub nodes_added: Vec<String>,
    pub nodes_removed: Vec<String>,
    pub nodes_changed: Vec<String>,
    pub fields_added: Vec<String>,
    pub fields_removed: Vec<String>,
    pub fields_changed: Vec<String>,
}

fn compare<T: PartialEq>(
    a: &BTreeMap<String, T>,
    b: &BTreeMap<String, T>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let added = b.keys().filter(|k| !a.contains_key(*k)).cloned().collect();
    let removed = a.keys().filter(|k| !b.contains_key(*k)).cloned().collect();
    let changed = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k.clone())
        .collect();
    (added, removed, changed)
}

pub fn diff(old: &ReleaseContent, new: &ReleaseContent) -> Diff {
    let (nodes_added, nodes_removed, nodes_changed) = compare(&old.nodes(), &new.nodes());
    let (fields_added, fields_removed, fields_changed) = compare(&old.fields(), &new.fields());
    Diff {
        nodes_added,
        nodes_removed,
        nodes_changed,
        fields_added,
        fields_removed,
        fields_changed,
    }
}

impl std::fmt::Display for Diff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let groups = [
            ("+ node", &self.nodes_added),
            ("- node", &self.nodes_removed),
            ("~ node", &self.nodes_changed),
            ("+ field", &self.fields_added),
            ("- field", &self.fields_removed),
            ("~ field", &self.fields_changed),
        ];
        let mut any = false;
        for (sign, items) in groups {
            for item in items {
                writeln!(f, "{sign} {item}")?;
                any = true;
            }
        }
        if !any {
            writeln!(f, "no differences")?;
        }
        Ok(())
    }
}
