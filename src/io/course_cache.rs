//! A large path file's course through the cache (see [`super::cache`]): the parsed path, and for each module's guide
//! its front matter and checklist, each keyed by the size and hash of the guide's text, in the path's module order
//! (a map by module id cost 5,000 keys to allocate, hash and look up again on the largest path).
//!
//! The path is reused only while the path file is unchanged; each guide's facts only while its text is. Every guide
//! is still read (its text is what the hash is checked against, and what `show` renders), so an edited guide is
//! parsed again, alone. A course loaded this way is the course [`super::loader`] makes: the same checks run on it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::cache::{self, Stamp};
use super::loader;
use crate::course::{Course, GuideFile};
use crate::guide::FrontMatter;
use crate::path::LearningPath;

/// What the cache keeps of a course.
#[derive(Serialize, Deserialize)]
struct Entry {
    path: LearningPath,
    /// One per module of `path`, in its order.
    guides: Vec<Facts>,
}

/// What a module's guide text says, and which text it was (where it was found does not change what it says).
#[derive(Serialize, Deserialize)]
struct Facts {
    module: String,
    size: usize,
    hash: u64,
    front: FrontMatter,
    checklist: Option<Checklist>,
}

/// A guide's checklist items: as byte ranges of the guide's text when each item's text is found there as it is (a
/// plain `- [ ] item` line; it halves what an entry holds), else as texts.
#[derive(Serialize, Deserialize)]
enum Checklist {
    #[serde(rename = "at")]
    At(Vec<(usize, usize)>),
    #[serde(rename = "texts")]
    Texts(Vec<String>),
}

impl Checklist {
    fn of(items: &[String], text: &str) -> Checklist {
        let at: Option<Vec<(usize, usize)>> = items
            .iter()
            .map(|item| {
                text.find(item.as_str())
                    .map(|start| (start, start + item.len()))
            })
            .collect();
        match at {
            Some(at) => Checklist::At(at),
            None => Checklist::Texts(items.to_vec()),
        }
    }

    /// The items' texts, from the guide's text the entry was made from (its size and hash were just checked).
    /// `None` for a range that does not fall on the text's characters, which only a damaged entry can have.
    fn texts(self, text: &str) -> Option<Vec<String>> {
        match self {
            Checklist::At(at) => at
                .into_iter()
                .map(|(start, end)| text.get(start..end).map(str::to_string))
                .collect(),
            Checklist::Texts(texts) => Some(texts),
        }
    }
}

/// Loads the course of the path file `file`, whose text has just been read, with its guides looked up from `dir`.
pub fn load(file: &Path, text: String, dir: PathBuf) -> Result<Course> {
    let Some(stamp) = Stamp::of(file, text.as_bytes()) else {
        loader::path_within_budget(file, &text)?;
        return loader::from_text(Cow::Owned(text), file.to_path_buf(), Some(dir));
    };
    let (same_path, cached) = match cache::get_same_build::<Entry>("course", &stamp) {
        Some((same, entry)) => (same, Some(entry)),
        None => (false, None),
    };
    let (path, facts) = match cached {
        Some(Entry { path, guides }) => (same_path.then(|| path.checked()).flatten(), guides),
        None => (None, Vec::new()),
    };
    let mut changed = path.is_none();
    let path = match path {
        Some(path) => path,
        None => {
            loader::path_within_budget(file, &text)?;
            loader::parse_path(&text, file)?
        }
    };
    drop(text);
    let (known, dropped) = line_up(&path, facts);
    // Guides of modules the path no longer has are dropped from the entry.
    changed |= dropped;
    let read = read_guides(&path, &dir, known)?;
    let mut guides = HashMap::with_capacity(path.modules.len());
    let mut texts = Vec::with_capacity(read.len());
    for (def, read) in path.modules.iter().zip(read) {
        let guide = match read {
            Read::Same(file, text, f) => {
                texts.push((f.size, f.hash));
                let checklist = f.checklist.and_then(|c| c.texts(&text));
                GuideFile::known(file, text, f.front, checklist)
            }
            Read::New(guide, size, hash) => {
                changed = true;
                texts.push((size, hash));
                guide
            }
        };
        guides.insert(def.id.clone(), guide);
    }
    let course = Course::new(path, file.to_path_buf(), guides)?;
    if changed {
        let guides = course
            .path
            .modules
            .iter()
            .zip(texts)
            .filter_map(|(def, (size, hash))| {
                let guide = course.guide(&def.id).ok()?;
                Some(FactsRef {
                    module: &def.id,
                    size,
                    hash,
                    front: &guide.front,
                    checklist: guide.checklist().map(|c| Checklist::of(c, &guide.text)),
                })
            })
            .collect();
        let entry = EntryRef {
            path: &course.path,
            guides,
        };
        cache::put("course", &stamp, &entry);
    }
    Ok(course)
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

/// A module's guide as read: the same text as the entry's, with the facts the entry holds of it (its file and
/// text); or a new or changed one, parsed here (front matter and checklist), with its size and hash.
enum Read {
    Same(PathBuf, Cow<'static, str>, Facts),
    New(GuideFile, usize, u64),
}

/// Every module's guide, in module order, read by two threads: on a path of thousands of modules, opening and
/// reading the files is most of what is left to do, and parsing them all, when the cache is empty.
fn read_guides(
    path: &LearningPath,
    dir: &Path,
    mut known: Vec<Option<Facts>>,
) -> Result<Vec<Read>> {
    let folders = loader::guide_folders(Some(dir));
    let read = |defs: &[crate::path::ModuleDef], known: Vec<Option<Facts>>| -> Result<Vec<Read>> {
        defs.iter()
            .zip(known)
            .map(|(def, facts)| {
                let (file, text) = loader::guide_text_unchecked(&def.id, &folders)?;
                let size = text.len();
                let hash = cache::hash(text.as_bytes());
                if let Some(f) = facts.filter(|f| f.size == size && f.hash == hash) {
                    return Ok(Read::Same(file, text, f));
                }
                loader::guide_within_budget(&file, &text)?;
                let guide = GuideFile::new(file, text)?;
                let checklist = guide.parse_checklist();
                Ok(Read::New(
                    GuideFile::known(guide.file, guide.text, guide.front, checklist),
                    size,
                    hash,
                ))
            })
            .collect()
    };
    let (first, second) = path.modules.split_at(path.modules.len() / 2);
    let known_second = known.split_off(first.len());
    std::thread::scope(|scope| {
        let later = scope.spawn(|| read(second, known_second));
        // The first problem in module order is the one reported, as when the guides are read one after another.
        let mut all = read(first, known)?;
        let later = later
            .join()
            .map_err(|_| anyhow::anyhow!("reading the guides failed"))?;
        all.extend(later?);
        Ok(all)
    })
}

/// [`Entry`] as written, borrowing from the course.
#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a LearningPath,
    guides: Vec<FactsRef<'a>>,
}

/// [`Facts`] as written.
#[derive(Serialize)]
struct FactsRef<'a> {
    module: &'a str,
    size: usize,
    hash: u64,
    front: &'a FrontMatter,
    checklist: Option<Checklist>,
}
