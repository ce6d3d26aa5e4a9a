//! Today's date: the one place aipath reads the clock and the time zone. The pure core takes the date as an argument.

use anyhow::Result;
use jiff::civil::Date;

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
            let day = text.parse::<Date>().map_err(|e| {
                crate::error::input(format!(
                    "AIPATH_TODAY=`{text}` is not a date (YYYY-MM-DD): {e}"
                ))
            })?;
            Ok(day
                .to_datetime(now.time())
                .to_zoned_datetime(zone)
                .unwrap_or(now))
        }
        _ => Ok(now),
    }
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
