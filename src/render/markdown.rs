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

/// Escapes what would end a cell or a row inside a pipe table.
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    #[test]
    fn pipes_in_cells_are_escaped() {
        let t = super::table(&["A", "B"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(t, "| A | B |\n|---|---|\n| x\\|y | z |\n");
    }

    #[test]
    fn a_cell_cannot_add_a_row_or_a_column() {
        let t = super::table(&["A"], &[vec!["one\r\n| two |\\|\x1b[2J".into()]]);
        assert_eq!(t, "| A |\n|---|\n| one \\| two \\|\\\\\\|^[[2J |\n");
    }
}
