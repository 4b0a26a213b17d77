//! The content tracecall ships (call scripts, forms and courses) is built into the binary, so
//! an installed binary started from any directory serves it. At start it is written out to
//! `shipped/` in the data directory and published from there like any folder; `--content DIR`
//! with its own `scripts/` and `forms/` (or `elearning/`) takes precedence, which is how
//! authors try their changes and how a health authority ships its own.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

static SCRIPTS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../scripts");
static FORMS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../forms");
static COURSES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../elearning");
static DOCUMENTS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../documents");
static TOPICS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../topics");
static KB: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../kb");

/// Where to publish from: scripts and forms, then courses, then document templates (the
/// folder itself, not its parent).
#[derive(Debug, Clone)]
pub struct Sources {
    pub scripts: PathBuf,
    pub courses: PathBuf,
    pub documents: PathBuf,
    pub topics: PathBuf,
    /// The knowledge base (`kb/`).
    pub kb: PathBuf,
}

/// `dir` for what it holds, the shipped content (written under `data_dir`) for the rest.
pub fn resolve(dir: &Path, data_dir: &Path) -> anyhow::Result<Sources> {
    let own_scripts = dir.join("scripts").is_dir() && dir.join("forms").is_dir();
    let own_courses = dir.join("elearning").is_dir();
    let own_documents = dir.join("documents").is_dir();
    let own_topics = dir.join("topics").is_dir();
    let own_kb = dir.join("kb").is_dir();
    if own_scripts && own_courses && own_documents && own_topics && own_kb {
        return Ok(Sources {
            scripts: dir.to_path_buf(),
            courses: dir.to_path_buf(),
            documents: dir.join("documents"),
            topics: dir.join("topics"),
            kb: dir.join("kb"),
        });
    }
    let out = data_dir.join("shipped");
    // Written afresh each start, so a newer binary never publishes an older copy.
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    for (name, content) in [
        ("scripts", &SCRIPTS),
        ("forms", &FORMS),
        ("elearning", &COURSES),
        ("documents", &DOCUMENTS),
        ("topics", &TOPICS),
        ("kb", &KB),
    ] {
        let target = out.join(name);
        std::fs::create_dir_all(&target)?;
        content.extract(&target)?;
    }
    tracing::info!(
        scripts = own_scripts,
        courses = own_courses,
        "publishing the shipped content where {} has none",
        dir.display()
    );
    Ok(Sources {
        scripts: if own_scripts {
            dir.to_path_buf()
        } else {
            out.clone()
        },
        courses: if own_courses {
            dir.to_path_buf()
        } else {
            out.clone()
        },
        documents: if own_documents {
            dir.join("documents")
        } else {
            out.join("documents")
        },
        topics: if own_topics {
            dir.join("topics")
        } else {
            out.join("topics")
        },
        kb: if own_kb {
            dir.join("kb")
        } else {
            out.join("kb")
        },
    })
}
