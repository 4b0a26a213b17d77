//! A fresh PostgreSQL database per test, cloned from a template that is migrated once per
//! migration set (its name carries a hash of the migrations), so migrations do not rerun for
//! every test. The database is dropped when the test ends, pass or fail.

use sha2::{Digest, Sha256};
use sqlx::{Connection, PgConnection, Row};

/// Where the throwaway cluster is: set by `tests/run`.
pub fn admin_url() -> String {
    std::env::var("TRACECALL_TEST_PG_URL").unwrap_or_else(|_| {
        panic!("TRACECALL_TEST_PG_URL is not set: run the suite with tests/run, which starts PostgreSQL")
    })
}

fn url_for(db: &str) -> String {
    let admin = admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    format!("{base}/{db}")
}

fn template_name() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/postgres");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(std::fs::read(f).unwrap());
    }
    format!("tracecall_tpl_{}", &hex::encode(h.finalize())[..16])
}

pub struct TestDatabase {
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    pub async fn create() -> Self {
        let template = template_name();
        let mut admin = PgConnection::connect(&admin_url()).await.unwrap();
        // One process at a time builds the template or clones from it.
        sqlx::query("SELECT pg_advisory_lock(7351)")
            .execute(&mut admin)
            .await
            .unwrap();
        let exists = sqlx::query("SELECT 1 AS x FROM pg_database WHERE datname = $1")
            .bind(&template)
            .fetch_optional(&mut admin)
            .await
            .unwrap()
            .is_some();
        if !exists {
            sqlx::query(&format!("CREATE DATABASE \"{template}\""))
                .execute(&mut admin)
                .await
                .unwrap();
            let db = kernel::db::Db::connect(&url_for(&template), 2)
                .await
                .unwrap();
            db.migrate().await.unwrap();
            db.close().await;
        }
        let name = format!("t_{}", super::uuid_like());
        sqlx::query(&format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
        ))
        .execute(&mut admin)
        .await
        .unwrap();
        let _ = sqlx::query("SELECT pg_advisory_unlock(7351)")
            .execute(&mut admin)
            .await;
        let _ = admin.close().await;
        Self {
            url: url_for(&name),
            name,
        }
    }

    /// Counts the rows of a query's first column (for tests that look behind the app).
    pub async fn scalar(url: &str, sql: &str) -> i64 {
        let mut c = PgConnection::connect(url).await.unwrap();
        let row = sqlx::query(sql).fetch_one(&mut c).await.unwrap();
        row.try_get::<i64, _>(0).unwrap()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs outside async; a short-lived runtime on its own thread does the work.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    if let Ok(mut admin) = PgConnection::connect(&admin_url()).await {
                        let _ = sqlx::query(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .execute(&mut admin)
                        .await;
                    }
                });
            }
        })
        .join();
    }
}
