# Спільне для всіх розділів: дати, час читання, назви мов.

## Дати. $month — назва місяця в родовому відмінку.
date-long = { $day } { $month } { $year }
datetime-long = { $date }, { $time } { $zone }
date-short = { $day } { $month }
date-day-heading = { $weekday }, { $day } { $month }

month-long-1 = січня
month-long-2 = лютого
month-long-3 = березня
month-long-4 = квітня
month-long-5 = травня
month-long-6 = червня
month-long-7 = липня
month-long-8 = серпня
month-long-9 = вересня
month-long-10 = жовтня
month-long-11 = листопада
month-long-12 = грудня

month-short-1 = січ.
month-short-2 = лют.
month-short-3 = бер.
month-short-4 = квіт.
month-short-5 = трав.
month-short-6 = черв.
month-short-7 = лип.
month-short-8 = серп.
month-short-9 = вер.
month-short-10 = жовт.
month-short-11 = лист.
month-short-12 = груд.

weekday-1 = понеділок
weekday-2 = вівторок
weekday-3 = середа
weekday-4 = четвер
weekday-5 = п’ятниця
weekday-6 = субота
weekday-7 = неділя

## Час читання на картках і в статтях.
reading-time =
    { $count ->
        [one] { $count } хвилина читання
        [few] { $count } хвилини читання
       *[many] { $count } хвилин читання
    }
