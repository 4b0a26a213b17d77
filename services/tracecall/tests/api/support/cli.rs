//! The real `tracecall` binary, for CLI commands: pointed at a test app's database and data
//! directory, fed its standard input, and its output shown when an assertion fails.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use super::TestApp;

impl TestApp {
    /// The real binary, pointed at this app's database and data directory.
    pub fn cli(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracecall"));
        use secrecy::ExposeSecret;
        match &self.kernel.config.master_key {
            Some(k) => cmd.env("TRACECALL_MASTER_KEY", k.expose_secret()),
            None => cmd.env_remove("TRACECALL_MASTER_KEY"),
        };
        if let Some(url) = &self.kernel.config.mail.smtp_url {
            cmd.env("TRACECALL_MAIL__SMTP_URL", url.expose_secret());
        }
        cmd.env("TRACECALL_MAIL__FROM", &self.kernel.config.mail.from);
        if let Some(imap) = self
            .kernel
            .config
            .requests
            .get("imap")
            .and_then(|v| v.as_object())
        {
            for (key, value) in imap {
                if let Some(v) = value.as_str() {
                    cmd.env(
                        format!("TRACECALL_REQUESTS__IMAP__{}", key.to_uppercase()),
                        v,
                    );
                }
            }
        }
        cmd.env("TRACECALL_DATABASE_URL", &self.database_url)
            .env("TRACECALL_LOG__FILTER", "warn")
            .arg("--data-dir")
            .arg(self.data_dir.path());
        cmd
    }

    /// Runs the binary with `args`, feeding `stdin`.
    pub fn run_cli(&self, args: &[&str], stdin: &str) -> Output {
        run_with_stdin(self.cli().args(args), stdin)
    }
}

/// Runs `cmd` to its end, feeding `stdin`, and returns what it printed.
pub fn run_with_stdin(cmd: &mut Command, stdin: &str) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tracecall"))
}

/// Stdout and stderr of a command, for assertion messages.
pub fn show(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
