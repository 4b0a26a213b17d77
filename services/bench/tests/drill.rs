//! The short fault drill (`deploy/drill`): PostgreSQL with a synchronous standby, HAProxy,
//! three nodes under load, and one of each fault (a node killed, PostgreSQL restarted, a
//! failover, a backup restored). Nothing acknowledged may be lost or doubled; the drill's
//! own checker decides and its report is printed.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::Command;

#[test]
fn one_of_each_fault_loses_and_doubles_nothing() {
    let drill = Path::new(env!("CARGO_BIN_EXE_tracecall-drill"));
    // Built beside it by the workspace's tests (tracecall's own tests run it).
    let tracecall = drill.with_file_name("tracecall");
    assert!(
        tracecall.is_file(),
        "{} is missing: run the workspace's tests (tests/run) or cargo build -p tracecall",
        tracecall.display()
    );
    let out = Command::new(drill)
        .arg("--tracecall")
        .arg(&tracecall)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the drill failed:\n{report}");
    // Nothing lost or doubled, and one of each fault injected.
    for line in [
        "orders held twice at once          0",
        "orders lost                        0",
        "acknowledged answers lost          0",
        "exports delivered twice            0",
        "node killed (SIGKILL) and restarted           1",
        "PostgreSQL primary restarted                  1",
        "primary crashed, standby promoted             1",
        "backup taken and restored                     1",
    ] {
        assert!(report.contains(line), "missing {line:?} in:\n{report}");
    }
}
