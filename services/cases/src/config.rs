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
    /// Searches one person may run per minute; beyond, searches are refused (429), audited
    /// and shown to the supervisors. A caller on the line needs a handful; a script that
    /// walks the population needs thousands.
    pub searches_per_minute: i64,
}

impl Default for CasesConfig {
    fn default() -> Self {
        Self {
            search_backend: "tokens".into(),
            meilisearch_url: None,
            meilisearch_key: None,
            meilisearch_index: "tracecall_people".into(),
            retention_days: 365,
            searches_per_minute: 30,
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

    /// `searches_per_minute`, read without deserialising the section (asked on every search).
    pub fn searches_per_minute_in(k: &kernel::Kernel) -> i64 {
        k.config
            .cases
            .get("searches_per_minute")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(30)
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
