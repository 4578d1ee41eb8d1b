# Readers' error reports on the public site: the link on articles, the dialog, the form
# page and its answers (crates/byline-web/templates/trust/report_*.html, src/trust/reports.rs).
report-link = Report an error
report-hint = Select text and press Ctrl+Enter to report an error.
report-heading = Report an error
report-meta-description = Tell the editors about an error in an article.
report-about = In the article:
report-intro = Tell us what is wrong: quote the words and say what is right. The editors read every report.
report-field-article = Address of the article
report-field-honeypot = Leave this field empty
report-field-quote = The words that are wrong
report-field-quote-hint = Copy them from the article (optional if you write a comment).
report-field-comment = What is wrong, and what is right
report-field-email = Your email address (optional)
report-field-email-hint = Only to answer you; erased 30 days after your report is closed.
report-send = Send report
report-cancel = Cancel
report-close = Close
report-sending = Sending…
report-network-error = The report could not be sent. Check your connection and try again.
report-privacy-before = We keep no address of your device. See our
report-privacy-link = privacy policy
report-privacy-after = .
report-sent-heading = Thank you
report-sent-message = Your report has reached the editors. Thank you for helping us get it right.
report-back-to-article = Back to “{ $headline }”
report-front-page = To the front page
report-too-long = At most { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }.
report-empty = Quote the words that are wrong or write a comment.
report-email-invalid = This is not an email address.
report-problems = The report was not sent: please check the fields marked below.
report-article-unreadable = This is not the address of an article of this site.
report-article-foreign = This address belongs to another site: only articles of this site can be reported here.
report-article-unknown = There is no published article at this address.
report-cross-site = This report came from another site and was refused. Please use the form on our site.
report-too-many = Too many reports from your network in a short time. Please try again in a few minutes; your text is kept below.
report-too-large = The report is too long to be read.
report-desk-busy = The editors are receiving too many reports right now. Please try again later; your text is kept below.
