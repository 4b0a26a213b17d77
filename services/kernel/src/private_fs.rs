//! Files only the service's own user may read: the data directory is created `0700`, the
//! SQLite database (and so its `-wal` and `-shm` files, which SQLite creates with the
//! database's permissions) `0600`, key files `0600`. Personal data is sealed anyway; this
//! keeps other local users from copying the sealed data and the generated master key.

use std::path::Path;

use crate::error::{Error, Result};

/// Creates `dir` (and missing parents) readable by its owner only; an existing directory is
/// left as it is (it may be the operator's, with permissions of their choosing).
pub fn private_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| Error::Config(format!("cannot create {}: {e}", dir.display())))
}

/// Creates an empty file `path` readable by its owner only, unless it exists already.
pub fn private_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Created meanwhile by another process starting on the same data directory.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::Config(format!(
            "cannot create {}: {e}",
            path.display()
        ))),
    }
}

/// Writes `body` to `tmp`, flushes it to disk, then renames it to `path`: a reader sees the
/// whole file or none, even after a crash.
pub fn write_durably(tmp: &Path, path: &Path, body: &[u8]) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| Error::Internal(format!("{}: {e}", path.display()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(tmp).map_err(io)?;
    file.write_all(body).map_err(io)?;
    file.sync_all().map_err(io)?;
    std::fs::rename(tmp, path).map_err(io)?;
    if let Some(parent) = path.parent() {
        // The rename itself must reach the disk too.
        if let Ok(dir) = std::fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

/// Appends one line to `path` (created `0600`) and flushes it to disk before returning.
pub fn append_line_durably(path: &Path, line: &str) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| Error::Internal(format!("{}: {e}", path.display()));
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let created = !path.exists();
    let mut file = options.open(path).map_err(io)?;
    // After a line cut short by a crash, start on a line of its own.
    let len = file.metadata().map_err(io)?.len();
    let mut text = String::new();
    if len > 0 && !ends_with_newline(path, len)? {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    file.write_all(text.as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)?;
    if created {
        // The new file's directory entry must reach the disk too.
        if let Some(dir) = path.parent().and_then(|p| std::fs::File::open(p).ok()) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn ends_with_newline(path: &Path, len: u64) -> Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let io = |e: std::io::Error| Error::Internal(format!("{}: {e}", path.display()));
    let mut f = std::fs::File::open(path).map_err(io)?;
    f.seek(SeekFrom::Start(len - 1)).map_err(io)?;
    let mut last = [0u8; 1];
    f.read_exact(&mut last).map_err(io)?;
    Ok(last[0] == b'\n')
}
