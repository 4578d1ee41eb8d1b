# The desk's reply to a reader's error report (crates/byline-mail/templates/letters/report_reply.*).
# $site is the outlet's name, $headline the article's headline, $count days.
mail-report-subject = { $site }: about your report on “{ $headline }”
mail-report-intro = Thank you for writing to { $site } about the article “{ $headline }”. An editor has answered:
mail-report-you-quoted = You quoted:
mail-report-button = Read the article
mail-report-open-link = The article:
mail-report-privacy = You receive this because you gave your address with your report. We use it only to answer you and erase it { $count ->
        [one] { $count } day
       *[other] { $count } days
    } after the report is closed.
