//! Reading a file someone else may have written: a path file, a guide, a state file synced from another machine.
//!
//! Only a regular file is read, and only up to [`MAX_FILE_BYTES`]: a named pipe given as `--state` hung every
//! command, and a file's size is known before reading it. The text must be UTF-8; a byte-order mark at its start (as
//! some Windows editors write) is dropped. The YAML reader ([`crate::yaml`]) then holds the text to its budgets as it
//! parses.

use std::fs::{self, File, Metadata};
use std::io::Read as _;
use std::path::Path;

use crate::error::located_utf8;

/// The largest file aipath reads from other hands (a path file, a guide, a state file), checked before reading it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The system could not open or read it (it may not exist).
    Io(std::io::Error),
    /// It is there, but aipath will not take it: not a regular file, too big, not UTF-8 text. The message is whole.
    Refused(String),
}

/// Reads a file as text. `what` names it in messages ("path file", "guide", "state file").
pub fn read_text(file: &Path, what: &str) -> Result<String, ReadError> {
    let bytes = read_bytes(file, what)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| ReadError::Refused(located_utf8(file, what, e.as_bytes(), &e.utf8_error())))?;
    Ok(without_bom(text))
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] whole.
pub fn read_bytes(file: &Path, what: &str) -> Result<Vec<u8>, ReadError> {
    let (handle, meta) = open_regular(file, what)?;
    let mut bytes =
        Vec::with_capacity(usize::try_from(meta.len().min(MAX_FILE_BYTES)).unwrap_or(0));
    // A file that grows while it is read stops at the limit plus one byte, enough to know it is over.
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    size_within(file, what, bytes.len() as u64)?;
    Ok(bytes)
}

/// Reads a file as [`read_bytes`] does, with the same checks, but a piece at a time into one small buffer, each
/// piece given to `each` as it is read: for a file that is only hashed, which need not be held whole (a megabyte
/// read into fresh memory costs a page fault every 4 KiB). Every piece but the last fills the buffer. Returns the
/// metadata of what was opened.
pub fn read_pieces(
    file: &Path,
    what: &str,
    each: &mut dyn FnMut(&[u8]),
) -> Result<Metadata, ReadError> {
    const PIECE: usize = 64 * 1024;
    let (handle, meta) = open_regular(file, what)?;
    let mut handle = handle.take(MAX_FILE_BYTES + 1);
    // No bigger than the file needs (a small state's few kilobytes): one byte more, to see its end in one piece.
    let size = usize::try_from(meta.len())
        .unwrap_or(PIECE)
        .saturating_add(1)
        .clamp(4, PIECE);
    let mut buffer = vec![0u8; size];
    let mut total = 0u64;
    loop {
        let mut filled = 0;
        while filled < size {
            match handle.read(&mut buffer[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
        total += filled as u64;
        size_within(file, what, total)?;
        each(&buffer[..filled]);
        if filled < size {
            return Ok(meta);
        }
    }
}

/// Opens a regular file within the size limit for reading, with its metadata as opened.
fn open_regular(file: &Path, what: &str) -> Result<(File, Metadata), ReadError> {
    // The type is checked before opening: opening a named pipe to read waits for a writer, for ever.
    let meta = fs::metadata(file).map_err(ReadError::Io)?;
    regular(file, what, &meta)?;
    if meta.is_file() {
        size_within(file, what, meta.len())?;
    }
    let handle = open(file).map_err(ReadError::Io)?;
    // And again on what was opened, in case the name was swapped for something else in between.
    let meta = handle.metadata().map_err(ReadError::Io)?;
    regular(file, what, &meta)?;
    Ok((handle, meta))
}

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// `text` without a byte-order mark at its start.
pub fn without_bom(mut text: String) -> String {
    if text.starts_with(BOM) {
        text.drain(..BOM.len());
    }
    text
}

/// Refuses a file over [`MAX_FILE_BYTES`].
pub fn size_within(file: &Path, what: &str, bytes: u64) -> Result<(), ReadError> {
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(ReadError::Refused(format!(
        "{}: the {what} is {}, over aipath's limit of {} MiB",
        file.display(),
        shown_size(bytes),
        MAX_FILE_BYTES / (1024 * 1024)
    )))
}

/// A size over the limit, in MiB when that shows it is over, else in bytes.
fn shown_size(bytes: u64) -> String {
    let mib = format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0));
    if mib == format!("{}.0 MiB", MAX_FILE_BYTES / (1024 * 1024)) {
        format!("{bytes} bytes")
    } else {
        mib
    }
}

/// Refuses anything but a regular file. A folder is left to the read, whose own error says what it is.
fn regular(file: &Path, what: &str, meta: &Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() || kind.is_dir() {
        return Ok(());
    }
    Err(ReadError::Refused(format!(
        "{}: the {what} is {}, not a regular file; aipath reads only regular files",
        file.display(),
        kind_name(&kind)
    )))
}

fn kind_name(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    let _ = kind;
    "a special file"
}

/// Opens for reading without waiting: on a named pipe that slipped past the first check, `open` would block until
/// a writer came; with `O_NONBLOCK` it returns at once and the second check refuses it. A regular file reads the
/// same either way.
fn open(file: &Path) -> std::io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(result: Result<String, ReadError>) -> String {
        match result {
            Err(ReadError::Refused(message)) => message,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bom_is_dropped() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("p.yaml");
        fs::write(&file, "\u{feff}id: x\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            read_text(&file, "path file").ok().as_deref(),
            Some("id: x\n")
        );
        assert_eq!(without_bom("\u{feff}\u{feff}a".into()), "\u{feff}a");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("big.yaml");
        let handle = File::create(&file).unwrap_or_else(|e| panic!("{e}"));
        // Sparse: no 20 MiB written, and none read.
        handle
            .set_len(20 * 1024 * 1024)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            refused(read_text(&file, "path file")),
            format!(
                "{}: the path file is 20.0 MiB, over aipath's limit of 16 MiB",
                file.display()
            )
        );
        handle
            .set_len(MAX_FILE_BYTES)
            .unwrap_or_else(|e| panic!("{e}"));
        // At the limit it is read (and is NUL bytes, which are UTF-8).
        assert!(read_text(&file, "path file").is_ok());
    }

    #[test]
    fn a_file_read_in_pieces_is_the_file_read_whole() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("state.yaml");
        for len in [0, 1, 65_535, 65_536, 65_537, 200_000] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            fs::write(&file, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let mut pieces = Vec::new();
            let mut sizes = Vec::new();
            let meta = read_pieces(&file, "state file", &mut |piece| {
                sizes.push(piece.len());
                pieces.extend_from_slice(piece);
            })
            .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(pieces, bytes, "{len} bytes");
            assert_eq!(meta.len(), len as u64);
            // Every piece but the last is whole.
            assert!(
                sizes[..sizes.len() - 1].iter().all(|&n| n == 64 * 1024),
                "{sizes:?}"
            );
        }
        let handle = File::create(&file).unwrap_or_else(|e| panic!("{e}"));
        handle
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            read_pieces(&file, "state file", &mut |_| {}),
            Err(ReadError::Refused(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap_or_else(|e| panic!("mkfifo: {e}"));
        assert!(made.success());
        assert_eq!(
            refused(read_text(&fifo, "state file")),
            format!(
                "{}: the state file is a named pipe (FIFO), not a regular file; aipath reads only regular files",
                fifo.display()
            )
        );
    }
}
