//! Tables with comfy-table: fitted to the terminal's width on a terminal; in a pipe, never wrapped, so every row
//! stays on one line for `grep`, `awk` and `head`.

use comfy_table::{ContentArrangement, Table, presets};

/// Where the output goes, decided once by the command layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub tty: bool,
}

impl Screen {
    pub fn detect() -> Screen {
        use std::io::IsTerminal;
        Screen {
            tty: std::io::stdout().is_terminal(),
        }
    }

    pub fn table(self, headers: &[&str]) -> Table {
        let mut table = Table::new();
        if self.tty {
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            table.load_style(presets::ASCII_FULL_CONDENSED);
            table.set_content_arrangement(ContentArrangement::Disabled);
            table.force_no_tty();
        }
        table.set_header(headers.to_vec());
        table
    }
}

/// Joins list items for one cell: on one line in a pipe, one per line on a terminal where the table may wrap.
pub fn list_cell(items: &[String], screen: Screen) -> String {
    if screen.tty {
        items.join("\n")
    } else {
        items.join(", ")
    }
}
