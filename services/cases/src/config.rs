//! The `[cases]` section of the configuration.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CasesConfig {
    /// `tokens` (the token table in the database) or `meilisearch`.
    pub search_backend: String,
    pub meilisearch_url: Option<String>,
    pub meilisearch_key: Option<secrecy::SecretString>,
    pub meilisearch_index: String,
    /// Closed cases older than this are purged of personal data; 0 keeps them.
    pub retention_days: i64,
}

impl Default for CasesConfig {
    fn default() -> Self {
        Self {
            search_backend: "tokens".into(),
            meilisearch_url: None,
            meilisearch_key: None,
            meilisearch_index: "tracecall_people".into(),
            retention_days: 365,
        }
    }
}

impl CasesConfig {
    pub fn from_kernel(k: &kernel::Kernel) -> Result<Self, String> {
        match &k.config.cases {
            serde_json::Value::Null => Ok(Self::default()),
            v => {
                serde_json::from_value(v.clone()).map_err(|e| format!("[cases] configuration: {e}"))
            }
        }
    }

    pub fn uses_meilisearch(&self) -> bool {
        self.search_backend == "meilisearch"
    }

    /// Whether `k` searches through Meilisearch, read without deserialising the section:
    /// asked once per stored case (an import asks it a million times), and the section was
    /// already validated when the server started.
    pub fn meilisearch_in(k: &kernel::Kernel) -> bool {
        k.config
            .cases
            .get("search_backend")
            .and_then(|v| v.as_str())
            == Some("meilisearch")
    }
}
