//! Markdown tables a learner can paste into notes.

/// A pipe table; `|` and line breaks inside cells are escaped so every row stays one row.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
    let mut out = format!("| {} |\n", headers.join(" | "));
    out.push_str(&format!(
        "|{}\n",
        headers.iter().map(|_| "---|").collect::<String>()
    ));
    for row in rows {
        out.push_str(&format!(
            "| {} |\n",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pipes_in_cells_are_escaped() {
        let t = super::table(&["A", "B"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(t, "| A | B |\n|---|---|\n| x\\|y | z |\n");
    }
}
