//! The one way aipath writes a file: a temp file in the same folder, flushed to disk, then renamed over the target,
//! so a reader (or a crash) sees the old file or the new one, whole, never half of either. The state store,
//! `import -o` and `man --dir` all write through here.
//!
//! The new file has the permissions of the file it replaces, or, when there is none, what the learner's umask gives
//! any new file: a temp file is made private (0600), and a rename would otherwise hand that on, turning a shared
//! 0664 file into 0600. The rename replaces a symbolic link at the target itself, never the file it points to.

use std::fs::{self, File};
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

/// A new temp file beside `file`, named `<prefix>XXXXXX.tmp` so leftovers are recognisable, with the permissions
/// the umask gives a new file.
pub fn temp_beside(file: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // Created with open(2)'s mode 0666, which the umask then narrows, as for any new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder_of(file))
}

/// Writes `bytes` to `file` through a temp file named with `prefix`, then makes the rename itself durable.
pub fn write(file: &Path, prefix: &str, bytes: &[u8], replace: Replace) -> std::io::Result<()> {
    let mut temp = temp_beside(file, prefix)?;
    // A link's own mode means nothing, and the rename replaces the link, not its target: only a plain file's
    // permissions carry over.
    if let Ok(meta) = fs::symlink_metadata(file)
        && meta.file_type().is_file()
    {
        temp.as_file().set_permissions(meta.permissions())?;
    }
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
