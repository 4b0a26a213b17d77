//! Test harness: the real application on port 0 with its own database, the API spoken through
//! typed sessions (`api`, and the endpoints by area in the `*_api` modules), and the real
//! binary for CLI commands (`cli`). Each scenario runs on both backends.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

pub mod admin_api;
pub mod api;
pub mod campaign_api;
pub mod case_api;
pub mod cli;
pub mod content_api;
pub mod imap;
pub mod pg;
pub mod smtp;
pub mod ws;

pub use api::{Answer, Session};
pub use campaign_api::{campaign_body, Launched};
pub use cli::{bin, run_with_stdin, show};

use std::net::SocketAddr;
use std::sync::Arc;

use base64::Engine;
use kernel::auth::users::{self, NewUser};
use kernel::auth::Role;
use kernel::clock::{Clock, SystemClock};
use kernel::config::Config;
use kernel::Kernel;
use secrecy::SecretString;
use tokio::sync::oneshot;

/// Which master keys an app starts with.
pub enum Keys {
    /// Configured: current and previous keys (base64).
    Fixed(String, Vec<String>),
    /// None configured: the key file in the data directory (SQLite only).
    Embedded,
}

/// A test app's database and data directory, kept across a restart.
pub struct Storage {
    pub data_dir: tempfile::TempDir,
    pub database_url: String,
    pub pg: Option<pg::TestDatabase>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one scenario as two tests, `NAME::sqlite` and `NAME::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::Backend::Postgres).await
            }
        }
    };
}

pub const PASSWORD: &str = "correct horse battery";

/// A fixed master key for tests (PostgreSQL refuses to start without one).
pub fn test_master_key() -> String {
    base64::engine::general_purpose::STANDARD.encode([7u8; 32])
}

/// One running application with its own database.
pub struct TestApp {
    pub backend: Backend,
    pub url: String,
    pub addr: SocketAddr,
    pub kernel: Kernel,
    pub data_dir: tempfile::TempDir,
    pub database_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    _pg: Option<pg::TestDatabase>,
}

impl TestApp {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with_clock(backend, Arc::new(SystemClock)).await
    }

    /// Starts with the configuration changed by `configure` (after the test defaults).
    pub async fn start_configured(backend: Backend, configure: impl FnOnce(&mut Config)) -> Self {
        Self::start_full(
            backend,
            Arc::new(SystemClock),
            Keys::Fixed(test_master_key(), Vec::new()),
            None,
            configure,
        )
        .await
    }

    /// As [`Self::start_configured`], on `clock`.
    pub async fn start_configured_on(
        backend: Backend,
        clock: Arc<dyn Clock>,
        configure: impl FnOnce(&mut Config),
    ) -> Self {
        Self::start_full(
            backend,
            clock,
            Keys::Fixed(test_master_key(), Vec::new()),
            None,
            configure,
        )
        .await
    }

    pub async fn start_with_clock(backend: Backend, clock: Arc<dyn Clock>) -> Self {
        Self::start_with(
            backend,
            clock,
            Keys::Fixed(test_master_key(), Vec::new()),
            None,
            None,
        )
        .await
    }

    /// Starts with the given keys, on a fresh database or on `reuse` (from [`TestApp::into_storage`]).
    pub async fn start_with(
        backend: Backend,
        clock: Arc<dyn Clock>,
        keys: Keys,
        reuse: Option<Storage>,
        cases_config: Option<serde_json::Value>,
    ) -> Self {
        Self::start_full(backend, clock, keys, reuse, |config| {
            if let Some(c) = cases_config {
                config.cases = c;
            }
        })
        .await
    }

    async fn start_full(
        backend: Backend,
        clock: Arc<dyn Clock>,
        keys: Keys,
        reuse: Option<Storage>,
        configure: impl FnOnce(&mut Config),
    ) -> Self {
        // Server logs go to the test's captured output, shown when a test fails.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("warn")
            .with_test_writer()
            .try_init();
        let Storage {
            data_dir,
            database_url,
            pg,
        } = match reuse {
            Some(s) => s,
            None => {
                let data_dir = tempfile::tempdir().unwrap();
                match backend {
                    Backend::Sqlite => Storage {
                        database_url: format!(
                            "sqlite://{}",
                            data_dir.path().join("test.db").display()
                        ),
                        data_dir,
                        pg: None,
                    },
                    Backend::Postgres => {
                        let db = pg::TestDatabase::create().await;
                        Storage {
                            database_url: db.url.clone(),
                            data_dir,
                            pg: Some(db),
                        }
                    }
                }
            }
        };
        let mut config = Config::load(None, Some(data_dir.path())).unwrap();
        config.database_url = Some(SecretString::from(database_url.clone()));
        match keys {
            Keys::Fixed(current, previous) => {
                config.master_key = Some(SecretString::from(current));
                config.previous_master_keys =
                    previous.into_iter().map(SecretString::from).collect();
            }
            Keys::Embedded => config.master_key = None,
        }
        config.database.max_connections = 8;
        // Tests run the export schedule themselves, at the time they choose.
        config.exporter = serde_json::json!({ "schedule": "" });
        configure(&mut config);
        let content_dir = config.data_dir.clone();
        let kernel = tracecall::boot::open(config, clock).await.unwrap();
        // As `serve` does at start: the shipped scripts and forms are published (unchanged
        // content makes no new release), so campaigns can use them.
        let shipped =
            tracecall::shipped::resolve(std::path::Path::new("/nonexistent"), &content_dir)
                .unwrap();
        tracecall::content::publish_at_start(&kernel, &shipped.scripts).await;
        tracecall::content::publish_documents_at_start(&kernel, &shipped.documents).await;
        let (addr, tx, server) = serve(kernel.clone()).await;
        Self {
            backend,
            url: format!("http://{addr}"),
            addr,
            kernel,
            data_dir,
            database_url,
            shutdown: Some(tx),
            server: Some(server),
            _pg: pg,
        }
    }

    /// A second node: another application on this app's database (as a second server
    /// process would be), to test what crosses nodes.
    pub async fn another_node(&self) -> Node {
        let config = (*self.kernel.config).clone();
        let kernel = tracecall::boot::open(config, self.kernel.clock.clone())
            .await
            .unwrap();
        let (addr, tx, server) = serve(kernel.clone()).await;
        Node {
            url: format!("http://{addr}"),
            kernel,
            shutdown: Some(tx),
            server: Some(server),
        }
    }

    /// Stops the server and hands back its storage, to start again on it.
    pub async fn into_storage(mut self) -> Storage {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap();
        }
        self.kernel.db.close().await;
        let pg = self._pg.take();
        let data_dir = std::mem::replace(&mut self.data_dir, tempfile::tempdir().unwrap());
        Storage {
            data_dir,
            database_url: self.database_url.clone(),
            pg,
        }
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) {
        self.halt().await;
    }

    /// Stops the server and closes the database, keeping the data directory (and database)
    /// for what the test does next with the binary.
    pub async fn halt(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap();
        }
        self.kernel.db.close().await;
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// A client with its own cookie jar.
    pub fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }

    /// Creates a user directly and returns its email.
    pub async fn add_user(&self, role: Role, team: Option<&str>) -> String {
        self.add_user_with(role, team, &["fr", "nl"]).await.0
    }

    /// Creates a user speaking `languages`; returns its email and id.
    pub async fn add_user_with(
        &self,
        role: Role,
        team: Option<&str>,
        languages: &[&str],
    ) -> (String, i64) {
        let email = format!("{}-{}@example.test", role, uuid_like());
        if let Some(team) = team {
            // Tests that do not care about jurisdictions get national teams.
            if !kernel::auth::teams::exists(&self.kernel.db, team)
                .await
                .unwrap()
            {
                self.add_team(team, &[]).await;
            }
        }
        let user = users::create(
            &self.kernel.db,
            self.kernel.now(),
            NewUser {
                email: email.clone(),
                name: format!("Test {role}"),
                role,
                team: team.map(str::to_string),
                languages: languages.iter().map(|l| l.to_string()).collect(),
                password: SecretString::from(PASSWORD),
            },
            "test",
            None,
        )
        .await
        .unwrap();
        (email, user.id)
    }

    /// The telephony system announces an inbound call ringing for agent `email` (a new
    /// telephony token, a signed event): the agent is then "in an inbound call".
    pub async fn ring(&self, email: &str) {
        let admin = self.login_as(Role::Admin).await;
        let pbx = admin.new_pbx("pbx").await;
        let event = serde_json::json!({"id": uuid_like(), "event": "ringing",
            "caller": "+32499000000", "agent": email});
        assert_eq!(pbx.post(&event).await.status, 202);
    }

    /// Creates team `name` covering `regions` (region or province names), or the whole
    /// country when `regions` is empty.
    pub async fn add_team(&self, name: &str, regions: &[&str]) {
        kernel::auth::teams::create(
            &self.kernel.db,
            self.kernel.now(),
            &kernel::auth::teams::NewTeam {
                name: name.into(),
                national: regions.is_empty(),
                postal: Vec::new(),
                regions: regions.iter().map(|r| r.to_string()).collect(),
            },
            "test",
            None,
        )
        .await
        .unwrap();
    }

    /// Imports a CSV of people and cases (the import's own API, as `tracecall import` does).
    pub async fn import(&self, csv: String) -> cases::import::ImportReport {
        cases::import::import(
            &self.kernel,
            std::io::Cursor::new(csv.into_bytes()),
            "test",
            &|_| {},
        )
        .await
        .unwrap()
    }

    /// A bare client logged in as `email` (tests use [`TestApp::session`]).
    pub async fn login(&self, email: &str) -> reqwest::Client {
        self.session(email).await.client
    }

    /// A bare logged-in client for a new user of `role` (tests use [`TestApp::login_as`]).
    pub async fn client_as(&self, role: Role) -> reqwest::Client {
        self.login_as(role).await.client
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Serves `kernel`'s application on a loopback port until the returned sender fires.
async fn serve(kernel: Kernel) -> (SocketAddr, oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        tracecall::app::launch(kernel, listener, async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    (addr, tx, server)
}

/// A second application on a test app's database.
pub struct Node {
    pub url: String,
    pub kernel: Kernel,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl Node {
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap();
        }
        self.kernel.db.close().await;
    }
}

/// A short random suffix for unique names.
pub fn uuid_like() -> String {
    use rand::RngCore;
    let mut b = [0u8; 6];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}
