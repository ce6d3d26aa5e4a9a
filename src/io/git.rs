//! The git that `aipath sync` drives: the learner's own `git` command, so their credentials, ssh agent and hosts
//! just work. Always called with explicit arguments (never through a shell), always on the data folder's own
//! repository (`--git-dir` and `--work-tree` given, so a data folder inside another repository never reaches it),
//! and with nothing of the learner's configuration that could stop it half-way: no commit signing, no hooks.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Result, anyhow, bail};

/// The branch aipath keeps the progress on, here and on the remote.
pub const BRANCH: &str = "main";
/// The remote-tracking ref of [`BRANCH`] after a fetch.
pub const REMOTE_REF: &str = "refs/remotes/origin/main";

/// A data folder's repository.
#[derive(Debug, Clone)]
pub struct Repo {
    pub dir: PathBuf,
    /// `-c user.name=… -c user.email=…` when the learner has set no identity of their own.
    identity: Vec<String>,
}

/// How a push ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    Done,
    /// Refused, with what git said: the caller fetches to tell a remote that moved from any other refusal.
    Failed(String),
}

impl Repo {
    pub fn at(dir: &Path) -> Repo {
        Repo {
            dir: dir.to_path_buf(),
            identity: Vec::new(),
        }
    }

    /// Whether the data folder has a repository of its own.
    pub fn exists(&self) -> bool {
        self.dir.join(".git").is_dir()
    }

    pub fn git_dir(&self) -> PathBuf {
        self.dir.join(".git")
    }

    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut c = Command::new("git");
        c.arg("--git-dir")
            .arg(self.git_dir())
            .arg("--work-tree")
            .arg(&self.dir)
            .args([
                "-c",
                "commit.gpgSign=false",
                "-c",
                "core.hooksPath=/dev/null",
            ])
            .args(["-c", "core.autocrlf=false", "-c", "core.safecrlf=false"])
            .args(&self.identity)
            .args(args)
            // Messages are matched nowhere, but a learner's locale should not turn them into mojibake in ours.
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        c
    }

    /// Runs git and returns its output whatever its exit status; an error only when git cannot be started.
    pub fn output<I, S>(&self, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = self.command(args);
        command
            .output()
            .map_err(|e| missing(&e).unwrap_or_else(|| anyhow!("cannot run git: {e}")))
    }

    /// Runs git; a non-zero exit is an error that quotes what git said.
    pub fn run<I, S>(&self, args: I) -> Result<String>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<OsStr>,
    {
        let out = self.output(args.clone())?;
        if !out.status.success() {
            let words: Vec<String> = args
                .into_iter()
                .map(|a| a.as_ref().to_string_lossy().into_owned())
                .collect();
            bail!("`git {}` failed: {}", words.join(" "), said(&out));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    }

    /// Runs git and tells whether it exited with 0.
    pub fn succeeds<I, S>(&self, args: I) -> Result<bool>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self.output(args)?.status.success())
    }

    /// Makes the data folder a repository on [`BRANCH`].
    pub fn init(&self) -> Result<()> {
        init(&self.dir, false)
    }

    /// Commits need an author: where the learner has set none, aipath signs as itself rather than fail.
    pub fn with_identity(mut self) -> Result<Repo> {
        if !self.succeeds(["config", "--get", "user.email"])? {
            self.identity = [
                "-c",
                "user.name=aipath",
                "-c",
                "user.email=aipath@localhost",
            ]
            .map(String::from)
            .to_vec();
        }
        Ok(self)
    }

    /// The commit a ref names, if it names one.
    pub fn commit_of(&self, rev: &str) -> Result<Option<String>> {
        let out = self.output([
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }

    /// A file's bytes at a commit, or `None` when the commit has no such file. Refused past `limit` bytes.
    pub fn blob(&self, commit: &str, path: &str, limit: u64) -> Result<Option<Vec<u8>>> {
        let spec = format!("{commit}:{path}");
        let size = self.output(["cat-file", "-s", &spec])?;
        if !size.status.success() {
            return Ok(None);
        }
        let bytes: u64 = String::from_utf8_lossy(&size.stdout)
            .trim()
            .parse()
            .unwrap_or(u64::MAX);
        if bytes > limit {
            bail!(
                "`{path}` in commit {} is {bytes} bytes, more than the {limit} aipath reads",
                short(commit)
            );
        }
        let out = self.output(["cat-file", "blob", &spec])?;
        if !out.status.success() {
            bail!(
                "cannot read `{path}` from commit {}: {}",
                short(commit),
                said(&out)
            );
        }
        Ok(Some(out.stdout))
    }

    /// The files of a commit with their sizes in bytes, by their paths in it.
    pub fn files_with_sizes(&self, commit: &str) -> Result<Vec<(String, u64)>> {
        let out = self.output(["ls-tree", "-r", "-z", "-l", commit])?;
        if !out.status.success() {
            bail!("cannot list commit {}: {}", short(commit), said(&out));
        }
        // Each entry: `<mode> <type> <object> <size>\t<path>`.
        Ok(out
            .stdout
            .split(|&b| b == 0)
            .filter_map(|entry| {
                let tab = entry.iter().position(|&b| b == b'\t')?;
                let size = String::from_utf8_lossy(&entry[..tab])
                    .split_whitespace()
                    .nth(3)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(u64::MAX);
                Some((
                    String::from_utf8_lossy(&entry[tab + 1..]).into_owned(),
                    size,
                ))
            })
            .collect())
    }

    /// The files of a commit, by their paths in it.
    pub fn files(&self, commit: &str) -> Result<Vec<String>> {
        let out = self.output(["ls-tree", "-r", "-z", "--name-only", commit])?;
        if !out.status.success() {
            bail!("cannot list commit {}: {}", short(commit), said(&out));
        }
        Ok(out
            .stdout
            .split(|&b| b == 0)
            .filter(|n| !n.is_empty())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect())
    }

    /// Stages every file `.gitignore` lets in, and commits them on `parents` if the tree differs from the first
    /// parent's (or there is none); moves the branch to the new commit. Returns it, if one was made.
    pub fn commit(&self, parents: &[String], message: &str) -> Result<Option<String>> {
        self.run(["add", "--all", "."])?;
        let tree = self.run(["write-tree"])?;
        if let Some(first) = parents.first()
            && parents.len() == 1
            && self.run(["rev-parse", &format!("{first}^{{tree}}")])? == tree
        {
            return Ok(None);
        }
        let mut args = vec!["commit-tree".to_string(), tree, "-m".into(), message.into()];
        for p in parents {
            args.extend(["-p".to_string(), p.clone()]);
        }
        let commit = self.run(&args)?;
        self.run(["update-ref", "HEAD", &commit])?;
        Ok(Some(commit))
    }

    /// Fetches the remote's branches; an error (quoting git) when the remote cannot be reached.
    pub fn fetch(&self) -> Result<()> {
        let out = self.output(["fetch", "--quiet", "--no-tags", "--prune", "origin"])?;
        if !out.status.success() {
            bail!("cannot reach the remote: {}", said(&out));
        }
        Ok(())
    }

    /// Pushes the branch. To a remote on this machine's disk (a shared drive, a USB stick) git runs the remote's
    /// `receive-pack` here, as the learner, and with it the hooks of whoever wrote that repository: so that
    /// `receive-pack` is told to run none. (A remote reached over a network runs its hooks on its own machine, and
    /// its `receive-pack` cannot be given options.)
    pub fn push(&self) -> Result<Pushed> {
        let target = format!("HEAD:refs/heads/{BRANCH}");
        let url = self.remote_url()?.unwrap_or_default();
        let mut args = vec!["push", "--quiet", "--no-verify"];
        if is_local(&url) {
            args.push("--receive-pack=git -c core.hooksPath=/dev/null receive-pack");
        }
        args.extend(["origin", &target]);
        let out = self.output(args)?;
        Ok(if out.status.success() {
            Pushed::Done
        } else {
            Pushed::Failed(said(&out))
        })
    }

    /// Whether commit `a` is an ancestor of (or the same as) commit `b`.
    pub fn is_ancestor(&self, a: &str, b: &str) -> Result<bool> {
        self.succeeds(["merge-base", "--is-ancestor", a, b])
    }

    /// The commit two commits last shared, if any.
    pub fn merge_base(&self, a: &str, b: &str) -> Result<Option<String>> {
        let out = self.output(["merge-base", a, b])?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }

    /// The remote's address, if one is set.
    pub fn remote_url(&self) -> Result<Option<String>> {
        let out = self.output(["remote", "get-url", "origin"])?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }
}

/// Whether git reaches `url` on this machine's disk: a path, or a `file://` URL, rather than `host:path` or another
/// scheme.
pub fn is_local(url: &str) -> bool {
    if let Some(rest) = url.strip_prefix("file://") {
        return !rest.is_empty();
    }
    let scheme = url.contains("://");
    let host = url
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'));
    !scheme && !host
}

/// Makes `dir` a repository on [`BRANCH`]; a bare one (for a remote on a disk or a USB stick) when `bare`.
pub fn init(dir: &Path, bare: bool) -> Result<()> {
    let mut command = Command::new("git");
    command.args(["init", "--quiet", "--initial-branch", BRANCH]);
    if bare {
        command.arg("--bare");
    }
    let out = command
        .arg(dir)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| missing(&e).unwrap_or_else(|| anyhow!("cannot run git: {e}")))?;
    if !out.status.success() {
        bail!("`git init` failed: {}", said(&out));
    }
    Ok(())
}

/// What git said on stderr (or stdout), on one line.
fn said(out: &Output) -> String {
    let text = if out.stderr.iter().any(|b| !b.is_ascii_whitespace()) {
        &out.stderr
    } else {
        &out.stdout
    };
    let text = String::from_utf8_lossy(text);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        format!("git exited with {}", out.status)
    } else {
        lines.join("; ")
    }
}

fn missing(e: &std::io::Error) -> Option<anyhow::Error> {
    (e.kind() == std::io::ErrorKind::NotFound).then(|| {
        crate::error::CommandError::io(
            "`aipath sync` needs git, and there is no `git` command on PATH",
        )
        .hint("install git (https://git-scm.com) and run it again")
        .into()
    })
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}
