//! How fast a learner means to go: each phase's shortest, middle or longest length. Part of the saved plan in the
//! state file, so it is domain data; the command line maps its own flag onto it.

use serde::{Deserialize, Serialize};

use crate::path::WeekRange;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pace {
    /// Each phase's shortest length.
    Fast,
    /// The midpoint of each phase's range, rounded up.
    #[default]
    Steady,
    /// Each phase's longest length.
    Relaxed,
}

impl Pace {
    pub fn weeks(self, range: WeekRange) -> u32 {
        match self {
            Pace::Fast => range.min,
            Pace::Steady => range.min + range.max.saturating_sub(range.min).div_ceil(2),
            Pace::Relaxed => range.max,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Pace::Fast => "fast",
            Pace::Steady => "steady",
            Pace::Relaxed => "relaxed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: u32, max: u32) -> WeekRange {
        WeekRange { min, max }
    }

    #[test]
    fn pace_picks_min_rounded_up_midpoint_or_max() {
        assert_eq!(
            [Pace::Fast, Pace::Steady, Pace::Relaxed].map(|p| p.weeks(range(12, 16))),
            [12, 14, 16]
        );
        assert_eq!(Pace::Steady.weeks(range(8, 10)), 9);
        assert_eq!(Pace::Steady.weeks(range(6, 9)), 8);
        assert_eq!(Pace::Steady.weeks(range(5, 5)), 5);
        // An inverted range is refused when a path loads; arithmetic on one must still not overflow.
        assert_eq!(Pace::Steady.weeks(range(5, 3)), 5);
    }
}
