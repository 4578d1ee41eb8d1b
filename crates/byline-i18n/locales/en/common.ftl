# Shared by every capability: dates, reading time, language names.

## Dates. $day is a number, $month a name below, $year four digits.
date-long = { $day } { $month } { $year }
# $date is date-long, $time "09:40", $zone the time zone's abbreviation.
datetime-long = { $date }, { $time } { $zone }
date-short = { $day } { $month }
date-day-heading = { $weekday }, { $day } { $month }

month-long-1 = January
month-long-2 = February
month-long-3 = March
month-long-4 = April
month-long-5 = May
month-long-6 = June
month-long-7 = July
month-long-8 = August
month-long-9 = September
month-long-10 = October
month-long-11 = November
month-long-12 = December

month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

## Reading time on cards and articles.
reading-time = { $count } min read
