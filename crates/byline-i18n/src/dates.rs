//! Dates and times in the catalog's words ("24 листопада 2026, 09:40 EET").

use chrono::{DateTime, Datelike, TimeZone};

use crate::{Arg, Lang};

/// How much of a moment to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// "24 November 2026".
    Long,
    /// "24 November 2026, 09:40 EET".
    LongWithTime,
    /// "24 Nov".
    Short,
    /// "Tuesday, 24 November" (day headings in streams).
    DayHeading,
    /// "09:40".
    Clock,
}

impl Lang {
    /// `t` formatted in its own zone with this language's month and weekday names.
    pub fn date<Tz: TimeZone>(&self, t: &DateTime<Tz>, style: DateStyle) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        let clock = t.format("%H:%M").to_string();
        if style == DateStyle::Clock {
            return clock;
        }
        let day = i64::from(t.day());
        let month = t.month();
        let long_month = self.t(&format!("month-long-{month}"));
        match style {
            DateStyle::Long => self.long(day, &long_month, t.year()),
            DateStyle::LongWithTime => {
                let date = self.long(day, &long_month, t.year());
                let zone = t.format("%Z").to_string();
                self.t_args(
                    "datetime-long",
                    &[
                        ("date", date.into()),
                        ("time", clock.into()),
                        ("zone", zone.into()),
                    ],
                )
            }
            DateStyle::Short => self.t_args(
                "date-short",
                &[
                    ("day", Arg::Num(day)),
                    ("month", self.t(&format!("month-short-{month}")).into()),
                ],
            ),
            DateStyle::DayHeading => {
                let weekday = t.weekday().number_from_monday();
                self.t_args(
                    "date-day-heading",
                    &[
                        ("weekday", self.t(&format!("weekday-{weekday}")).into()),
                        ("day", Arg::Num(day)),
                        ("month", long_month.into()),
                    ],
                )
            }
            DateStyle::Clock => clock,
        }
    }

    fn long(&self, day: i64, month: &str, year: i32) -> String {
        self.t_args(
            "date-long",
            &[
                ("day", Arg::Num(day)),
                ("month", month.into()),
                // Years are not grouped ("2026", not "2,026").
                ("year", year.to_string().into()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn months_come_from_the_catalog() {
        let t = Utc.with_ymd_and_hms(2026, 11, 24, 7, 40, 0).unwrap();
        let kyiv = t.with_timezone(&chrono_tz::Europe::Kyiv);
        assert_eq!(
            Lang::En.date(&kyiv, DateStyle::LongWithTime),
            "24 November 2026, 09:40 EET"
        );
        assert_eq!(
            Lang::Uk.date(&kyiv, DateStyle::LongWithTime),
            "24 листопада 2026, 09:40 EET"
        );
        assert_eq!(Lang::En.date(&kyiv, DateStyle::Short), "24 Nov");
        assert_eq!(Lang::Uk.date(&kyiv, DateStyle::Short), "24 лист.");
        assert_eq!(
            Lang::Uk.date(&kyiv, DateStyle::DayHeading),
            "вівторок, 24 листопада"
        );
        assert_eq!(
            Lang::En.date(&kyiv, DateStyle::DayHeading),
            "Tuesday, 24 November"
        );
        assert_eq!(Lang::En.date(&kyiv, DateStyle::Clock), "09:40");
    }
}
