# Readers' error reports on the desk (crates/byline-web/src/desk/reports.rs, templates/desk/report*.html)
# and the triage workflow's messages (src/workflow/reports.rs).
desk-reports-nav = Reports
desk-reports-nav-open = { $count ->
        [one] { $count } open
       *[other] { $count } open
    }
desk-reports-title = Readers' error reports
desk-reports-filter-label = Show reports
desk-reports-filter-all = All
desk-reports-count = { $count ->
        [one] { $count } report.
       *[other] { $count } reports.
    }
desk-reports-received = Received
desk-reports-article = Article
desk-reports-excerpt = Quote or comment
desk-reports-state = State
desk-reports-bad-filter = Unknown report state: choose new, accepted, rejected or fixed.
desk-report-title = Report { $count }
desk-report-back = All reports
desk-report-revision = the version the reader read ({ $count })
desk-report-quote = Quote
desk-report-comment = Comment
desk-report-none = (none)
desk-report-email = Reader's address
desk-report-email-none = none given
desk-report-email-erased = erased (30 days after the report was closed)
desk-report-history = History
desk-report-history-none = Not triaged yet.
desk-report-event = { $who }: { $from } → { $to }
desk-report-triage = Triage
desk-report-move-legend = Move the report to
desk-report-move-new = New
desk-report-move-accepted = Accepted: the error is real and will be corrected
desk-report-move-rejected = Rejected: no error
desk-report-move-fixed = Fixed: the article is corrected
desk-report-state-new = new
desk-report-state-accepted = accepted
desk-report-state-rejected = rejected
desk-report-state-fixed = fixed
desk-report-reply = Reply to the reader (optional)
desk-report-reply-hint = Sent by email in the site's language with this change; leave empty to send nothing.
desk-report-save = Save
desk-report-moved = The report is now { $state }.
wf-report-field-state = State
wf-report-field-reply = Reply
wf-report-state-missing = choose the state to move the report to
wf-report-state-unknown = unknown state: use new, accepted, rejected or fixed
wf-report-transition = a report cannot go from { $from } to { $to }
wf-report-stale = Someone else triaged this report meanwhile; reload it to see its state.
wf-report-no-address = this reader gave no address, so no reply can be sent
