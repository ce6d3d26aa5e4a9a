//! A large path file's course through the cache (see [`super::cache`]): the parsed path, and for each module's guide
//! its front matter and checklist, each keyed by the size and hash of the guide's text.
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
    guides: HashMap<String, Facts>,
}

/// What a guide's text says, and which text it was (where it was found does not change what it says).
#[derive(Serialize, Deserialize)]
struct Facts {
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
    let (path, mut known) = match cached {
        Some(Entry { path, guides }) => (same_path.then(|| path.checked()).flatten(), guides),
        None => (None, HashMap::new()),
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
    let read = read_guides(&path, &dir, &known)?;
    let mut guides = HashMap::with_capacity(path.modules.len());
    let mut texts = Vec::with_capacity(read.len());
    for (def, read) in path.modules.iter().zip(read) {
        let guide = match read {
            Read::Same(file, text, size, hash) => {
                texts.push((size, hash));
                match known.remove(&def.id) {
                    Some(f) => {
                        let checklist = f.checklist.and_then(|c| c.texts(&text));
                        GuideFile::known(file, text, f.front, checklist)
                    }
                    None => GuideFile::new(file, text)?,
                }
            }
            Read::New(guide, size, hash) => {
                changed = true;
                texts.push((size, hash));
                known.remove(&def.id);
                guide
            }
        };
        guides.insert(def.id.clone(), guide);
    }
    // Guides of modules the path no longer has are dropped from the entry.
    changed |= !known.is_empty();
    let course = Course::new(path, file.to_path_buf(), guides)?;
    if changed {
        let guides = course
            .path
            .modules
            .iter()
            .zip(texts)
            .filter_map(|(def, (size, hash))| {
                let guide = course.guide(&def.id).ok()?;
                Some((
                    def.id.as_str(),
                    FactsRef {
                        size,
                        hash,
                        front: &guide.front,
                        checklist: guide.checklist().map(|c| Checklist::of(c, &guide.text)),
                    },
                ))
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

/// A module's guide as read: the same text as the entry's, whose facts are reused (its file, text, size and hash);
/// or a new or changed one, parsed here (front matter and checklist).
enum Read {
    Same(PathBuf, Cow<'static, str>, usize, u64),
    New(GuideFile, usize, u64),
}

/// Every module's guide, in module order, read by two threads: on a path of thousands of modules, opening and
/// reading the files is most of what is left to do, and parsing them all, when the cache is empty.
fn read_guides(
    path: &LearningPath,
    dir: &Path,
    known: &HashMap<String, Facts>,
) -> Result<Vec<Read>> {
    let folders = loader::guide_folders(Some(dir));
    let read = |defs: &[crate::path::ModuleDef]| -> Result<Vec<Read>> {
        defs.iter()
            .map(|def| {
                let (file, text) = loader::guide_text_unchecked(&def.id, &folders)?;
                let size = text.len();
                let hash = cache::hash(text.as_bytes());
                if known
                    .get(&def.id)
                    .is_some_and(|f| f.size == size && f.hash == hash)
                {
                    return Ok(Read::Same(file, text, size, hash));
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
    std::thread::scope(|scope| {
        let later = scope.spawn(|| read(second));
        // The first problem in module order is the one reported, as when the guides are read one after another.
        let mut all = read(first)?;
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
    guides: HashMap<&'a str, FactsRef<'a>>,
}

/// [`Facts`] as written.
#[derive(Serialize)]
struct FactsRef<'a> {
    size: usize,
    hash: u64,
    front: &'a FrontMatter,
    checklist: Option<Checklist>,
}
