//! PostgreSQL for the drill, set up the way deploy/README.md tells an operator to: a primary
//! archiving its WAL, a hot standby streaming from it synchronously, `pg_basebackup` for
//! standbys and backups, archive recovery for restores. Every instance lives in the drill's
//! scratch directory on loopback; as root, the server programs run as `postgres` (they refuse
//! root).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

/// The PostgreSQL installation and the drill's directories.
pub struct Pg {
    bin: PathBuf,
    /// Where instances, backups and the WAL archive live.
    root: PathBuf,
    /// Run the server programs as `postgres` (we are root).
    as_postgres: bool,
}

/// One PostgreSQL server.
#[derive(Debug, Clone)]
pub struct Instance {
    pub name: String,
    pub dir: PathBuf,
    pub port: u16,
}

impl Instance {
    /// A connection URL straight to this server (not through the load balancer).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

/// A free TCP port on loopback (bound, then released for the program that will listen).
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn run(cmd: &mut Command) -> anyhow::Result<String> {
    let out = cmd
        .output()
        .with_context(|| format!("could not run {cmd:?}"))?;
    if !out.status.success() {
        bail!(
            "{cmd:?} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Pg {
    /// Finds the newest PostgreSQL under `/usr/lib/postgresql` (or `TRACECALL_TEST_PG_BIN`).
    pub fn new(root: &Path, as_postgres: bool) -> anyhow::Result<Self> {
        let bin = match std::env::var("TRACECALL_TEST_PG_BIN") {
            Ok(b) => PathBuf::from(b),
            Err(_) => {
                let mut found: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
                    .context("PostgreSQL is not installed (apt-get install postgresql)")?
                    .flatten()
                    .map(|e| e.path().join("bin"))
                    .filter(|p| p.join("initdb").is_file())
                    .collect();
                found.sort();
                found.pop().context("no initdb under /usr/lib/postgresql")?
            }
        };
        let pg = Self {
            bin,
            root: root.to_path_buf(),
            as_postgres,
        };
        std::fs::create_dir_all(pg.archive())?;
        pg.own(root)?;
        Ok(pg)
    }

    /// The WAL archive every primary writes to (and restores read).
    pub fn archive(&self) -> PathBuf {
        self.root.join("wal-archive")
    }

    fn own(&self, path: &Path) -> anyhow::Result<()> {
        if self.as_postgres {
            run(Command::new("chown").args(["-R", "postgres:"]).arg(path))?;
        }
        Ok(())
    }

    fn cmd(&self, program: &str) -> Command {
        let exe = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    /// The settings every instance shares: loopback only, WAL archived, room for standbys,
    /// and synchronous commit to one standby (set with [`Pg::set_synchronous`]). A restored
    /// copy neither archives (its new timeline must not enter the live cluster's archive,
    /// where a later restore would follow it) nor takes connections before its recovery has
    /// ended, so starting it returns once it accepts writes.
    fn settings(&self, inst: &Instance, restored: bool) -> String {
        let archive = self.archive();
        let on = |yes: bool| if yes { "on" } else { "off" };
        format!(
            "\n# tracecall drill\nlisten_addresses = '127.0.0.1'\nport = {port}\n\
             unix_socket_directories = '{sock}'\nmax_connections = 300\n\
             wal_level = replica\nmax_wal_senders = 10\nhot_standby = {hot}\n\
             wal_keep_size = '256MB'\narchive_mode = {archive}\n\
             archive_command = 'test -f {a}/%f || (cp %p {a}/%f.part && mv {a}/%f.part {a}/%f)'\n\
             restore_command = 'cp {a}/%f %p'\nrecovery_target_timeline = 'latest'\n\
             shared_buffers = '64MB'\nwal_retrieve_retry_interval = '500ms'\n",
            port = inst.port,
            sock = inst.dir.display(),
            a = archive.display(),
            hot = on(!restored),
            archive = on(!restored),
        )
    }

    fn write_settings(&self, inst: &Instance, restored: bool) -> anyhow::Result<()> {
        let conf = inst.dir.join("data/postgresql.conf");
        let mut text = std::fs::read_to_string(&conf)?;
        if let Some(at) = text.find("\n# tracecall drill\n") {
            text.truncate(at);
        }
        text.push_str(&self.settings(inst, restored));
        std::fs::write(&conf, text)?;
        Ok(())
    }

    /// A new primary, initialised and started.
    pub fn init_primary(&self, name: &str) -> anyhow::Result<Instance> {
        let inst = self.instance(name)?;
        run(self
            .cmd("initdb")
            .arg("-D")
            .arg(inst.dir.join("data"))
            .args(["-U", "postgres", "--auth=trust", "-E", "UTF8"]))?;
        self.write_settings(&inst, false)?;
        self.start(&inst)?;
        // The drill's own database, apart from the application's: see [`Pg::replicate`].
        self.sql(&inst, "CREATE DATABASE drill")?;
        self.sql_in(&inst, "drill", "CREATE TABLE replicated (at timestamptz)")?;
        Ok(inst)
    }

    fn instance(&self, name: &str) -> anyhow::Result<Instance> {
        let dir = self.root.join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        self.own(&dir)?;
        Ok(Instance {
            name: name.into(),
            dir,
            port: free_port()?,
        })
    }

    /// A hot standby of `primary` named `name` (an earlier instance of that name is wiped),
    /// streaming from it and started.
    pub fn standby_of(&self, primary: &Instance, name: &str) -> anyhow::Result<Instance> {
        let inst = self.instance(name)?;
        self.base_backup(primary, &inst.dir.join("data"), true)?;
        std::fs::write(
            inst.dir.join("data/postgresql.auto.conf"),
            format!(
                "primary_conninfo = 'host=127.0.0.1 port={} user=postgres application_name={}'\n",
                primary.port, inst.name
            ),
        )?;
        self.own(&inst.dir)?;
        self.write_settings(&inst, false)?;
        self.start(&inst)?;
        Ok(inst)
    }

    /// `pg_basebackup` of `from` into `dir`, WAL included; `standby` adds `standby.signal`.
    pub fn base_backup(&self, from: &Instance, dir: &Path, standby: bool) -> anyhow::Result<()> {
        let mut c = self.cmd("pg_basebackup");
        c.args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-c",
            "fast",
            "-X",
            "stream",
        ])
        .args(["-p", &from.port.to_string()])
        .arg("-D")
        .arg(dir);
        if standby {
            c.arg("-R");
        }
        run(&mut c)?;
        Ok(())
    }

    /// A fresh cluster named `name` from the base backup in `backup`, recovered through the
    /// WAL archive to its end and promoted; returns once it accepts writes.
    pub fn restore(&self, backup: &Path, name: &str) -> anyhow::Result<Instance> {
        let inst = self.instance(name)?;
        run(Command::new("cp")
            .arg("-a")
            .arg(backup)
            .arg(inst.dir.join("data")))?;
        let _ = std::fs::remove_file(inst.dir.join("data/standby.signal"));
        std::fs::write(inst.dir.join("data/recovery.signal"), "")?;
        std::fs::write(inst.dir.join("data/postgresql.auto.conf"), "")?;
        self.own(&inst.dir)?;
        self.write_settings(&inst, true)?;
        // Returns once recovery has ended: the copy takes no connection before (above).
        self.pg_ctl(&inst, &["-w", "-t", "1800", "start"])?;
        Ok(inst)
    }

    /// `pg_ctl ARGS...` on `inst`'s data directory, with its log file.
    fn pg_ctl(&self, inst: &Instance, args: &[&str]) -> anyhow::Result<()> {
        run(self
            .cmd("pg_ctl")
            .arg("-D")
            .arg(inst.dir.join("data"))
            .arg("-l")
            .arg(inst.dir.join("server.log"))
            .args(args))?;
        Ok(())
    }

    pub fn start(&self, inst: &Instance) -> anyhow::Result<()> {
        self.pg_ctl(inst, &["-w", "-t", "120", "start"])
    }

    /// Stops `inst`: `fast` is an orderly shutdown, `immediate` a crash.
    pub fn stop(&self, inst: &Instance, mode: &str) -> anyhow::Result<()> {
        self.pg_ctl(inst, &["-m", mode, "-w", "stop"])
    }

    pub fn restart(&self, inst: &Instance) -> anyhow::Result<()> {
        self.pg_ctl(inst, &["-m", "fast", "-w", "-t", "120", "restart"])
    }

    /// Promotes a standby; returns once it accepts writes.
    pub fn promote(&self, inst: &Instance) -> anyhow::Result<()> {
        self.pg_ctl(inst, &["-w", "-t", "120", "promote"])
    }

    /// Runs one SQL statement on `inst` with psql; its output.
    pub fn sql(&self, inst: &Instance, sql: &str) -> anyhow::Result<String> {
        self.sql_in(inst, "postgres", sql)
    }

    fn sql_in(&self, inst: &Instance, database: &str, sql: &str) -> anyhow::Result<String> {
        Ok(run(self
            .cmd("psql")
            .args(["-h", "127.0.0.1", "-U", "postgres", "-d", database, "-AtX"])
            .args(["-p", &inst.port.to_string(), "-c", sql]))?
        .trim()
        .to_string())
    }

    /// Commits on `primary` wait for one standby (`true`) or for none (`false`): on while a
    /// standby streams, off while the only standby is being rebuilt, as Patroni's
    /// non-strict synchronous mode does, so a failover loses no acknowledged commit and a
    /// primary alone keeps serving.
    pub fn set_synchronous(&self, primary: &Instance, on: bool) -> anyhow::Result<()> {
        let names = if on { "ANY 1 (*)" } else { "" };
        self.sql(
            primary,
            &format!("ALTER SYSTEM SET synchronous_standby_names = '{names}'"),
        )?;
        self.sql(primary, "SELECT pg_reload_conf()")?;
        Ok(())
    }

    /// Turns synchronous commit on for `primary` and returns once a standby confirms it:
    /// the drill's one write commits only when a standby has flushed it, so no polling of the
    /// replication state is needed.
    pub fn replicate(&self, primary: &Instance) -> anyhow::Result<()> {
        self.set_synchronous(primary, true)?;
        self.sql_in(primary, "drill", "INSERT INTO replicated VALUES (now())")?;
        Ok(())
    }
}
