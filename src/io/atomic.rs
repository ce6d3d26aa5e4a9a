//! The one way aipath writes a file: a temp file in the same folder, flushed to disk, then renamed over the target,
//! so a reader (or a crash) sees the old file or the new one, whole, never half of either. The state store and
//! `import -o` both write through here.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Yes,
    /// Leave an existing file alone, even one created while we wrote: the error's kind is `AlreadyExists`.
    No,
}

/// The folder a file lives in, `.` for a bare file name.
pub fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new temp file beside `file`, named `<prefix>XXXXXX.tmp` so leftovers are recognisable.
pub fn temp_beside(file: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .tempfile_in(folder_of(file))
}

/// Writes `bytes` to `file` through a temp file named with `prefix`, then makes the rename itself durable.
pub fn write(file: &Path, prefix: &str, bytes: &[u8], replace: Replace) -> std::io::Result<()> {
    let mut temp = temp_beside(file, prefix)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match replace {
        Replace::Yes => temp.persist(file).map(drop).map_err(|e| e.error)?,
        Replace::No => temp
            .persist_noclobber(file)
            .map(drop)
            .map_err(|e| e.error)?,
    }
    // A folder that cannot be opened for this is not worth failing over: the rename has happened.
    if let Ok(d) = File::open(folder_of(file)) {
        let _ = d.sync_all();
    }
    Ok(())
}
