//! A real IMAP server for tests: Debian's dovecot (`tests/run` installs dovecot-imapd),
//! started per test in a temporary directory on a free loopback port, as the `dovecot` user
//! when the tests run as root (dovecot will not serve mail as root) or as the current user.
//! Mail is delivered the way a local delivery agent does it: a file in the Maildir's `new/`.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

pub struct ImapServer {
    pub port: u16,
    pub user: &'static str,
    pub password: &'static str,
    dir: tempfile::TempDir,
    child: Child,
    delivered: usize,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn whoami() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl ImapServer {
    pub fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("tracecall-imap")
            .tempdir()
            .unwrap();
        let root = dir.path();
        let me = whoami();
        let runs_as = if me == "root" {
            "dovecot".to_string()
        } else {
            me
        };
        let maildir = root.join("mail/requests/Maildir");
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir_all(maildir.join(sub)).unwrap();
        }
        std::fs::write(root.join("passwd"), "requests:{PLAIN}secret\n").unwrap();
        let port = free_port();
        let t = root.display();
        let conf = format!(
            "base_dir = {t}/run\nstate_dir = {t}/state\nlog_path = /dev/stderr\n\
             protocols = imap\nlisten = 127.0.0.1\nssl = no\ndisable_plaintext_auth = no\n\
             first_valid_uid = 1\nfirst_valid_gid = 1\n\
             default_internal_user = {runs_as}\ndefault_internal_group = {runs_as}\ndefault_login_user = {runs_as}\n\
             mail_location = maildir:{t}/mail/%u/Maildir\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN {t}/passwd\n}}\n\
             userdb {{\n  driver = static\n  args = uid={runs_as} gid={runs_as} home={t}/mail/%u\n}}\n\
             service imap-login {{\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n  inet_listener imaps {{\n    port = 0\n  }}\n  chroot =\n}}\n\
             service anvil {{\n  chroot =\n}}\n"
        );
        std::fs::write(root.join("dovecot.conf"), conf).unwrap();
        // Everyone may read and write the test's mail: dovecot runs as another user.
        Command::new("chmod")
            .args(["-R", "a+rwX"])
            .arg(root)
            .status()
            .unwrap();
        let mut cmd = if runs_as == "dovecot" {
            let mut c = Command::new("runuser");
            c.args(["-u", "dovecot", "--", "/usr/sbin/dovecot"]);
            c
        } else {
            Command::new("/usr/sbin/dovecot")
        };
        let mut child = cmd
            .arg("-F")
            .arg("-c")
            .arg(root.join("dovecot.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dovecot (tests/run installs dovecot-imapd)");
        // Ready when the master says it started: it binds its listeners before that line.
        // The log goes on being read (into the test's output) so dovecot never blocks on it.
        let mut log = BufReader::new(child.stderr.take().unwrap());
        let mut seen = String::new();
        loop {
            let mut line = String::new();
            if log.read_line(&mut line).unwrap() == 0 {
                panic!("dovecot stopped before starting up:\n{seen}");
            }
            seen.push_str(&line);
            if line.contains("starting up") {
                break;
            }
        }
        std::thread::spawn(move || {
            for line in log.lines().map_while(Result::ok) {
                eprintln!("dovecot: {line}");
            }
        });
        Self {
            port,
            user: "requests",
            password: "secret",
            dir,
            child,
            delivered: 0,
        }
    }

    pub fn url(&self) -> String {
        format!("imap://127.0.0.1:{}", self.port)
    }

    /// Delivers `raw` into the mailbox as a local delivery agent would.
    pub fn deliver(&mut self, raw: &[u8]) {
        self.delivered += 1;
        let maildir = self.dir.path().join("mail/requests/Maildir");
        let name = format!(
            "{}.test{}.localhost",
            1_700_000_000 + self.delivered,
            self.delivered
        );
        let tmp = maildir.join("tmp").join(&name);
        let mut f = std::fs::File::create(&tmp).unwrap();
        f.write_all(raw).unwrap();
        drop(f);
        Command::new("chmod")
            .arg("a+rw")
            .arg(&tmp)
            .status()
            .unwrap();
        std::fs::rename(&tmp, maildir.join("new").join(&name)).unwrap();
    }
}

impl Drop for ImapServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The master's children (runuser's grandchildren) end with it; nothing else to stop.
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(self.dir.path().join("dovecot.conf"))
            .status();
    }
}
