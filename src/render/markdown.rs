//! Markdown tables a learner can paste into notes.

use super::table::Cell;

/// A pipe table. Cells are one line each ([`Cell::text`] turns line breaks and control characters into visible
/// text) and a backslash or `|` in them is escaped, so text from a path file can never add a row or a column.
pub fn table(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let cell = |c: &Cell| escape(&c.text(false));
    let mut out = format!("| {} |\n", headers.join(" | "));
    out.push_str(&format!(
        "|{}\n",
        headers.iter().map(|_| "---|").collect::<String>()
    ));
    for row in rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter().map(cell).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

/// Escapes what would end a cell or a row inside a pipe table, and HTML: markdown renderers pass raw HTML through,
/// so a `<img src=…>` or `<a href=…>` in a path file would otherwise become an element on the page it is pasted in.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Free text from a path file, a brief or the state, for a markdown page outside a table: one line (control
/// characters shown, as a terminal shows them), HTML escaped as [`escape`] does, and the characters that make
/// emphasis, code, headings or links escaped with a backslash, so a title can never become a link or an element;
/// a start that would open a list or a heading is escaped too.
pub fn text(text: &str) -> String {
    let escaped = escape(&crate::render::text::one_line(text));
    let mut out = String::with_capacity(escaped.len() + 8);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in escaped.chars().enumerate() {
        let list_start = (i == 0 && matches!(c, '-' | '+' | '='))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if list_start || matches!(c, '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn free_text_cannot_become_a_link_an_element_or_a_heading() {
        assert_eq!(
            super::text("# [x](javascript:alert(1)) <img src=x> *b*\n\u{1b}[2J"),
            "\\# \\[x\\]\\(javascript:alert\\(1\\)\\) &lt;img src=x&gt; \\*b\\* ^\\[\\[2J"
        );
        assert_eq!(super::text("- not a list"), "\\- not a list");
        assert_eq!(super::text("12. not a list"), "12\\. not a list");
        assert_eq!(super::text("a-b. c"), "a-b. c");
        assert_eq!(super::text("x\u{202e}y"), "x&lt;U+202E&gt;y");
    }

    #[test]
    fn pipes_in_cells_are_escaped() {
        let t = super::table(&["A", "B"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(t, "| A | B |\n|---|---|\n| x\\|y | z |\n");
    }

    #[test]
    fn html_in_a_cell_is_text() {
        let t = super::table(&["A"], &[vec!["<img src=x onerror=alert(1)> & co".into()]]);
        assert_eq!(
            t,
            "| A |\n|---|\n| &lt;img src=x onerror=alert(1)&gt; &amp; co |\n"
        );
    }

    #[test]
    fn a_cell_cannot_add_a_row_or_a_column() {
        let t = super::table(&["A"], &[vec!["one\r\n| two |\\|\x1b[2J".into()]]);
        assert_eq!(t, "| A |\n|---|\n| one \\| two \\|\\\\\\|^[[2J |\n");
    }
}
