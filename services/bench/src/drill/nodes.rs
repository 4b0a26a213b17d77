//! The three `tracecall serve` processes, each with its own port and data directory, all on
//! the database through the balancer; a node is killed with SIGKILL and started again on the
//! same port, as a supervisor (systemd, Kubernetes) would.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context};

/// What every node and every `tracecall` command of the drill shares.
#[derive(Clone)]
pub struct Env {
    pub exe: PathBuf,
    pub database_url: String,
    pub master_key: String,
    pub public_url: String,
    pub exporter_endpoint: String,
    /// Shared by the nodes, as the Kubernetes volume is: checkpoints and the erasure journal.
    pub shared_dir: PathBuf,
}

impl Env {
    /// A `tracecall` command with the drill's configuration.
    pub fn command(&self, data_dir: &Path) -> Command {
        let mut c = Command::new(&self.exe);
        c.env("TRACECALL_DATABASE_URL", &self.database_url)
            .env("TRACECALL_MASTER_KEY", &self.master_key)
            .env("TRACECALL_PUBLIC_URL", &self.public_url)
            .env("TRACECALL_EXPORTER__ENDPOINT", &self.exporter_endpoint)
            .env("TRACECALL_EXPORTER__RETRY_BASE_MS", "200")
            .env("TRACECALL_EXPORTER__RETRY_MAX_MS", "2000")
            .env("TRACECALL_AUDIT__CHECKPOINT_DIR", &self.shared_dir)
            .env("TRACECALL_LOG__FILTER", "warn")
            .env("TRACECALL_DATABASE__MAX_CONNECTIONS", "30")
            .arg("--data-dir")
            .arg(data_dir);
        c
    }

    /// Runs a `tracecall` command to its end, feeding `stdin`; its output.
    pub fn run(&self, data_dir: &Path, args: &[&str], stdin: &str) -> anyhow::Result<String> {
        use std::io::Write;
        let mut child = self
            .command(data_dir)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("tracecall {args:?}"))?;
        if let Some(mut s) = child.stdin.take() {
            s.write_all(stdin.as_bytes())?;
        }
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!(
                "tracecall {args:?} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// One application node.
pub struct Node {
    pub port: u16,
    dir: PathBuf,
    child: Option<Child>,
    pub restarts: u32,
}

impl Node {
    pub fn new(dir: PathBuf, port: u16) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self {
            port,
            dir,
            child: None,
            restarts: 0,
        })
    }

    /// Starts `tracecall serve` and returns once it says it is serving (the line it prints
    /// after binding its port).
    pub async fn start(&mut self, env: &Env) -> anyhow::Result<()> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("node.log"))?;
        let mut child = env
            .command(&self.dir)
            .args(["serve", "--listen", &format!("127.0.0.1:{}", self.port)])
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .context("starting tracecall serve")?;
        let stdout = child.stdout.take().context("the node's standard output")?;
        self.child = Some(child);
        let line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
                .map(|_| line)
        })
        .await??;
        if line.starts_with("tracecall is serving at ") {
            return Ok(());
        }
        let status = self.child.as_mut().map(|c| c.wait()).transpose()?;
        bail!(
            "node on port {} did not start ({status:?}); see {}",
            self.port,
            self.dir.join("node.log").display()
        )
    }

    /// SIGKILL: no shutdown, no flush, no goodbye to the clients.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        if let Some(mut c) = self.child.take() {
            c.kill()?;
            c.wait()?;
        }
        Ok(())
    }

    /// Kills the node and starts it again.
    pub async fn crash_and_restart(&mut self, env: &Env) -> anyhow::Result<()> {
        self.kill()?;
        self.restarts += 1;
        self.start(env).await
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}
