//! Today's date: the one place aipath reads the clock and the time zone. The pure core takes the date as an argument.

use anyhow::Result;
use jiff::civil::Date;

use crate::error::{CommandError, Kind};

/// Today in the local time zone. `AIPATH_TODAY=YYYY-MM-DD` pins it, so tests and demos are reproducible.
pub fn today() -> Result<Date> {
    Ok(now()?.date())
}

/// Now, in the local time zone with its offset: the time a change is recorded at. `AIPATH_TODAY` pins the day
/// (the time of day is still the clock's).
pub fn now() -> Result<jiff::ZonedDateTime> {
    let zone = local_zone();
    let now = jiff::Timestamp::now().to_zoned_datetime(zone.clone());
    match std::env::var("AIPATH_TODAY") {
        Ok(text) if !text.is_empty() => {
            let day = parse_date(&text).map_err(|why| {
                CommandError::from(why)
                    .context("AIPATH_TODAY")
                    .hint("unset AIPATH_TODAY to use today's date")
            })?;
            Ok(day
                .to_datetime(now.time())
                .to_zoned_datetime(zone)
                .unwrap_or(now))
        }
        _ => Ok(now),
    }
}

/// A date as a learner types it (`--start`, `--date`, `AIPATH_TODAY`), refused in aipath's words with the form it
/// takes: the parser's own account ("failed to parse four digit integer…") says nothing a learner can act on.
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    if let Ok(date) = text.trim().parse::<Date>() {
        return Ok(date);
    }
    if let Some((year, month, day)) = numbers(text.trim())
        && let Ok(first) = Date::new(year, month, 1)
        && day > first.days_in_month()
        && let Some(name) = usize::try_from(month)
            .ok()
            .and_then(|m| MONTHS.get(m.checked_sub(1)?))
    {
        return Err(DateError::NoSuchDay {
            text: text.to_string(),
            month: name,
            year,
            days: first.days_in_month(),
        });
    }
    Err(DateError::NotADate(text.to_string()))
}

/// A date a learner typed that is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date")]
    NotADate(String),
    #[error("`{text}` is not a date: {month} {year} has {days} days")]
    NoSuchDay {
        text: String,
        month: &'static str,
        year: i16,
        days: i8,
    },
}

/// Bad input (exit 2); a text that is no date at all is told the form a date takes.
impl From<DateError> for CommandError {
    fn from(err: DateError) -> Self {
        let form = matches!(err, DateError::NotADate(_));
        let err = CommandError::new(Kind::Input, err);
        if form {
            err.hint("write it as YYYY-MM-DD, e.g. 2026-01-05")
        } else {
            err
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The year, month and day of text of the form `YYYY-MM-DD`, whatever their values.
fn numbers(text: &str) -> Option<(i16, i8, i8)> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// The local time zone. Without `TZ`, it is read straight from `/etc/localtime`: jiff's own lookup first lists the
/// whole zoneinfo folder to learn the zone's name, which took longer than the rest of `aipath next`, and a date needs
/// only the zone's rules, not its name. `TZ` and systems without `/etc/localtime` are left to jiff.
fn local_zone() -> jiff::tz::TimeZone {
    #[cfg(unix)]
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(zone) = jiff::tz::TimeZone::tzif("localtime", &data)
    {
        return zone;
    }
    jiff::tz::TimeZone::system()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_refused_with_the_form_they_take() {
        assert_eq!(
            parse_date("2026-01-05").map(|d| d.to_string()),
            Ok("2026-01-05".to_string())
        );
        let form = |t: &str| DateError::NotADate(t.to_string());
        for bad in [
            "2026-13-01",
            "today",
            "5/1/2026",
            "2026-1-5",
            "",
            "2026-00-10",
            "2026-01-00",
        ] {
            assert_eq!(parse_date(bad), Err(form(bad)), "{bad}");
        }
        assert_eq!(
            parse_date("2026-02-30"),
            Err(DateError::NoSuchDay {
                text: "2026-02-30".to_string(),
                month: "February",
                year: 2026,
                days: 28
            })
        );
        assert_eq!(
            parse_date("2028-02-30").map_err(|e| e.to_string()),
            Err("`2028-02-30` is not a date: February 2028 has 29 days".to_string())
        );
        let hints = parse_date("today")
            .err()
            .map(|e| CommandError::from(e).hints().to_vec());
        assert_eq!(
            hints,
            Some(vec!["write it as YYYY-MM-DD, e.g. 2026-01-05".to_string()])
        );
    }
}
