//! A large path file's course through the cache (see [`super::cache`]): the parsed path, and for each module's guide
//! its front matter and checklist, each keyed by the size and hash of the guide's text, in the path's module order
//! (a map by module id cost 5,000 keys to allocate, hash and look up again on the largest path).
//!
//! The path is reused only while the path file is unchanged; each guide's facts only while its text is. A guide is
//! known to be unchanged in one of two ways:
//!
//! - its file's metadata (device, inode, size, modification and change times) is what it was when the entry's facts
//!   were read from it, and that modification time was already [`SETTLED`] old then. Any write sets the
//!   modification time to the time of the write, which is then later than the one kept; the change time moves even
//!   when a tool puts the modification time back. This is how git and make tell a changed file, and on a path of
//!   thousands of modules it spares opening and reading every guide at every command, which was most of the time
//!   left. The text is then read only when a command needs it ([`GuideFile::unread`]), and checked against the
//!   size and hash the facts were read from;
//! - else its text is read and hashed, as on platforms without these times.
//!
//! Either way, an edited guide is parsed again, alone. A course loaded this way is the course [`super::loader`]
//! makes: the same checks run on it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};

use super::cache::{self, Stamp};
use super::loader;
use crate::course::{Course, GuideFile};
use crate::guide::FrontMatter;
use crate::path::LearningPath;

/// How old a guide's modification time must be, when its facts are read, for its metadata to stand for its text
/// later. A file written again within one tick of its clock (two seconds on FAT) could keep the same time; one
/// older than this cannot be written again at that time.
pub const SETTLED: Duration = Duration::from_secs(3);

/// What a module's guide text says, and which text it was. The cache keeps a course as three JSON lines of one entry:
/// the path's module ids, its path, and its guides' facts (one per module of the path, in its order). The ids come
/// first so that the guides' files can be looked up while the path and the facts are decoded, each on a thread.
#[derive(Serialize, Deserialize)]
struct Facts {
    module: String,
    size: usize,
    hash: u64,
    /// The guide file's metadata when it was read, where it can stand for the text (see the module's notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seen: Option<u64>,
    front: FrontMatter,
    checklist: Option<Vec<String>>,
}

/// Loads the course of the path file `file`, whose bytes have just been read and hashed (`stamp`), with its guides
/// looked up from `dir`.
pub fn load(file: &Path, stamp: Stamp, dir: PathBuf) -> Result<Course> {
    let folders = loader::guide_folders(Some(&dir));
    // Taken before any guide is looked at: a guide written after it is never settled by it.
    let settled_before = SystemTime::now().checked_sub(SETTLED);
    let (path, facts, found) = match cache::get_body("course", &stamp) {
        Some((same_path, body)) => {
            decode(&body, same_path, &folders, settled_before).unwrap_or_default()
        }
        None => (None, Vec::new(), Vec::new()),
    };
    let mut changed = path.is_none();
    // Whether the course is the one the entry was made from: the same path, and each guide's facts the entry's.
    let mut as_before = !changed;
    let (path, stamp) = match path {
        Some(path) => (path, Some(stamp)),
        None => {
            // Not the file the entry was made from, or no entry: the text is read whole and parsed, and an entry is
            // made of that very text.
            let text = loader::read_path_text(file)?;
            loader::path_within_budget(file, &text)?;
            let path = loader::parse_path(&text, file)?;
            (path, Stamp::of(file, text.as_bytes()))
        }
    };
    let (known, dropped) = line_up(&path, facts);
    // Guides of modules the path no longer has are dropped from the entry.
    changed |= dropped;
    as_before &= !dropped;
    let read = read_guides(&path, &folders, settled_before, known, found)?;
    let mut guides = HashMap::with_capacity(path.modules.len());
    let mut texts = Vec::with_capacity(read.len());
    for (def, read) in path.modules.iter().zip(read) {
        let guide = match read {
            Read::Unread(file, f) => {
                texts.push((f.size, f.hash, f.seen));
                let later = read_later(file.clone(), f.size, f.hash);
                GuideFile::unread(file, later, f.front, f.checklist)
            }
            Read::Same(file, text, f, seen) => {
                // A guide read again whose metadata can now stand for it (or changed, with the same text).
                changed |= seen.is_some() && seen != f.seen;
                texts.push((f.size, f.hash, seen));
                GuideFile::known(file, text, f.front, f.checklist)
            }
            Read::New(guide, size, hash, seen) => {
                changed = true;
                as_before = false;
                texts.push((size, hash, seen));
                guide
            }
        };
        guides.insert(def.id.clone(), guide);
    }
    let course = if as_before {
        Course::checked_before(path, file.to_path_buf(), guides)
    } else {
        Course::new(path, file.to_path_buf(), guides)?
    };
    if changed {
        let guides = course
            .path
            .modules
            .iter()
            .zip(texts)
            .filter_map(|(def, (size, hash, seen))| {
                let guide = course.guide(&def.id).ok()?;
                Some(FactsRef {
                    module: &def.id,
                    size,
                    hash,
                    seen,
                    front: &guide.front,
                    checklist: guide.checklist(),
                })
            })
            .collect();
        let ids: Vec<&str> = course.path.module_ids().collect();
        if let (Ok(mut body), Ok(path), Ok(guides)) = (
            serde_json::to_vec(&ids),
            serde_json::to_vec(&course.path),
            serde_json::to_vec::<Vec<FactsRef>>(&guides),
        ) {
            // serde_json writes no raw newline: each line is one value.
            body.push(b'\n');
            body.extend(path);
            body.push(b'\n');
            body.extend(guides);
            if let Some(stamp) = stamp {
                cache::put_body("course", &stamp, &body);
            }
        }
    }
    Ok(course)
}

/// An entry's path (only where the path file is the one it was made from: `same_path`) and guides' facts, each
/// decoded on its own thread, and meanwhile, on two more, the files of the guides of the modules it names, looked up
/// in `folders` (most of what is left to do on a path of thousands of modules). `None` when a line does not decode,
/// which only a damaged entry can cause.
fn decode(
    body: &[u8],
    same_path: bool,
    folders: &[(PathBuf, bool)],
    settled_before: Option<SystemTime>,
) -> Option<(Option<LearningPath>, Vec<Facts>, Vec<Found>)> {
    let mut lines = body.splitn(3, |&b| b == b'\n');
    let (ids, path, facts) = (lines.next()?, lines.next()?, lines.next()?);
    let ids: Vec<String> = cache::json(ids)?;
    std::thread::scope(|scope| {
        let (first, second) = ids.split_at(ids.len() / 2);
        let look_up = |ids: &'_ [String]| -> Vec<Found> {
            ids.iter()
                .map(|id| Found {
                    file: look_up_guide(id, folders, settled_before),
                    id: id.clone(),
                })
                .collect()
        };
        let first = scope.spawn(move || look_up(first));
        let second = scope.spawn(move || look_up(second));
        let facts = scope.spawn(|| cache::json::<Vec<Facts>>(facts));
        // The entry's path is the one the file held when its checks passed.
        let path = match same_path {
            true => Some(cache::json::<LearningPath>(path)?.checked_before()),
            false => None,
        };
        let mut found = first.join().ok()?;
        found.extend(second.join().ok()?);
        Some((path, facts.join().ok()??, found))
    })
}

/// A module's guide file as [`look_up_guide`] finds it: where it is, if anywhere, and what its metadata is worth.
type Guide = Option<(PathBuf, Option<u64>)>;

/// A module's guide file as [`look_up_guide`] found it, before its path was known (see [`decode`]).
struct Found {
    id: String,
    file: Guide,
}

/// The file a module's guide is in (see [`find`]), with what its metadata is worth (see [`seen`]).
fn look_up_guide(
    id: &str,
    folders: &[(PathBuf, bool)],
    settled_before: Option<SystemTime>,
) -> Guide {
    let (file, meta) = find(id, folders)?;
    Some((file, settled_before.and_then(|t| seen(&meta, t))))
}

/// Reads a guide the cache knew unread, when a command needs its text: the text must be the one its facts were
/// read from, else the guide changed while this command ran.
fn read_later(file: PathBuf, size: usize, hash: u64) -> crate::course::ReadLater {
    Box::new(move || {
        let text = loader::guide_file_text(&file)?;
        if text.len() != size || cache::hash(text.as_bytes()) != hash {
            return Err(anyhow!(
                "{}: the guide changed while aipath was reading it; run the command again",
                file.display()
            ));
        }
        Ok(text)
    })
}

/// The entry's facts for each module of `path`, in its order, and whether the entry had facts for modules the path
/// no longer has. By position while the path's modules are the entry's (the entry is of this very path file, most
/// often unchanged), else by module id.
fn line_up(path: &LearningPath, facts: Vec<Facts>) -> (Vec<Option<Facts>>, bool) {
    let in_order = facts.len() == path.modules.len()
        && facts
            .iter()
            .zip(&path.modules)
            .all(|(f, def)| f.module == def.id);
    if in_order {
        return (facts.into_iter().map(Some).collect(), false);
    }
    let mut by_id: HashMap<String, Facts> =
        facts.into_iter().map(|f| (f.module.clone(), f)).collect();
    let known = path
        .modules
        .iter()
        .map(|def| by_id.remove(&def.id))
        .collect();
    (known, !by_id.is_empty())
}

/// A module's guide as the cache finds it: unchanged by its metadata, with the facts the entry holds (its text is
/// read later, if at all); read and the same text as the entry's, with the facts and what the file's metadata is
/// now worth; or a new or changed one, parsed here (front matter and checklist), with its size and hash.
enum Read {
    Unread(PathBuf, Facts),
    Same(PathBuf, Cow<'static, str>, Facts, Option<u64>),
    New(GuideFile, usize, u64, Option<u64>),
}

/// Every module's guide, in module order, by two threads: on a path of thousands of modules, looking up the files is
/// most of what is left to do, and reading and parsing them all, when the cache is empty. The files already `found`
/// are not looked up again, where they are those of the path's modules, in its order.
fn read_guides(
    path: &LearningPath,
    folders: &[(PathBuf, bool)],
    settled_before: Option<SystemTime>,
    mut known: Vec<Option<Facts>>,
    found: Vec<Found>,
) -> Result<Vec<Read>> {
    let mut found: Vec<Option<Guide>> = if found.len() == path.modules.len()
        && found
            .iter()
            .zip(&path.modules)
            .all(|(f, def)| f.id == def.id)
    {
        found.into_iter().map(|f| Some(f.file)).collect()
    } else {
        std::iter::repeat_with(|| None)
            .take(path.modules.len())
            .collect()
    };
    let read = |defs: &[crate::path::ModuleDef],
                known: Vec<Option<Facts>>,
                found: Vec<Option<Guide>>|
     -> Result<Vec<Read>> {
        defs.iter()
            .zip(known)
            .zip(found)
            .map(|((def, facts), found)| {
                // Looked at before the text is read: a write in between leaves metadata that no longer matches.
                let (found, seen) = match found
                    .unwrap_or_else(|| look_up_guide(&def.id, folders, settled_before))
                {
                    Some((file, seen)) => (Some(file), seen),
                    None => (None, None),
                };
                let (file, text, seen, facts) = match (found, facts) {
                    (Some(file), Some(f)) if seen.is_some() && f.seen == seen => {
                        return Ok(Read::Unread(file, f));
                    }
                    (found, facts) => {
                        // Metadata stands only for the file it was taken of (a built-in guide has none).
                        let (file, text) = loader::guide_text_unchecked(&def.id, folders)?;
                        let seen = seen.filter(|_| found.as_ref() == Some(&file));
                        (file, text, seen, facts)
                    }
                };
                let size = text.len();
                let hash = cache::hash(text.as_bytes());
                if let Some(f) = facts.filter(|f| f.size == size && f.hash == hash) {
                    return Ok(Read::Same(file, text, f, seen));
                }
                loader::guide_within_budget(&file, &text)?;
                let guide = GuideFile::new(file, text)?;
                let checklist = guide.parse_checklist();
                Ok(Read::New(guide.with_checklist(checklist), size, hash, seen))
            })
            .collect()
    };
    let (first, second) = path.modules.split_at(path.modules.len() / 2);
    let known_second = known.split_off(first.len());
    let found_second = found.split_off(first.len());
    std::thread::scope(|scope| {
        let later = scope.spawn(|| read(second, known_second, found_second));
        // The first problem in module order is the one reported, as when the guides are read one after another.
        let mut all = read(first, known, found)?;
        let later = later
            .join()
            .map_err(|_| anyhow::anyhow!("reading the guides failed"))?;
        all.extend(later?);
        Ok(all)
    })
}

/// The file a module's guide is in, as the loader finds it (the first of `folders` that has one), with its
/// metadata. `None` when none has one (a built-in guide) or one cannot be looked at: the guide is then read.
fn find(id: &str, folders: &[(PathBuf, bool)]) -> Option<(PathBuf, Metadata)> {
    for (folder, exists) in folders {
        if !exists {
            continue;
        }
        let file = folder.join(id).join("README.md");
        match std::fs::metadata(&file) {
            Ok(meta) => return Some((file, meta)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(_) => return None,
        }
    }
    None
}

/// A regular file's metadata as one number, when it may stand for the file's text: its modification time is
/// before `settled_before`. Only where the platform gives the change time and the file's identity.
#[cfg(unix)]
fn seen(meta: &Metadata, settled_before: SystemTime) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    if !meta.is_file() || meta.modified().ok()? >= settled_before {
        return None;
    }
    let fields = [
        meta.dev(),
        meta.ino(),
        meta.size(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ctime() as u64,
        meta.ctime_nsec() as u64,
    ];
    let bytes: Vec<u8> = fields.iter().flat_map(|f| f.to_le_bytes()).collect();
    Some(cache::hash(&bytes))
}

#[cfg(not(unix))]
fn seen(_meta: &Metadata, _settled_before: SystemTime) -> Option<u64> {
    None
}

/// [`Facts`] as written.
#[derive(Serialize)]
struct FactsRef<'a> {
    module: &'a str,
    size: usize,
    hash: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    seen: Option<u64>,
    front: &'a FrontMatter,
    checklist: Option<&'a [String]>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guide_read_later_must_be_the_text_its_facts_came_from() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("README.md");
        let text = "---\nhours: 3\n---\n\n# A\n";
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        let same = read_later(file.clone(), text.len(), cache::hash(text.as_bytes()));
        assert_eq!(same().ok().as_deref(), Some(text));

        std::fs::write(&file, "---\nhours: 9\n---\n\n# A\n").unwrap_or_else(|e| panic!("{e}"));
        let message = same().err().map(|e| format!("{e:#}")).unwrap_or_default();
        assert!(
            message.contains("README.md: the guide changed while aipath was reading it"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn metadata_stands_for_a_file_only_once_its_time_is_settled() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("README.md");
        std::fs::write(&file, "# A\n").unwrap_or_else(|e| panic!("{e}"));
        let now = SystemTime::now();
        let meta = |file: &Path| std::fs::metadata(file).unwrap_or_else(|e| panic!("{e}"));
        let settled_before = now.checked_sub(SETTLED).unwrap_or(now);
        assert_eq!(seen(&meta(&file), settled_before), None, "just written");
        let old = now - Duration::from_secs(3600);
        let put_back = |file: &Path| {
            std::fs::File::options()
                .write(true)
                .open(file)
                .and_then(|f| f.set_modified(old))
                .unwrap_or_else(|e| panic!("{e}"))
        };
        put_back(&file);
        let first = seen(&meta(&file), settled_before);
        assert!(first.is_some());
        // Written again to the same size, with the time put back: the change time still tells.
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&file, "# B\n").unwrap_or_else(|e| panic!("{e}"));
        put_back(&file);
        let second = seen(&meta(&file), settled_before);
        assert!(second.is_some());
        assert_ne!(second, first);
        // A folder is never known by its metadata.
        assert_eq!(
            seen(&meta(dir.path()), now + Duration::from_secs(3600)),
            None
        );
    }
}
