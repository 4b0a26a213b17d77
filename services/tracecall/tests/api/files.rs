//! What the service writes to disk is private to its user: a new data directory is `0700`,
//! the SQLite database and its WAL files and the generated master key `0600`.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_data_directory_and_its_files_are_private() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("fresh").join("data");
    let out = std::process::Command::new(crate::support::bin())
        .env_remove("TRACECALL_DATABASE_URL")
        .env_remove("TRACECALL_MASTER_KEY")
        .env("TRACECALL_LOG__FILTER", "warn")
        .arg("--data-dir")
        .arg(&data)
        .arg("migrate")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::support::show(&out));
    assert_eq!(mode(&data), 0o700, "the data directory");
    assert_eq!(mode(&data.join("tracecall.db")), 0o600, "the database");
    let mut checked = 0;
    for name in ["tracecall.db-wal", "tracecall.db-shm", "master.key"] {
        let path = data.join(name);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{name}");
            checked += 1;
        }
    }
    assert!(
        data.join("master.key").exists(),
        "a SQLite data directory gets a generated key ({checked} files checked)"
    );
}
