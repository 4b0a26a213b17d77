//! HAProxy in front of everything, as in deploy/compose: HTTP and WebSocket to the three
//! nodes (health-checked on `/readyz`), and PostgreSQL to whichever server is the primary.
//! The nodes connect to the database through it, so a failover repoints them without a
//! restart: the drill moves the `pg` backend to the promoted standby on HAProxy's runtime
//! socket, as an operator (or a Patroni callback) would.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context};

use super::cluster::free_port;

pub struct Balancer {
    /// The daemon's process id, from its pid file.
    pid: String,
    socket: PathBuf,
    pub http_port: u16,
    pub pg_port: u16,
}

impl Balancer {
    /// Starts HAProxy for `nodes` (their ports) and the PostgreSQL `primary` port; slot `pg1`
    /// is the primary, slot `pg2` is kept in maintenance for the standby.
    pub fn start(dir: &Path, nodes: &[u16], primary: u16, standby: u16) -> anyhow::Result<Self> {
        let haproxy = which("haproxy").context(
            "HAProxy is not installed (apt-get install haproxy); the drill balances with it",
        )?;
        let (http_port, pg_port) = (free_port()?, free_port()?);
        let socket = dir.join("haproxy.sock");
        let mut cfg = format!(
            "global\n  stats socket {sock} mode 600 level admin\n  maxconn 4000\n\n\
             defaults\n  timeout connect 2s\n  timeout client 120s\n  timeout server 120s\n\
               timeout tunnel 1h\n  timeout client-fin 5s\n\n\
             frontend web\n  mode http\n  bind 127.0.0.1:{http_port}\n  default_backend nodes\n\n\
             backend nodes\n  mode http\n  balance leastconn\n  option httpchk GET /readyz\n\
               http-check expect status 200\n  option redispatch\n  retries 2\n",
            sock = socket.display(),
        );
        for (i, port) in nodes.iter().enumerate() {
            cfg.push_str(&format!(
                "  server n{} 127.0.0.1:{port} check inter 300ms fall 2 rise 1\n",
                i + 1
            ));
        }
        cfg.push_str(&format!(
            "\nlisten pg\n  mode tcp\n  bind 127.0.0.1:{pg_port}\n  option pgsql-check user postgres\n\
               server pg1 127.0.0.1:{primary} check inter 300ms fall 2 rise 1 on-marked-down shutdown-sessions\n\
               server pg2 127.0.0.1:{standby} check inter 300ms fall 2 rise 1 on-marked-down shutdown-sessions disabled\n"
        ));
        let file = dir.join("haproxy.cfg");
        std::fs::write(&file, cfg)?;
        // Daemon mode: the command returns once HAProxy has bound its ports and runtime
        // socket (and fails, saying why, when it cannot), so nothing needs to wait for it.
        let pidfile = dir.join("haproxy.pid");
        let out = Command::new(haproxy)
            .arg("-D")
            .arg("-p")
            .arg(&pidfile)
            .arg("-f")
            .arg(&file)
            .stdout(Stdio::null())
            .output()
            .context("starting haproxy")?;
        if !out.status.success() {
            bail!(
                "haproxy did not start: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let pid = std::fs::read_to_string(&pidfile)?.trim().to_string();
        Ok(Self {
            pid,
            socket,
            http_port,
            pg_port,
        })
    }

    /// One runtime-API command; its answer.
    pub fn command(&self, line: &str) -> anyhow::Result<String> {
        let mut s = UnixStream::connect(&self.socket)?;
        s.write_all(format!("{line}\n").as_bytes())?;
        let mut out = String::new();
        s.read_to_string(&mut out)?;
        Ok(out)
    }

    /// Sends the database traffic to `slot` at `port` only, cutting the other slot's sessions.
    pub fn database_on(&self, slot: &str, port: u16) -> anyhow::Result<()> {
        let other = if slot == "pg1" { "pg2" } else { "pg1" };
        self.command(&format!("set server pg/{other} state maint"))?;
        self.command(&format!("shutdown sessions server pg/{other}"))?;
        self.command(&format!("set server pg/{slot} addr 127.0.0.1 port {port}"))?;
        self.command(&format!("set server pg/{slot} state ready"))?;
        Ok(())
    }

    /// Points the idle `slot` at `port` (a rebuilt standby), kept in maintenance.
    pub fn park(&self, slot: &str, port: u16) -> anyhow::Result<()> {
        self.command(&format!("set server pg/{slot} state maint"))?;
        self.command(&format!("set server pg/{slot} addr 127.0.0.1 port {port}"))?;
        Ok(())
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(&self.pid).status();
    }
}

fn which(program: &str) -> Option<PathBuf> {
    ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]
        .iter()
        .map(|d| Path::new(d).join(program))
        .find(|p| p.is_file())
}
