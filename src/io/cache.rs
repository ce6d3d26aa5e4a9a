//! A cache of what the state and large path files parse to: a state file of thousands of sessions and a path of
//! thousands of modules are megabytes of YAML, which took most of a command's time to parse, every time; and even a
//! small state's YAML, read by a parser the process has not run yet, was the largest part of `aipath next`'s own work
//! on the built-in path.
//!
//! The cache is never trusted over the file. Each use reads the file itself and compares its size, its modification
//! time and a hash of its bytes with those the entry was made from; any difference, or an entry this very binary did
//! not write (it is keyed by the executable's size and modification time too), is a miss, and the file is parsed as
//! before. A large path's guides, thousands of small files, are the one exception: a guide not edited for a while is
//! known by its file's metadata, as git and make know files (see [`super::course_cache`]). An entry holds the parsed
//! value as JSON, which parses several times faster than the YAML it came from.
//! The state is always kept; a path file only from [`MIN_BYTES`] up (a small path parses faster than its guides'
//! entry could be checked).
//!
//! Where: the platform cache folder (`~/.cache/aipath/` on Linux, `~/Library/Caches/aipath/` on macOS,
//! `%LOCALAPPDATA%\aipath\cache\` on Windows), or `AIPATH_CACHE=FOLDER`; `AIPATH_CACHE=off` turns it off. Deleting
//! the folder at any time is harmless. An entry is written through a temp file and a rename, so a reader sees a
//! whole entry or none; a cache that cannot be written is not an error.
//!
//! An entry is read as untrusted input, like the files it stands for: only a regular file within the size limit (a
//! named pipe in its place would otherwise hang every command), and its body only when it hashes to what its header
//! says (a byte changed on disk could otherwise still parse, as a wrong title or count). That catches damage, not a
//! forger: whoever can write the cache folder can as well write the state file it stands for.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::UNIX_EPOCH;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::input;
use super::store::{Decoded, decode};
use crate::progress::{STATE_VERSION, State};

/// Path files smaller than this are parsed directly, with their guides: a 64 KiB path parses in about a millisecond.
pub const MIN_BYTES: usize = 64 * 1024;

/// Bumped when what an entry holds changes shape in a way the executable's identity would not catch.
/// 2: the header holds the body's hash beside the stamp.
const FORMAT: u32 = 2;

/// What an entry was made from: the file's size, modification time and bytes, and the binary that wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    format: u32,
    build: String,
    file: PathBuf,
    size: u64,
    /// Nanoseconds since the Unix epoch; `None` where the platform gives no modification time.
    mtime: Option<u128>,
    hash: u64,
}

impl Stamp {
    /// The stamp of `file` as read now: its metadata, and the bytes the caller has just read from it. `None` when the
    /// cache is off or there is no binary to key it by.
    pub fn of(file: &Path, bytes: &[u8]) -> Option<Stamp> {
        let build = build_id()?.clone();
        let meta = fs::metadata(file).ok()?;
        Some(Stamp::new(
            build,
            file,
            &meta,
            bytes.len() as u64,
            hash(bytes),
        ))
    }

    /// The stamp of `file` as it is now, its bytes hashed as they are read and not kept: a file of megabytes the
    /// cache knows need not be held whole. For a text (`text`), a byte-order mark at its start is not hashed, as
    /// [`input::read_text`] does not keep it: the stamp is then the one [`Stamp::of`] gives of the text. `None` when
    /// the cache is off, or the file cannot be read (the caller then reads it whole, which says why).
    pub fn read(file: &Path, what: &str, text: bool) -> Option<Stamp> {
        let build = build_id()?.clone();
        let mut hasher = Hasher::new();
        let mut first = true;
        let meta = input::read_pieces(file, what, &mut |piece| {
            // The first piece is whole (at least the mark's three bytes) unless the file is shorter.
            let piece = match first && text {
                true => piece.strip_prefix(input::BOM.as_bytes()).unwrap_or(piece),
                false => piece,
            };
            first = false;
            hasher.write(piece);
        })
        .ok()?;
        Some(Stamp::new(
            build,
            file,
            &meta,
            hasher.written(),
            hasher.finish(),
        ))
    }

    fn new(build: String, file: &Path, meta: &fs::Metadata, size: u64, hash: u64) -> Stamp {
        Stamp {
            format: FORMAT,
            build,
            // Absolute, as the entry's name is: `--path big.yaml` in its folder and `--path /…/big.yaml` elsewhere
            // name one file, and should not replace each other's entry at every run.
            file: std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()),
            size,
            mtime: meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map(|d| d.as_nanos()),
            hash,
        }
    }

    /// The size of what was hashed.
    pub fn size(&self) -> u64 {
        self.size
    }
}

/// An entry's first line: what it was made from, and the hash of the body (the JSON value on the lines after).
#[derive(Serialize, Deserialize)]
struct Header {
    stamp: Stamp,
    body: u64,
}

/// A JSON value of an entry's body, its text checked as UTF-8 once, in one pass, rather than string by string as
/// the parser would.
pub fn json<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    serde_json::from_str(std::str::from_utf8(bytes).ok()?).ok()
}

/// The body of the entry this same binary keeps for this file, checked against its header's hash, and whether it
/// was made from the file as it is now: for an entry written in parts by [`put_body`].
pub fn get_body(kind: &str, stamp: &Stamp) -> Option<(bool, Body)> {
    let bytes = input::read_bytes(&entry_file(kind, &stamp.file)?, "cache entry").ok()?;
    let split = bytes.iter().position(|&b| b == b'\n')?;
    let (header, body) = (&bytes[..split], &bytes[split + 1..]);
    let header: Header = serde_json::from_slice(header).ok()?;
    let found = header.stamp;
    if (found.format, &found.build, &found.file) != (stamp.format, &stamp.build, &stamp.file)
        || hash(body) != header.body
    {
        return None;
    }
    Some((
        found == *stamp,
        Body {
            bytes,
            start: split + 1,
        },
    ))
}

/// An entry's body: the entry as read, from after its header line.
pub struct Body {
    bytes: Vec<u8>,
    start: usize,
}

impl std::ops::Deref for Body {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

/// Keeps `body` as the entry of the file with this stamp, as it is (its parts are the caller's to read back with
/// [`get_body`]). Best effort: a failure leaves the cache as it was.
pub fn put_body(kind: &str, stamp: &Stamp, body: &[u8]) -> Option<()> {
    let target = entry_file(kind, &stamp.file)?;
    let dir = target.parent()?;
    fs::create_dir_all(dir).ok()?;
    let mut header = serde_json::to_vec(&Header {
        stamp: stamp.clone(),
        body: hash(body),
    })
    .ok()?;
    header.push(b'\n');
    let mut temp = tempfile::Builder::new()
        .prefix(".entry-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .ok()?;
    temp.write_all(&header).ok()?;
    temp.write_all(body).ok()?;
    // No fsync: an entry lost or cut short by a crash is a miss, never a wrong answer (the header must match, and
    // the body hash to what it says).
    temp.persist(&target).ok()?;
    Some(())
}

/// Set by [`turn_off`].
static OFF: AtomicBool = AtomicBool::new(false);

/// Turns the cache off for the rest of this process, whatever `AIPATH_CACHE` says: for the programs that link
/// aipath's library to check or time its parsing (the fixture generator, the benchmarks, the tests that run the
/// generator), which must neither read a learner's entries nor leave theirs in the learner's cache folder.
pub fn turn_off() {
    OFF.store(true, Ordering::Relaxed);
}

/// The cache folder, or `None` when it is off or there is no home folder.
fn dir() -> Option<PathBuf> {
    if OFF.load(Ordering::Relaxed) {
        return None;
    }
    match std::env::var_os("AIPATH_CACHE") {
        Some(v) if v.is_empty() || v == "off" => None,
        Some(v) => Some(PathBuf::from(v)),
        None => {
            directories::ProjectDirs::from("", "", "aipath").map(|d| d.cache_dir().to_path_buf())
        }
    }
}

/// The entry of one source file: `<kind>-<hash of its path>.json`.
fn entry_file(kind: &str, file: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let name = format!(
        "{kind}-{:016x}.json",
        hash(absolute.as_os_str().as_encoded_bytes())
    );
    Some(dir()?.join(name))
}

/// This binary's identity: its version, and its executable's size and modification time, so an entry written by
/// another build (whose types may differ) is never read. `None` when the cache is off.
fn build_id() -> Option<&'static String> {
    static ID: OnceLock<Option<String>> = OnceLock::new();
    ID.get_or_init(|| {
        dir()?;
        let exe = std::env::current_exe().ok()?;
        let meta = fs::metadata(exe).ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(format!(
            "{}-{}-{mtime}",
            env!("CARGO_PKG_VERSION"),
            meta.len()
        ))
    })
    .as_ref()
}

/// A 64-bit hash of `bytes`: four independent multiply-rotate lanes over 32-byte blocks, then a mix. Fast (a
/// megabyte in well under a millisecond) and more than enough to tell an edited file, with the size and time beside.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = Hasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// [`hash`] of bytes given in pieces, as they are read: the same value as of them all at once.
pub struct Hasher {
    lanes: [u64; 4],
    len: u64,
    /// The start of a block the pieces so far have not completed.
    held: [u8; 32],
    held_len: usize,
}

const K: [u64; 4] = [
    0x9E37_79B9_7F4A_7C15,
    0xC2B2_AE3D_27D4_EB4F,
    0x1656_67B1_9E37_79F9,
    0x85EB_CA77_C2B2_AE63,
];

/// Up to eight bytes as a little-endian word, zero-filled.
fn word(b: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    u64::from_le_bytes(w)
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl Hasher {
    pub fn new() -> Hasher {
        Hasher {
            lanes: K,
            len: 0,
            held: [0; 32],
            held_len: 0,
        }
    }

    pub fn write(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.held_len > 0 {
            let take = (32 - self.held_len).min(bytes.len());
            self.held[self.held_len..self.held_len + take].copy_from_slice(&bytes[..take]);
            self.held_len += take;
            bytes = &bytes[take..];
            if self.held_len < 32 {
                return;
            }
            let block = self.held;
            self.block(&block);
            self.held_len = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            self.block(block);
        }
        let rest = blocks.remainder();
        self.held[..rest.len()].copy_from_slice(rest);
        self.held_len = rest.len();
    }

    fn block(&mut self, block: &[u8]) {
        for (lane, (k, chunk)) in self
            .lanes
            .iter_mut()
            .zip(K.iter().zip(block.chunks_exact(8)))
        {
            *lane = (*lane ^ word(chunk)).wrapping_mul(*k).rotate_left(31);
        }
    }

    /// How many bytes were written.
    pub fn written(&self) -> u64 {
        self.len
    }

    pub fn finish(&self) -> u64 {
        let mut h = self.len.wrapping_mul(K[0]);
        for lane in self.lanes {
            h = (h ^ lane).wrapping_mul(K[1]).rotate_left(27);
        }
        for chunk in self.held[..self.held_len].chunks(8) {
            h = (h ^ word(chunk)).wrapping_mul(K[2]).rotate_left(29);
        }
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    }
}

/// Keeps `state` as what the state file with this stamp decodes to, as two JSON lines: the path it names as
/// active, then the state. The first is read on its own, so that a command can load that path while the state is
/// decoded (see [`known_state_then`]).
fn put_state(stamp: &Stamp, state: &State) {
    let Ok(mut body) = serde_json::to_vec(&state.active) else {
        return;
    };
    // serde_json writes no raw newline: each line is one value.
    body.push(b'\n');
    if serde_json::to_writer(&mut body, state).is_ok() {
        let _ = put_body("state", stamp, &body);
    }
}

/// The entry of the state file as it is now (this stamp): the path it names as active, and the state's line.
fn state_entry(stamp: &Stamp) -> Option<(Option<String>, Body)> {
    let (true, mut body) = get_body("state", stamp)? else {
        return None;
    };
    let split = body.iter().position(|&b| b == b'\n')?;
    let active = json(&body[..split])?;
    body.start += split + 1;
    Some((active, body))
}

/// The state an entry's line holds, where it is in this build's format and names the path its first line says.
fn state_of(line: &[u8], active: &Option<String>) -> Option<State> {
    json::<State>(line).filter(|state| state.version == STATE_VERSION && state.active == *active)
}

/// The state of a state file this build's cache knows, hashed as it is read rather than read whole; `None` when it
/// has no entry of the file as it is now (or the file cannot be read: [`decode_state`] then says why).
pub fn known_state(file: &Path) -> Option<State> {
    let (active, body) = state_entry(&Stamp::read(file, "state file", false)?)?;
    state_of(&body, &active)
}

/// [`known_state`], with `then` given the path the state names as active while the state is decoded on another
/// thread: a command on the active path loads it meanwhile, as one given `--path` does (each is about half of its
/// time on a large path). `None`, and `then` not run, when the cache has no entry of the file as it is now; `None`
/// too, `then`'s work lost, in the one case of a large entry that does not decode.
pub fn known_state_then<T>(
    file: &Path,
    then: impl FnOnce(Option<&str>) -> T,
) -> Option<(State, T)> {
    let (active, body) = state_entry(&Stamp::read(file, "state file", false)?)?;
    if body.len() < MIN_BYTES {
        // A small state decodes in less time than a thread takes to start.
        let state = state_of(&body, &active)?;
        return Some((state, then(active.as_deref())));
    }
    std::thread::scope(|scope| {
        let state = scope.spawn(|| state_of(&body, &active));
        let out = then(active.as_deref());
        Some((state.join().ok()??, out))
    })
}

/// [`crate::io::store::decode`] through the cache: a state file in this build's format is read from its entry, and
/// with `keep`, one without an entry is kept as the state it decodes to. A change does not keep it (nor writes an
/// entry for the state it writes): the file is about to be replaced, and `done` or `log` should pay nothing for the
/// cache; the first reading command after it does. Files of an older format are decoded (and migrated) each time,
/// until a change writes them anew.
pub fn decode_state(file: &Path, bytes: &[u8], keep: bool) -> anyhow::Result<Decoded> {
    let stamp = Stamp::of(file, bytes);
    if let Some(state) = stamp
        .as_ref()
        .and_then(state_entry)
        .and_then(|(active, body)| state_of(&body, &active))
    {
        return Ok(Decoded {
            state,
            version: STATE_VERSION,
        });
    }
    let decoded = decode(file, bytes)?;
    if keep
        && let Some(stamp) = stamp
        && decoded.version == STATE_VERSION
    {
        put_state(&stamp, &decoded.state);
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number of hours a state file may hold reads back from an entry as the same `f64`: a hand-edited file
    /// may hold seventeen significant digits, which serde_json's default parser can read one unit in the last place
    /// off, and a change on a cached state writes the hours it was given back to the file.
    #[test]
    fn hours_read_back_from_an_entry_to_the_last_bit() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Uniform in [0, 1), then scaled into a session's (0, 24].
            let hours = ((seed >> 11) as f64 / (1u64 << 53) as f64) * 24.0;
            if hours <= 0.0 {
                continue;
            }
            let json = serde_json::to_string(&hours).unwrap_or_default();
            let back: Option<f64> = serde_json::from_str(&json).ok();
            assert_eq!(back.map(f64::to_bits), Some(hours.to_bits()), "{json}");
        }
    }

    #[test]
    fn the_hash_of_pieces_is_the_hash_of_the_whole() {
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 13 % 256) as u8).collect();
        for len in [0, 1, 31, 32, 33, 64, 100, 300] {
            let whole = hash(&bytes[..len]);
            for cut in [0, 1, 7, 31, 32, 33, 65] {
                let cut = cut.min(len);
                for step in [1, 3, 32, 40, 1000] {
                    let mut hasher = Hasher::new();
                    hasher.write(&bytes[..cut]);
                    for piece in bytes[cut..len].chunks(step) {
                        hasher.write(piece);
                    }
                    assert_eq!(hasher.written(), len as u64);
                    assert_eq!(
                        hasher.finish(),
                        whole,
                        "{len} bytes cut at {cut}, pieces of {step}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_text_read_in_pieces_has_the_stamp_of_its_text_read_whole() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (name, bytes) in [
            ("plain.yaml", "id: x\n".repeat(20_000)),
            (
                "bom.yaml",
                format!("{}{}", input::BOM, "id: x\n".repeat(20_000)),
            ),
        ] {
            let file = dir.path().join(name);
            fs::write(&file, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let text = input::read_text(&file, "path file").unwrap_or_else(|e| panic!("{e:?}"));
            let whole = Stamp::of(&file, text.as_bytes());
            assert!(whole.is_some());
            assert_eq!(Stamp::read(&file, "path file", true), whole, "{name}");
        }
    }

    #[test]
    fn the_hash_tells_one_changed_byte_anywhere() {
        let base: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let h = hash(&base);
        for at in [0, 1, 31, 32, 500, 990, 999] {
            let mut changed = base.clone();
            changed[at] ^= 1;
            assert_ne!(hash(&changed), h, "byte {at}");
        }
        assert_ne!(hash(&base[..999]), h);
        assert_ne!(hash(b""), hash(b"\0"));
        assert_eq!(hash(&base), h);
    }
}
