//! Budgets for YAML written by someone else, checked before the parser sees the text.
//!
//! serde_yaml (libyaml underneath) is not built for hostile input. Its scanner spends time quadratic in the depth of
//! nested flow collections (`{a: ` 100,000 times took 87 s to refuse), and serde_yaml replays an alias's events each
//! time it is used, so a 106 KB path file of one anchored 100 KB string aliased 2,000 times became 2.1 GB in memory.
//! [`check`] reads the text once, in linear time, and refuses one that nests deeper than [`MAX_DEPTH`], that aliases
//! expand past [`EXPANSION`] times its size, or that holds more than [`MAX_NODES`] nodes once aliases are expanded
//! (a flat 16 MiB list of one-letter items took 5 s and 1.5 GB).
//!
//! Counting brackets is not enough to be safe: a bracket in a quoted or block scalar or a comment is text, and a
//! quote in the middle of a plain scalar is text too, so a scanner that guesses differently from libyaml can be led
//! to skip nesting libyaml then parses. So this follows libyaml's own tokenizer (`scanner.c`: flow and block
//! context, the indentation stack, simple keys, the three scalar styles and where each ends, comments, and every
//! line break libyaml knows, NEL, LS and PS included), and counts what libyaml builds. Where libyaml would stop with
//! a syntax error this carries on regardless: libyaml never reads past that point, so counting there can only refuse
//! a file that was broken anyway.

use std::collections::HashMap;

/// The largest file aipath reads as YAML (a path file or a state file), checked before reading it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The deepest nesting of collections (block or flow) accepted. aipath's own files nest about six deep.
pub const MAX_DEPTH: usize = 64;

/// How many times its own size a text may grow when its aliases are expanded.
pub const EXPANSION: u64 = 8;

/// The most YAML nodes a text may hold, counting each use of an alias as the nodes it repeats. A 20,000-session state
/// file holds about 200,000; a million nodes are some 150 MB in the parser.
pub const MAX_NODES: u64 = 1_000_000;

/// The limits one scan enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub depth: usize,
    pub expansion: u64,
    pub nodes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            depth: MAX_DEPTH,
            expansion: EXPANSION,
            nodes: MAX_NODES,
        }
    }
}

/// What a scan found: the deepest nesting, and the size and node count with aliases expanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Measure {
    pub depth: usize,
    pub bytes: u64,
    pub nodes: u64,
}

/// A text over budget: the line where it went over, and which limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Over {
    pub line: usize,
    pub limit: Limit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    Depth(usize),
    Expansion(u64),
    Nodes(u64),
    /// An alias used inside the node its anchor names: expanding it never ends.
    Recursive(String),
}

impl Over {
    /// The message, after `FILE:LINE: `; `what` names the file ("path file", "state file").
    pub fn message(&self, what: &str) -> String {
        match &self.limit {
            Limit::Depth(max) => format!(
                "the {what} nests collections more than {max} deep here, over aipath's limit of {max} levels"
            ),
            Limit::Expansion(times) => format!(
                "the aliases up to here expand the {what} to more than {times} times its size, over aipath's \
                 limit of {times} times"
            ),
            Limit::Nodes(max) => format!(
                "the {what} holds more than {max} YAML nodes by here (counting each use of an alias), over \
                 aipath's limit of {max}"
            ),
            Limit::Recursive(name) => format!(
                "the alias `*{}` is used inside the node it names, so it never ends",
                crate::error::shorten(name)
            ),
        }
    }
}

/// Checks a text against the default [`Limits`].
pub fn check(text: &str) -> Result<(), Over> {
    scan(text, Limits::default()).map(drop)
}

/// Scans a text against `limits`, returning what it measured.
pub fn scan(text: &str, limits: Limits) -> Result<Measure, Over> {
    let mut scanner = Scanner::new(text.as_bytes(), limits);
    scanner.run()?;
    Ok(scanner.measure())
}

/// An open block collection: libyaml's indentation stack.
#[derive(Debug, Clone, Copy)]
struct Indent {
    column: i64,
    sequence: bool,
    /// A mapping at this column whose value is a sequence at the same column (`key:\n- item`): a second collection.
    indentless: bool,
}

/// An open flow collection.
#[derive(Debug, Clone, Copy)]
struct Flow {
    sequence: bool,
    /// A `key: value` entry of a flow sequence is a mapping of its own, one level deeper.
    pair: bool,
    /// Opened where a block mapping key may begin: if a `:` follows, libyaml puts a mapping around it after the fact,
    /// so the level is counted now.
    maybe_key: bool,
}

/// libyaml's simple key at the block level: where a `key:` may have begun, for the indentation it sets.
#[derive(Debug, Clone, Copy)]
struct SimpleKey {
    line: usize,
    pos: usize,
    column: i64,
}

/// The running totals that an anchored node's size is read from: its size is the difference across its span.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    /// Bytes of alias tokens (`*name`) seen.
    alias_bytes: u64,
    /// Bytes the aliases seen expand to.
    added_bytes: u64,
    /// Nodes counted in the text itself.
    nodes: u64,
    /// Aliases seen (each counted among `nodes`).
    aliases: u64,
    /// Nodes the aliases seen expand to.
    added_nodes: u64,
}

/// Where an anchored node ends.
#[derive(Debug, Clone, Copy)]
enum End {
    /// When the flow collection it opened, at this many open flow collections, closes.
    Flow(usize),
    /// At the first token, in block context, at or left of the column of the collection around it.
    Block { indent: i64, indentless: bool },
}

#[derive(Debug, Clone, Copy)]
struct Span {
    anchor: usize,
    start: usize,
    at: Totals,
    end: End,
}

/// An anchor whose node has not begun yet.
#[derive(Debug, Clone, Copy)]
struct Pending {
    anchor: usize,
    start: usize,
    line: usize,
    indent: i64,
    at: Totals,
}

/// What the token after an anchor is, which decides where the anchored node ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Scalar,
    FlowStart,
    /// Nothing: an alias, a flow entry or end, an indicator in flow context, a document marker.
    Nothing,
    /// A block indicator (`-`, `?`, `:`) or anything on a later line in block context.
    Block {
        dash: bool,
    },
}

struct Scanner<'a> {
    text: &'a [u8],
    limits: Limits,
    pos: usize,
    /// 1-based, counted as libyaml counts lines.
    line: usize,
    /// In characters, as libyaml counts columns.
    column: i64,
    indents: Vec<Indent>,
    flows: Vec<Flow>,
    depth: usize,
    deepest: usize,
    key_allowed: bool,
    block_key: Option<SimpleKey>,
    names: HashMap<&'a [u8], usize>,
    /// Each anchor's expanded (bytes, nodes); `None` while its node is still open.
    sizes: Vec<Option<(u64, u64)>>,
    open: Vec<Span>,
    pending: Option<Pending>,
    totals: Totals,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a [u8], limits: Limits) -> Scanner<'a> {
        Scanner {
            text,
            limits,
            pos: 0,
            line: 1,
            column: 0,
            indents: Vec::new(),
            flows: Vec::new(),
            depth: 0,
            deepest: 0,
            key_allowed: true,
            block_key: None,
            names: HashMap::new(),
            sizes: Vec::new(),
            open: Vec::new(),
            pending: None,
            // The root, which may be an empty node.
            totals: Totals {
                nodes: 1,
                ..Totals::default()
            },
        }
    }

    fn measure(&self) -> Measure {
        Measure {
            depth: self.deepest,
            bytes: self.expanded_bytes(),
            nodes: self.expanded_nodes(),
        }
    }

    fn expanded_bytes(&self) -> u64 {
        (self.text.len() as u64)
            .saturating_sub(self.totals.alias_bytes)
            .saturating_add(self.totals.added_bytes)
    }

    fn expanded_nodes(&self) -> u64 {
        self.totals
            .nodes
            .saturating_sub(self.totals.aliases)
            .saturating_add(self.totals.added_nodes)
    }

    fn over(&self, limit: Limit) -> Over {
        Over {
            line: self.line,
            limit,
        }
    }

    // ---- characters ----

    fn byte(&self, ahead: usize) -> u8 {
        self.text.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// A line break at `ahead` bytes on, as libyaml reads them: CR, LF, NEL, LS, PS.
    fn is_break(&self, ahead: usize) -> bool {
        match self.byte(ahead) {
            b'\r' | b'\n' => true,
            0xC2 => self.byte(ahead + 1) == 0x85,
            0xE2 => self.byte(ahead + 1) == 0x80 && matches!(self.byte(ahead + 2), 0xA8 | 0xA9),
            _ => false,
        }
    }

    fn is_blank(&self, ahead: usize) -> bool {
        matches!(self.byte(ahead), b' ' | b'\t')
    }

    /// The end of the text. (libyaml also takes a NUL for the end, but its reader refuses a NUL before that.)
    fn is_z(&self, ahead: usize) -> bool {
        self.pos + ahead >= self.text.len()
    }

    fn is_blankz(&self, ahead: usize) -> bool {
        self.is_z(ahead) || self.is_blank(ahead) || self.is_break(ahead)
    }

    fn is_breakz(&self, ahead: usize) -> bool {
        self.is_z(ahead) || self.is_break(ahead)
    }

    /// Moves past one character.
    fn advance(&mut self) {
        let width = match self.byte(0) {
            0xF0..=0xFF => 4,
            0xE0..=0xEF => 3,
            0xC0..=0xDF => 2,
            _ => 1,
        };
        self.pos = (self.pos + width).min(self.text.len());
        self.column += 1;
    }

    /// Moves past one line break (CR LF is one).
    fn skip_break(&mut self) {
        if self.byte(0) == b'\r' && self.byte(1) == b'\n' {
            self.pos += 2;
        } else {
            self.advance();
        }
        self.line += 1;
        self.column = 0;
    }

    fn document_marker(&self) -> bool {
        self.column == 0
            && ((self.byte(0) == b'-' && self.byte(1) == b'-' && self.byte(2) == b'-')
                || (self.byte(0) == b'.' && self.byte(1) == b'.' && self.byte(2) == b'.'))
            && self.is_blankz(3)
    }

    // ---- structure ----

    /// libyaml's current indentation: the column of the innermost block collection, -1 outside any.
    fn indent(&self) -> i64 {
        self.indents.last().map_or(-1, |i| i.column)
    }

    fn deeper(&mut self, levels: usize) -> Result<(), Over> {
        self.depth += levels;
        self.deepest = self.deepest.max(self.depth);
        if self.depth > self.limits.depth {
            return Err(self.over(Limit::Depth(self.limits.depth)));
        }
        Ok(())
    }

    fn count(&mut self, nodes: u64) -> Result<(), Over> {
        self.totals.nodes = self.totals.nodes.saturating_add(nodes);
        if self.expanded_nodes() > self.limits.nodes {
            return Err(self.over(Limit::Nodes(self.limits.nodes)));
        }
        Ok(())
    }

    /// A block collection begins at `column`, unless one already does (libyaml's `roll_indent`).
    fn roll(&mut self, column: i64, sequence: bool) -> Result<(), Over> {
        if !self.flows.is_empty() {
            return Ok(());
        }
        if self.indent() < column {
            self.indents.push(Indent {
                column,
                sequence,
                indentless: false,
            });
            self.count(1)?;
            return self.deeper(1);
        }
        if sequence
            && let Some(top) = self.indents.last_mut()
            && top.column == column
            && !top.sequence
            && !top.indentless
        {
            top.indentless = true;
            self.count(1)?;
            return self.deeper(1);
        }
        Ok(())
    }

    /// Closes the block collections right of `column` (libyaml's `unroll_indent`).
    fn unroll(&mut self, column: i64) {
        while let Some(top) = self.indents.last().copied()
            && top.column > column
        {
            self.indents.pop();
            self.depth = self.depth.saturating_sub(1 + usize::from(top.indentless));
        }
    }

    fn save_key(&mut self) {
        if self.flows.is_empty() && self.key_allowed {
            self.block_key = Some(SimpleKey {
                line: self.line,
                pos: self.pos,
                column: self.column,
            });
        }
    }

    fn remove_key(&mut self) {
        if self.flows.is_empty() {
            self.block_key = None;
        }
    }

    /// A key stays possible only on its own line and within 1024 bytes, as in libyaml.
    fn stale_key(&mut self) {
        if let Some(key) = self.block_key
            && (key.line < self.line || key.pos + 1024 < self.pos)
        {
            self.block_key = None;
        }
    }

    /// Skips blanks, comments and line breaks up to the next token (libyaml's `scan_to_next_token`).
    fn skip_to_token(&mut self) {
        loop {
            if self.column == 0
                && self.byte(0) == 0xEF
                && self.byte(1) == 0xBB
                && self.byte(2) == 0xBF
            {
                self.advance();
            }
            while self.byte(0) == b' '
                || ((!self.flows.is_empty() || !self.key_allowed) && self.byte(0) == b'\t')
            {
                self.advance();
            }
            if self.byte(0) == b'#' {
                while !self.at_end() && !self.is_breakz(0) {
                    self.advance();
                }
            }
            if !self.is_break(0) {
                return;
            }
            self.skip_break();
            if self.flows.is_empty() {
                self.key_allowed = true;
            }
        }
    }

    fn run(&mut self) -> Result<(), Over> {
        loop {
            self.skip_to_token();
            if self.at_end() {
                break;
            }
            self.stale_key();
            let c = self.byte(0);
            let dash = c == b'-' && self.is_blankz(1);
            if self.flows.is_empty() {
                self.unroll(self.column);
                if let Some(top) = self.indents.last_mut()
                    && top.column == self.column
                    && top.indentless
                    && !dash
                {
                    top.indentless = false;
                    self.depth = self.depth.saturating_sub(1);
                }
                self.close_block_spans(dash);
            }
            if self.column == 0 && c == b'%' {
                // A directive runs to the end of its line.
                while !self.at_end() && !self.is_breakz(0) {
                    self.advance();
                }
                continue;
            }
            if self.document_marker() {
                self.resolve(Next::Nothing)?;
                self.unroll(-1);
                self.close_all();
                // A new map, not `clear`: clearing costs the map's capacity each time, and a file of many short
                // documents would pay it over and over.
                self.names = HashMap::new();
                self.remove_key();
                self.key_allowed = false;
                for _ in 0..3 {
                    self.advance();
                }
                continue;
            }
            let flow = !self.flows.is_empty();
            match c {
                b'[' | b'{' => {
                    self.resolve(Next::FlowStart)?;
                    self.save_key();
                    let maybe_key =
                        !flow && self.block_key.is_some_and(|key| key.column > self.indent());
                    self.flows.push(Flow {
                        sequence: c == b'[',
                        pair: false,
                        maybe_key,
                    });
                    self.count(1)?;
                    self.deeper(1 + usize::from(maybe_key))?;
                    self.key_allowed = true;
                    self.advance();
                }
                b']' | b'}' => {
                    self.resolve(Next::Nothing)?;
                    if let Some(closed) = self.flows.pop() {
                        self.depth = self.depth.saturating_sub(
                            1 + usize::from(closed.pair) + usize::from(closed.maybe_key),
                        );
                    }
                    self.count(1)?;
                    self.key_allowed = false;
                    self.advance();
                    self.close_flow_spans();
                }
                b',' => {
                    self.resolve(Next::Nothing)?;
                    if let Some(top) = self.flows.last_mut()
                        && top.pair
                    {
                        top.pair = false;
                        self.depth = self.depth.saturating_sub(1);
                    }
                    self.count(1)?;
                    self.key_allowed = true;
                    self.advance();
                }
                b'-' if dash => {
                    self.resolve(if flow {
                        Next::Nothing
                    } else {
                        Next::Block { dash: true }
                    })?;
                    self.roll(self.column, true)?;
                    self.remove_key();
                    self.count(1)?;
                    self.key_allowed = true;
                    self.advance();
                }
                b'?' if flow || self.is_blankz(1) => {
                    self.resolve(if flow {
                        Next::Nothing
                    } else {
                        Next::Block { dash: false }
                    })?;
                    self.roll(self.column, false)?;
                    self.remove_key();
                    self.pair()?;
                    // A key with nothing after it is two empty nodes.
                    self.count(2)?;
                    self.key_allowed = !flow;
                    self.advance();
                }
                b':' if flow || self.is_blankz(1) => {
                    self.resolve(if flow {
                        Next::Nothing
                    } else {
                        Next::Block { dash: false }
                    })?;
                    if flow {
                        self.pair()?;
                        self.key_allowed = false;
                    } else if let Some(key) = self.block_key.take() {
                        self.roll(key.column, false)?;
                        self.key_allowed = false;
                    } else {
                        self.roll(self.column, false)?;
                        self.key_allowed = true;
                    }
                    self.count(2)?;
                    self.advance();
                }
                b'*' => {
                    self.resolve(Next::Nothing)?;
                    self.save_key();
                    self.key_allowed = false;
                    self.alias()?;
                }
                b'&' => {
                    self.resolve(Next::Nothing)?;
                    self.save_key();
                    self.key_allowed = false;
                    self.anchor();
                }
                b'!' => {
                    // A tag leaves a pending anchor waiting for its node.
                    self.save_key();
                    self.key_allowed = false;
                    self.tag();
                }
                b'|' | b'>' if !flow => {
                    let pending = self.take_pending(Next::Scalar)?;
                    self.remove_key();
                    self.key_allowed = true;
                    self.count(1)?;
                    self.block_scalar();
                    self.close_pending_scalar(pending);
                }
                b'\'' | b'"' => {
                    let pending = self.take_pending(Next::Scalar)?;
                    self.save_key();
                    self.key_allowed = false;
                    self.count(1)?;
                    self.quoted(c == b'\'');
                    self.close_pending_scalar(pending);
                }
                _ if self.plain_starts() => {
                    let pending = self.take_pending(Next::Scalar)?;
                    self.save_key();
                    self.key_allowed = false;
                    self.count(1)?;
                    let end = self.plain();
                    if let Some(p) = pending {
                        self.close(p.anchor, p.start, p.at, end);
                    }
                }
                // A character no token starts with: libyaml stops here.
                _ => self.advance(),
            }
        }
        self.resolve(Next::Nothing)?;
        self.close_all();
        Ok(())
    }

    /// A `key: value` entry directly in a flow sequence opens a mapping of its own.
    fn pair(&mut self) -> Result<(), Over> {
        if let Some(top) = self.flows.last_mut()
            && top.sequence
            && !top.pair
        {
            top.pair = true;
            self.count(1)?;
            return self.deeper(1);
        }
        Ok(())
    }

    /// Whether a plain scalar starts here (libyaml's test, after every indicator has been tried).
    fn plain_starts(&self) -> bool {
        let c = self.byte(0);
        let indicator = b"-?:,[]{}#&*!|>'\"%@`".contains(&c);
        !(self.is_blankz(0) || indicator)
            || (c == b'-' && !self.is_blank(1))
            || (self.flows.is_empty() && (c == b'?' || c == b':') && !self.is_blankz(1))
    }

    /// Scans a plain scalar (libyaml's `scan_plain_scalar`); returns where its text ends.
    fn plain(&mut self) -> usize {
        let flow = !self.flows.is_empty();
        let indent = self.indent() + 1;
        let mut end = self.pos;
        let mut leading_blanks = false;
        loop {
            if self.document_marker() || self.byte(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.byte(0);
                if c == b':' && (self.is_blankz(1) || (flow && b",?[]{}".contains(&self.byte(1)))) {
                    break;
                }
                if flow && b",[]{}".contains(&c) {
                    break;
                }
                self.advance();
                end = self.pos;
            }
            if !(self.is_blank(0) || self.is_break(0)) {
                break;
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    self.advance();
                } else {
                    self.skip_break();
                    leading_blanks = true;
                }
            }
            if !flow && self.column < indent {
                break;
            }
        }
        if leading_blanks {
            self.key_allowed = true;
        }
        end
    }

    /// Scans a single- or double-quoted scalar (libyaml's `scan_flow_scalar`).
    fn quoted(&mut self, single: bool) {
        let quote = if single { b'\'' } else { b'"' };
        self.advance();
        loop {
            if self.document_marker() || self.at_end() {
                return;
            }
            while !self.is_blankz(0) {
                let c = self.byte(0);
                if single && c == b'\'' && self.byte(1) == b'\'' {
                    self.advance();
                    self.advance();
                } else if c == quote {
                    self.advance();
                    return;
                } else if !single && c == b'\\' {
                    self.advance();
                    if self.is_break(0) {
                        self.skip_break();
                    } else if !self.at_end() {
                        self.advance();
                    }
                } else {
                    self.advance();
                }
            }
            while self.is_blank(0) || self.is_break(0) {
                if self.is_blank(0) {
                    self.advance();
                } else {
                    self.skip_break();
                }
            }
        }
    }

    /// Scans a literal or folded block scalar (libyaml's `scan_block_scalar`).
    fn block_scalar(&mut self) {
        let parent = self.indent();
        self.advance();
        let mut increment = 0;
        let digit = |c: u8| c.is_ascii_digit();
        if matches!(self.byte(0), b'+' | b'-') {
            self.advance();
            if digit(self.byte(0)) {
                if self.byte(0) == b'0' {
                    return;
                }
                increment = i64::from(self.byte(0) - b'0');
                self.advance();
            }
        } else if digit(self.byte(0)) {
            if self.byte(0) == b'0' {
                return;
            }
            increment = i64::from(self.byte(0) - b'0');
            self.advance();
            if matches!(self.byte(0), b'+' | b'-') {
                self.advance();
            }
        }
        while self.is_blank(0) {
            self.advance();
        }
        if self.byte(0) == b'#' {
            while !self.at_end() && !self.is_breakz(0) {
                self.advance();
            }
        }
        if !self.is_breakz(0) {
            return;
        }
        if self.is_break(0) {
            self.skip_break();
        }
        let mut indent = if increment == 0 {
            0
        } else if parent >= 0 {
            parent + increment
        } else {
            increment
        };
        if !self.block_breaks(&mut indent, parent) {
            return;
        }
        while self.column == indent && !self.at_end() {
            while !self.at_end() && !self.is_breakz(0) {
                self.advance();
            }
            if !self.is_break(0) {
                return;
            }
            self.skip_break();
            if !self.block_breaks(&mut indent, parent) {
                return;
            }
        }
    }

    /// Skips a block scalar's indentation and empty lines, settling its indentation on the first line with text
    /// (libyaml's `scan_block_scalar_breaks`). False where libyaml stops with an error.
    fn block_breaks(&mut self, indent: &mut i64, parent: i64) -> bool {
        let mut widest = 0;
        loop {
            while (*indent == 0 || self.column < *indent) && self.byte(0) == b' ' {
                self.advance();
            }
            widest = widest.max(self.column);
            if (*indent == 0 || self.column < *indent) && self.byte(0) == b'\t' {
                return false;
            }
            if !self.is_break(0) {
                break;
            }
            self.skip_break();
        }
        if *indent == 0 {
            *indent = widest.max(parent + 1).max(1);
        }
        true
    }

    fn tag(&mut self) {
        let verbatim = self.byte(1) == b'<';
        self.advance();
        if verbatim {
            self.advance();
        }
        loop {
            let c = self.byte(0);
            let uri = c.is_ascii_alphanumeric()
                || b"-_;/?:@&=+$.%!~*'()".contains(&c)
                || (verbatim && b",[]".contains(&c));
            if !uri {
                break;
            }
            self.advance();
        }
        if verbatim && self.byte(0) == b'>' {
            self.advance();
        }
    }

    /// Reads `&name` or `*name` past its sigil; returns the name.
    fn name(&mut self) -> &'a [u8] {
        self.advance();
        let start = self.pos;
        while self.byte(0).is_ascii_alphanumeric() || matches!(self.byte(0), b'_' | b'-') {
            self.advance();
        }
        let text: &'a [u8] = self.text;
        text.get(start..self.pos).unwrap_or_default()
    }

    fn anchor(&mut self) {
        let start = self.pos;
        let line = self.line;
        let name = self.name();
        let anchor = self.sizes.len();
        self.sizes.push(None);
        self.names.insert(name, anchor);
        self.pending = Some(Pending {
            anchor,
            start,
            line,
            indent: self.indent(),
            at: self.totals,
        });
    }

    fn alias(&mut self) -> Result<(), Over> {
        let start = self.pos;
        let name = self.name();
        let length = (self.pos - start) as u64;
        self.count(1)?;
        // An unknown alias is an error in serde_yaml: nothing is expanded.
        let Some(&anchor) = self.names.get(name) else {
            return Ok(());
        };
        let Some((bytes, nodes)) = self.sizes.get(anchor).copied().flatten() else {
            return Err(self.over(Limit::Recursive(String::from_utf8_lossy(name).into_owned())));
        };
        let t = &mut self.totals;
        t.alias_bytes = t.alias_bytes.saturating_add(length);
        t.added_bytes = t.added_bytes.saturating_add(bytes);
        t.aliases = t.aliases.saturating_add(1);
        t.added_nodes = t.added_nodes.saturating_add(nodes);
        let budget = (self.text.len() as u64).saturating_mul(self.limits.expansion);
        if self.expanded_bytes() > budget {
            return Err(self.over(Limit::Expansion(self.limits.expansion)));
        }
        if self.expanded_nodes() > self.limits.nodes {
            return Err(self.over(Limit::Nodes(self.limits.nodes)));
        }
        Ok(())
    }

    // ---- anchored spans ----

    /// Decides where a pending anchor's node ends, now that the next token is known, except for a scalar on the
    /// anchor's line, whose end is known only once it is scanned: that one is returned for the caller to close.
    fn take_pending(&mut self, next: Next) -> Result<Option<Pending>, Over> {
        let Some(p) = self.pending else {
            return Ok(None);
        };
        if next == Next::Scalar && (!self.flows.is_empty() || self.line == p.line) {
            self.pending = None;
            return Ok(Some(p));
        }
        self.resolve(next)?;
        Ok(None)
    }

    fn close_pending_scalar(&mut self, pending: Option<Pending>) {
        if let Some(p) = pending {
            self.close(p.anchor, p.start, p.at, self.pos);
        }
    }

    fn resolve(&mut self, next: Next) -> Result<(), Over> {
        let Some(p) = self.pending.take() else {
            return Ok(());
        };
        let flow = !self.flows.is_empty();
        // On a later line in block context the anchor names whatever block node is there: a scalar there may turn
        // out to be the first key of a mapping, which the anchor then names whole.
        let next = match next {
            Next::Scalar | Next::FlowStart if !flow && self.line != p.line => {
                Next::Block { dash: false }
            }
            other => other,
        };
        match next {
            Next::FlowStart => self.open.push(Span {
                anchor: p.anchor,
                start: p.start,
                at: p.at,
                end: End::Flow(self.flows.len()),
            }),
            Next::Block { dash } if !flow => {
                let empty = self.line != p.line
                    && (self.column < p.indent || (self.column == p.indent && !dash));
                if empty {
                    self.close(p.anchor, p.start, p.at, self.pos);
                } else {
                    self.open.push(Span {
                        anchor: p.anchor,
                        start: p.start,
                        at: p.at,
                        end: End::Block {
                            indent: p.indent,
                            indentless: dash && self.column == p.indent,
                        },
                    });
                }
            }
            _ => self.close(p.anchor, p.start, p.at, self.pos),
        }
        Ok(())
    }

    /// Records an anchored node's expanded size, from its span and the aliases within it.
    fn close(&mut self, anchor: usize, start: usize, at: Totals, end: usize) {
        let t = self.totals;
        let bytes = (end.saturating_sub(start) as u64)
            .saturating_sub(t.alias_bytes - at.alias_bytes)
            .saturating_add(t.added_bytes - at.added_bytes);
        // An empty node is still one node each time it is repeated.
        let nodes = (t.nodes - at.nodes - (t.aliases - at.aliases))
            .saturating_add(t.added_nodes - at.added_nodes)
            .max(1);
        if let Some(size) = self.sizes.get_mut(anchor) {
            *size = Some((bytes, nodes));
        }
    }

    fn close_block_spans(&mut self, dash: bool) {
        while let Some(span) = self.open.last().copied() {
            let End::Block { indent, indentless } = span.end else {
                return;
            };
            let ends = self.column < indent || (self.column == indent && !(indentless && dash));
            if !ends {
                return;
            }
            self.open.pop();
            self.close(span.anchor, span.start, span.at, self.pos);
        }
    }

    fn close_flow_spans(&mut self) {
        while let Some(span) = self.open.last().copied() {
            match span.end {
                End::Flow(level) if level >= self.flows.len() => {
                    self.open.pop();
                    self.close(span.anchor, span.start, span.at, self.pos);
                }
                _ => return,
            }
        }
    }

    fn close_all(&mut self) {
        while let Some(span) = self.open.pop() {
            self.close(span.anchor, span.start, span.at, self.pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Option<Over> {
        check(text).err()
    }

    fn measured(text: &str) -> Measure {
        let unlimited = Limits {
            depth: usize::MAX,
            expansion: u64::MAX,
            nodes: u64::MAX,
        };
        scan(text, unlimited).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let out = f();
        // Generous for a debug build on a busy machine; a release build takes a few milliseconds.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{what} took {:?}",
            started.elapsed()
        );
        out
    }

    fn path_with_alias(value: &str, uses: usize) -> String {
        format!(
            "id: mini\ntitle: Mini\nphases: []\nmodules:\n  - id: alpha\n    title: &a {value}\n    topics: [{}]\n",
            vec!["*a"; uses].join(", ")
        )
    }

    #[test]
    fn a_100_kb_string_aliased_2000_times_is_refused_at_the_alias_that_passes_the_budget() {
        let text = path_with_alias(&"x".repeat(100_000), 2_000);
        let got = timed("100 KB x 2000", || refused(&text));
        assert_eq!(
            got,
            Some(Over {
                line: 7,
                limit: Limit::Expansion(8)
            })
        );
    }

    #[test]
    fn a_1_mb_string_aliased_20000_times_is_refused() {
        let text = path_with_alias(&"x".repeat(1_000_000), 20_000);
        let got = timed("1 MB x 20000", || refused(&text));
        assert_eq!(got.map(|o| o.limit), Some(Limit::Expansion(8)));
    }

    #[test]
    fn the_billion_laughs_are_refused() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            text.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 9].join(", ")
            ));
        }
        let got = timed("laughs", || refused(&text));
        assert_eq!(
            got,
            Some(Over {
                line: 3,
                limit: Limit::Expansion(8)
            })
        );
        // In block style too, where each anchored node is the lines below it.
        let mut block = String::from("a0: &a0\n");
        block.push_str(&"  - lol\n".repeat(9));
        for i in 1..10 {
            block.push_str(&format!("a{i}: &a{i}\n"));
            block.push_str(&format!("  - *a{}\n", i - 1).repeat(9));
        }
        assert_eq!(refused(&block).map(|o| o.limit), Some(Limit::Expansion(8)));
    }

    #[test]
    fn deep_flow_nesting_is_refused_on_its_line_at_the_65th_level() {
        for text in [
            "[".repeat(100_000),
            "{a: ".repeat(100_000),
            format!("id: {}", "[".repeat(100_000)),
            format!("a: 1\nb: {}", "[ ".repeat(100_000)),
        ] {
            let got = timed("flow", || refused(&text));
            assert_eq!(
                got.map(|o| o.limit),
                Some(Limit::Depth(64)),
                "{}",
                &text[..10]
            );
        }
        assert_eq!(
            refused(&format!("a: 1\nb: {}", "[\n".repeat(100))).map(|o| o.line),
            Some(65)
        );
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        // 100,000 levels on one line: a sequence in a sequence.
        let got = timed("dashes", || {
            refused(&format!("{}x\n", "- ".repeat(100_000)))
        });
        assert_eq!(
            got,
            Some(Over {
                line: 1,
                limit: Limit::Depth(64)
            })
        );
        // By indentation a 100,000-level file is 5 GB, far past the size limit; 5,000 levels is 12.5 MB.
        let text: String = (0..5_000)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect();
        let got = timed("indentation", || refused(&text));
        assert_eq!(
            got,
            Some(Over {
                line: 65,
                limit: Limit::Depth(64)
            })
        );
        let keys = format!("{}x\n", "? ".repeat(100_000));
        assert_eq!(
            timed("keys", || refused(&keys)).map(|o| o.limit),
            Some(Limit::Depth(64))
        );
        // A sequence at its key's column is a level of its own: 40 lines of `- k:` are 80 levels.
        let indentless: String = std::iter::once("k:\n".to_string())
            .chain((0..40).map(|i| format!("{}- k:\n", " ".repeat(2 * i))))
            .collect();
        assert_eq!(
            refused(&indentless),
            Some(Over {
                line: 33,
                limit: Limit::Depth(64)
            })
        );
        assert_eq!(measured(&indentless).depth, 81);
    }

    #[test]
    fn sixty_four_levels_are_accepted() {
        let nested =
            |levels: usize| format!("a: {}{}\n", "[".repeat(levels - 1), "]".repeat(levels - 1));
        assert_eq!(refused(&nested(64)), None);
        assert_eq!(measured(&nested(64)).depth, 64);
        assert_eq!(
            refused(&nested(65)).map(|o| o.limit),
            Some(Limit::Depth(64))
        );
        // A flow collection where a key may begin counts the mapping it may turn out to be the key of.
        assert_eq!(measured("[[a]]").depth, 3);
        assert_eq!(measured("[[a]]: b").depth, 3);
    }

    #[test]
    fn brackets_that_are_text_are_not_nesting() {
        let deep = "[".repeat(200);
        for text in [
            format!("title: \"{deep}\"\n"),
            format!("title: '{deep}'\n"),
            format!("title: plain {deep}\n"),
            format!("# {deep}\ntitle: t\n"),
            format!("title: t # {deep}\n"),
            format!("notes: |\n  {deep}\n  {deep}\nnext: 1\n"),
            format!("notes: >-\n\n  {deep}\n"),
            format!("title: \"a\n  {deep}\"\n"),
            format!("title: 'it''s {deep}'\n"),
            format!("title: \"say \\\"{deep}\"\n"),
            format!("title: a#{deep}\n"),
            format!("items: [\"{deep}\", '{deep}']\n"),
            format!("title: plain\n  continued {deep}\n"),
        ] {
            assert_eq!(refused(&text), None, "{text}");
        }
    }

    #[test]
    fn nesting_behind_text_that_looks_like_a_quote_or_a_comment_is_still_found() {
        let deep = "[".repeat(100);
        for text in [
            // A quote inside a plain scalar is text, and the scalar ends at the line.
            format!("a: it's\nb: {deep}"),
            format!("a: b\n  'c\nd: {deep}"),
            format!("a: [it's, {deep}"),
            format!("a: [x 'y, {deep}"),
            // NEL, LS and PS end a comment and a line, as CR does.
            format!("# x\u{85}{deep}"),
            format!("# x\u{2028}{deep}"),
            format!("# x\r{deep}"),
            // A `#` without a blank before it is text; one after a blank is a comment only outside quotes.
            format!("a: \"x #\"\nb: {deep}"),
            // A block scalar ends at the first line indented less than its text.
            format!("a: |\n  text\nb: {deep}"),
            format!("- |\n  text\n- {deep}"),
            // An escaped quote does not end a double-quoted scalar; a doubled one does not end a single-quoted one.
            format!("a: \"x\\\\\"\nb: {deep}"),
            format!("a: 'x'''\nb: {deep}"),
            // A tag, an anchor and a key are not text.
            format!("a: !t {deep}"),
            format!("a: &x {deep}"),
            format!("? {deep}"),
            format!("a:\n  {deep}"),
            format!("---\n{deep}"),
            format!("a: 1\n...\n{deep}"),
            format!("%YAML 1.1\n--- {deep}"),
        ] {
            let got = refused(&text);
            assert_eq!(got.map(|o| o.limit), Some(Limit::Depth(64)), "{text:?}");
        }
    }

    #[test]
    fn small_aliases_are_accepted_and_counted() {
        let text = "weeks: &w { min: 2, max: 4 }\na: *w\nb: *w\nc: *w\n";
        assert_eq!(refused(text), None);
        // Each alias (2 bytes) stands for its anchored node, counted from the anchor: `&w { min: 2, max: 4 }`.
        let anchored = "&w { min: 2, max: 4 }".len() as u64;
        assert_eq!(measured(text).bytes, text.len() as u64 + 3 * (anchored - 2));
    }

    #[test]
    fn a_block_anchor_spans_the_lines_below_it() {
        let node = "base: &b\n  x: 1\n  y: 2\n";
        let text = format!("{node}other: *b\n");
        let m = measured(&text);
        let anchored = "&b\n  x: 1\n  y: 2\n".len() as u64;
        assert_eq!(m.bytes, text.len() as u64 - 2 + anchored);
        // Its sequence at the key's column too.
        let text = "base: &b\n- 1\n- 2\nother: *b\n";
        assert_eq!(
            measured(text).bytes,
            text.len() as u64 - 2 + "&b\n- 1\n- 2\n".len() as u64
        );
        // And an anchor on a key names the key only.
        let text = "&k key: value\nother: *k\n";
        assert_eq!(
            measured(text).bytes,
            text.len() as u64 - 2 + "&k key".len() as u64
        );
    }

    #[test]
    fn an_alias_inside_its_own_node_is_refused() {
        assert_eq!(
            refused("a: &a [1, *a]\n"),
            Some(Over {
                line: 1,
                limit: Limit::Recursive("a".into())
            })
        );
        assert_eq!(
            refused("a: &a\n  b: *a\n").map(|o| o.limit),
            Some(Limit::Recursive("a".into()))
        );
    }

    #[test]
    fn a_flat_list_of_a_million_nodes_is_refused() {
        let text = format!("[{}]", vec!["a"; 600_000].join(","));
        let got = timed("flat", || refused(&text));
        assert_eq!(got.map(|o| o.limit), Some(Limit::Nodes(MAX_NODES)));
    }

    #[test]
    fn the_built_in_paths_and_guides_are_well_within_budget() {
        for (name, text) in crate::io::builtin::BUILTIN_PATHS {
            let m = measured(text);
            assert!(m.depth <= 8, "{name}: {m:?}");
            assert_eq!(m.bytes, text.len() as u64, "{name}");
        }
    }

    mod against_the_parser {
        use super::*;
        use proptest::prelude::*;
        use serde_yaml::Value;

        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            "\n", "\n", " ", "  ", "    ", "\t", "\r\n", "\r", "\u{85}", "\u{2028}", "- ", "-", ": ", ":", "? ", "?",
            ",", "[", "]", "{", "}", "'", "\"", "\\", "#", " #", "|", ">", "|-", ">+2", "&a ", "&b ", "*a", "*b",
            " *a", "!t ", "!<x> ", "---\n", "...\n", "%YAML 1.1\n", "a", "b", "key", "text", "x y", "é", "'it''s'",
            "\"q\\\"\"", "[a, b]", "{a: 1}", "- - ", "k:\n  ", "k:\n- ", "&a [", "? [", "[a]: ", "!t [", "\t- ",
        ];

        fn yamlish() -> impl Strategy<Value = String> {
            proptest::collection::vec(proptest::sample::select(PIECES), 0..60)
                .prop_map(|p| p.concat())
        }

        fn depth(value: &Value) -> usize {
            match value {
                Value::Sequence(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
                Value::Mapping(map) => {
                    1 + map
                        .iter()
                        .map(|(k, v)| depth(k).max(depth(v)))
                        .max()
                        .unwrap_or(0)
                }
                Value::Tagged(tagged) => depth(&tagged.value),
                _ => 0,
            }
        }

        fn nodes(value: &Value) -> u64 {
            match value {
                Value::Sequence(items) => 1 + items.iter().map(nodes).sum::<u64>(),
                Value::Mapping(map) => {
                    1 + map.iter().map(|(k, v)| nodes(k) + nodes(v)).sum::<u64>()
                }
                Value::Tagged(tagged) => nodes(&tagged.value),
                _ => 1,
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
                ..ProptestConfig::default()
            })]

            /// Whatever serde_yaml builds, the scan counted at least: as deep, and as many nodes.
            #[test]
            fn the_scan_never_counts_less_than_the_parser_builds(text in yamlish()) {
                let Ok(value) = serde_yaml::from_str::<Value>(&text) else {
                    return Ok(());
                };
                let unlimited = Limits { depth: usize::MAX, expansion: u64::MAX, nodes: u64::MAX };
                let Ok(m) = scan(&text, unlimited) else {
                    return Ok(());
                };
                prop_assert!(m.nodes >= nodes(&value), "{m:?} < {} nodes in {text:?}", nodes(&value));
                if !text.contains('*') {
                    prop_assert!(m.depth >= depth(&value), "{m:?} < depth {} in {text:?}", depth(&value));
                }
            }

            /// Deep nesting after any prefix is either refused or is text that the parser reads quickly: a prefix
            /// that fooled the scan into skipping nesting would show as a parse of seconds.
            #[test]
            fn nesting_after_any_prefix_is_refused_or_harmless(
                prefix in yamlish(),
                opener in proptest::sample::select(&["[", "{a: ", "- ", "[ ", "{"][..]),
            ) {
                let text = format!("{prefix}{}", opener.repeat(20_000));
                if check(&text).is_ok() {
                    let started = std::time::Instant::now();
                    let _ = serde_yaml::from_str::<Value>(&text);
                    prop_assert!(
                        started.elapsed() < std::time::Duration::from_secs(2),
                        "{:?} to parse after the scan let it through: {prefix:?}",
                        started.elapsed()
                    );
                }
            }
        }
    }
}
