//! The installation under test and the faults done to it: PostgreSQL primary and standby,
//! HAProxy, three nodes; a node killed, the primary restarted, a failover, a backup restored.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use base64::Engine;
use kernel::clock::SystemClock;
use kernel::config::Config;
use kernel::Kernel;
use rand::Rng;
use secrecy::SecretString;

use super::balancer::Balancer;
use super::check::{self, Acknowledged};
use super::cluster::{free_port, Instance, Pg};
use super::nodes::{Env, Node};

pub struct Rig {
    pub dir: PathBuf,
    pg: Pg,
    pub primary: Instance,
    standby: Instance,
    /// The balancer slot the primary is in (`pg1` or `pg2`).
    primary_slot: &'static str,
    pub balancer: Balancer,
    pub nodes: Vec<Node>,
    pub env: Env,
    backups: u32,
}

impl Rig {
    /// PostgreSQL primary with a synchronous standby, HAProxy, three nodes started.
    pub async fn start(dir: PathBuf, exe: PathBuf, exporter: String) -> anyhow::Result<Self> {
        let pg = Pg::new(&dir.join("pg"), running_as_root())?;
        let primary = pg.init_primary("db1")?;
        let standby = pg.standby_of(&primary, "db2")?;
        pg.replicate(&primary)?;
        let ports = [free_port()?, free_port()?, free_port()?];
        let balancer = Balancer::start(&dir, &ports, primary.port, standby.port)?;
        let key: [u8; 32] = rand::rng().random();
        let env = Env {
            exe,
            database_url: format!(
                "postgres://postgres@127.0.0.1:{}/postgres",
                balancer.pg_port
            ),
            master_key: base64::engine::general_purpose::STANDARD.encode(key),
            public_url: format!("http://127.0.0.1:{}", balancer.http_port),
            exporter_endpoint: exporter,
            shared_dir: dir.join("shared"),
        };
        // The first node migrates before the others start, as in a rollout.
        let mut nodes = Vec::new();
        for (i, port) in ports.iter().enumerate() {
            let mut n = Node::new(dir.join(format!("node{}", i + 1)), *port)?;
            n.start(&env).await?;
            nodes.push(n);
        }
        Ok(Self {
            dir,
            pg,
            primary,
            standby,
            primary_slot: "pg1",
            balancer,
            nodes,
            env,
            backups: 0,
        })
    }

    /// A kernel on `url` with the drill's master key (for seeding and checking).
    pub async fn kernel(&self, url: &str) -> anyhow::Result<Kernel> {
        let mut config = Config::load(None, Some(&self.dir.join("checker")))?;
        config.database_url = Some(SecretString::from(url.to_string()));
        config.master_key = Some(SecretString::from(self.env.master_key.clone()));
        config.database.max_connections = 8;
        Ok(tracecall::boot::open(config, Arc::new(SystemClock)).await?)
    }

    /// Kills node `i` with SIGKILL and starts it again.
    pub async fn kill_node(&mut self, i: usize) -> anyhow::Result<()> {
        let env = self.env.clone();
        self.nodes[i].crash_and_restart(&env).await
    }

    /// An orderly restart of the primary (a minor-version update, a configuration change).
    pub fn restart_postgres(&self) -> anyhow::Result<()> {
        self.pg.restart(&self.primary)
    }

    /// The primary crashes; the standby is promoted and the balancer sends the nodes there;
    /// the old primary is rebuilt as the new standby and synchronous commit resumes.
    pub fn failover(&mut self) -> anyhow::Result<()> {
        self.pg.stop(&self.primary, "immediate")?;
        self.pg.promote(&self.standby)?;
        let new_slot = if self.primary_slot == "pg1" {
            "pg2"
        } else {
            "pg1"
        };
        self.balancer.database_on(new_slot, self.standby.port)?;
        let old_slot = std::mem::replace(&mut self.primary_slot, new_slot);
        std::mem::swap(&mut self.primary, &mut self.standby);
        // The new primary commits alone until its standby streams again.
        let name = self.standby.name.clone();
        self.standby = self.pg.standby_of(&self.primary, &name)?;
        self.pg.replicate(&self.primary)?;
        self.balancer.park(old_slot, self.standby.port)?;
        Ok(())
    }

    /// Takes a base backup while serving, restores it with the WAL archive into a fresh
    /// cluster, and checks it: every answer acknowledged before the backup began is there,
    /// and the audit chain verifies. Returns what was wrong, if anything.
    pub async fn backup_and_restore(
        &mut self,
        started_ms: u64,
        log: &std::path::Path,
    ) -> anyhow::Result<Option<String>> {
        self.backups += 1;
        let backup = self.dir.join(format!("pg/backup-{}", self.backups));
        self.pg.base_backup(&self.primary, &backup, false)?;
        // Close the current WAL segment so the archive holds everything up to now.
        self.pg.sql(&self.primary, "SELECT pg_switch_wal()")?;
        let restored = self
            .pg
            .restore(&backup, &format!("restored-{}", self.backups))?;
        let acked = Acknowledged::read(log)?;
        let k = self.kernel(&restored.url()).await?;
        let (checked, lost) = check::answers(&k, &acked, started_ms).await?;
        k.db.pool().close().await;
        let mut env = self.env.clone();
        env.database_url = restored.url();
        env.shared_dir = self
            .dir
            .join(format!("restored-{}-checkpoints", self.backups));
        let audit = env.run(&self.dir.join("checker"), &["audit", "verify"], "");
        self.pg.stop(&restored, "fast")?;
        std::fs::remove_dir_all(&restored.dir).ok();
        std::fs::remove_dir_all(&backup).ok();
        let mut problems = Vec::new();
        if lost > 0 {
            problems.push(format!(
                "{lost} of {checked} acknowledged answers missing from the restored cluster"
            ));
        }
        if let Err(e) = audit {
            problems.push(format!("audit verify on the restored cluster: {e:#}"));
        }
        Ok((!problems.is_empty()).then(|| problems.join("; ")))
    }

    /// Stops everything (nodes first, then HAProxy and PostgreSQL).
    pub fn stop(&mut self) {
        for n in &mut self.nodes {
            let _ = n.kill();
        }
        let _ = self.pg.stop(&self.primary, "immediate");
        let _ = self.pg.stop(&self.standby, "immediate");
    }
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .is_some_and(|s| s.trim() == "0")
}

/// The drill's script and form, published through the balancer.
pub async fn publish(k: &Kernel, dir: &std::path::Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("scripts"))?;
    std::fs::create_dir_all(dir.join("forms"))?;
    std::fs::write(
        dir.join("scripts/drill.toml"),
        include_str!("content/script.toml"),
    )?;
    std::fs::write(
        dir.join("forms/drill.toml"),
        include_str!("content/form.toml"),
    )?;
    let (diags, _) =
        tracecall::content::publish_clean(k, &[dir.join("scripts"), dir.join("forms")], "drill")
            .await
            .context("publishing the drill script")?;
    anyhow::ensure!(diags.is_empty(), "drill script: {diags:?}");
    Ok(())
}
