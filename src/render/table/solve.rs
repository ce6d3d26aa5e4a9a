//! The width solver: given what each column needs and the terminal's width, which columns show, how wide each is, or
//! that the table cannot fit at all and is stacked. Pure arithmetic over measures, so every decision is tested here.
//!
//! A column costs its text's width plus three: a space of padding either side and the border on its right; the
//! table's left border is one more. A column is never narrower than its widest unbreakable unit (a whole cell for
//! ids, dates, numbers and bars; a word for free text), so no word is ever split.

/// What one column needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// The widest unbreakable unit: the narrowest the column can be.
    pub least: usize,
    /// The widest line: the column's width when nothing has to wrap.
    pub natural: usize,
    /// `Some(priority)` when the column may step aside: the lowest priority first.
    pub optional: Option<u8>,
    /// Whether a cell holds a list, one item a line.
    pub list: bool,
}

/// How the table is laid out at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// A table: each column's width, `None` for a hidden one, and the hidden columns in the order they stepped aside.
    Table {
        widths: Vec<Option<usize>>,
        hidden: Vec<usize>,
    },
    /// Even the required columns cannot fit this width: one block of `Header: value` lines per row.
    Stacked(usize),
}

/// What a column costs beyond its text: padding either side and a border.
pub const COLUMN_EXTRA: usize = 3;

/// The width a table needs with these columns shown at these widths.
pub fn needed(widths: impl IntoIterator<Item = usize>) -> usize {
    1 + widths.into_iter().map(|w| w + COLUMN_EXTRA).sum::<usize>()
}

/// The layout of columns `measures` on a terminal `width` wide, or at their natural widths when the width is unknown.
///
/// Optional columns step aside, lowest priority first (among equal priorities the rightmost first), only while the
/// table cannot fit otherwise; so a wider terminal never hides more. When the required columns alone cannot fit, the
/// table is stacked.
pub fn solve(measures: &[Measure], width: Option<usize>) -> Layout {
    let Some(width) = width else {
        return Layout::Table {
            widths: measures.iter().map(|m| Some(m.natural)).collect(),
            hidden: Vec::new(),
        };
    };
    let mut order: Vec<(u8, usize)> = measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.optional.map(|p| (p, i)))
        .collect();
    order.sort_by_key(|&(p, i)| (p, std::cmp::Reverse(i)));
    let mut hidden = Vec::new();
    let least = |hidden: &[usize]| {
        needed(
            measures
                .iter()
                .enumerate()
                .filter(|(i, _)| !hidden.contains(i))
                .map(|(_, m)| m.least),
        )
    };
    let mut next = order.into_iter();
    while least(&hidden) > width {
        match next.next() {
            Some((_, column)) => hidden.push(column),
            None => return Layout::Stacked(width),
        }
    }
    let widths = share(measures, &hidden, width - least(&hidden));
    Layout::Table { widths, hidden }
}

/// The shown columns' widths: each at least its `least`, and the `spare` columns shared out towards their natural
/// widths. A list the spare can unwrap whole comes first, since a wrapped item reads as two items; then the column
/// that lacks least, so as many columns as possible read unwrapped (a list with one long item waits its turn rather
/// than take the room from every other column).
fn share(measures: &[Measure], hidden: &[usize], spare: usize) -> Vec<Option<usize>> {
    let mut widths: Vec<Option<usize>> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| (!hidden.contains(&i)).then_some(m.least))
        .collect();
    let mut order: Vec<usize> = (0..measures.len())
        .filter(|i| !hidden.contains(i))
        .collect();
    let lack = |i: usize| measures[i].natural - measures[i].least;
    order.sort_by_key(|&i| (!(measures[i].list && lack(i) <= spare), lack(i), i));
    let mut left = spare;
    for i in order {
        if let Some(w) = widths[i].as_mut() {
            let more = (measures[i].natural - *w).min(left);
            *w += more;
            left -= more;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(least: usize, natural: usize, optional: Option<u8>) -> Measure {
        Measure {
            least,
            natural,
            optional,
            list: false,
        }
    }

    #[test]
    fn a_table_that_fits_shows_every_column_at_its_natural_width() {
        let measures = [column(5, 5, None), column(4, 20, Some(1))];
        let layout = solve(&measures, Some(needed([5, 20])));
        assert_eq!(
            layout,
            Layout::Table {
                widths: vec![Some(5), Some(20)],
                hidden: vec![]
            }
        );
    }

    #[test]
    fn free_text_wraps_to_its_widest_word_before_any_column_steps_aside() {
        let measures = [column(5, 5, None), column(4, 20, Some(1))];
        let layout = solve(&measures, Some(needed([5, 4])));
        assert_eq!(
            layout,
            Layout::Table {
                widths: vec![Some(5), Some(4)],
                hidden: vec![]
            }
        );
    }

    #[test]
    fn optional_columns_step_aside_lowest_priority_first_only_when_needed() {
        let measures = [
            column(10, 10, None),
            column(8, 30, Some(2)),
            column(6, 6, Some(1)),
        ];
        let all = needed([10, 8, 6]);
        assert!(
            matches!(solve(&measures, Some(all)), Layout::Table { hidden, .. } if hidden.is_empty())
        );
        assert_eq!(
            solve(&measures, Some(all - 1)),
            Layout::Table {
                widths: vec![Some(10), Some(8 + 6 + COLUMN_EXTRA - 1), None],
                hidden: vec![2]
            }
        );
        assert_eq!(
            solve(&measures, Some(needed([10]))),
            Layout::Table {
                widths: vec![Some(10), None, None],
                hidden: vec![2, 1]
            }
        );
        assert_eq!(
            solve(&measures, Some(needed([10]) - 1)),
            Layout::Stacked(needed([10]) - 1)
        );
    }

    #[test]
    fn spare_width_unwraps_lists_first_then_the_columns_that_lack_least() {
        let list = Measure {
            list: true,
            ..column(2, 40, None)
        };
        let measures = [column(2, 32, None), column(2, 12, None), list];
        let spare = 38 + 10 + 5;
        let Layout::Table { widths, .. } = solve(&measures, Some(needed([2, 2, 2]) + spare)) else {
            panic!("stacked");
        };
        assert_eq!(widths, vec![Some(2 + 5), Some(12), Some(40)]);
    }

    #[test]
    fn a_list_too_long_to_unwrap_does_not_take_the_room_of_every_other_column() {
        let long_list = Measure {
            list: true,
            ..column(10, 70, None)
        };
        let measures = [column(11, 23, None), long_list];
        let Layout::Table { widths, .. } = solve(&measures, Some(needed([11, 10]) + 30)) else {
            panic!("stacked");
        };
        assert_eq!(widths, vec![Some(23), Some(10 + 18)]);
    }

    #[test]
    fn an_unknown_width_shows_everything_at_its_natural_width() {
        let measures = [column(2, 12, Some(1)), column(2, 32, None)];
        assert_eq!(
            solve(&measures, None),
            Layout::Table {
                widths: vec![Some(12), Some(32)],
                hidden: vec![]
            }
        );
    }
}
