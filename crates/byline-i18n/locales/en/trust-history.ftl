# Public revision history of an article and word-level comparisons.
trust-history-link = History
trust-history-revisions =
    { $count ->
        [one] { $count } revision
       *[other] { $count } revisions
    }
trust-history-title = History of “{ $headline }”
trust-history-intro = Every version of this article that was published, with what changed. Choose two revisions to compare them word by word.
trust-history-back = Back to the article
trust-history-caption = Published revisions, newest first
trust-history-col-revision = Revision
trust-history-col-published = Published
trust-history-col-note = Update note
trust-history-col-corrections = Corrections
trust-history-revision-n = Revision { $version }
trust-history-compare-heading = Compare two revisions
trust-history-from = From
trust-history-to = to
trust-history-compare = Compare
trust-history-excluded = Revision { $version } was excluded from public history on { $date }. Reason: { $reason }
trust-history-compared-around = Revision { $version } is excluded from public history, so revision { $instead } is compared instead.
trust-history-nothing-around = Revision { $version } is excluded from public history and there is no other revision to compare in its place.
trust-history-bad-revision = “{ $value }” is not a revision number.
trust-history-two-revisions = Choose two revisions to compare: both “from” and “to”.
trust-revision-title = Revision { $version } of “{ $headline }”
trust-revision-back = All revisions
trust-revision-first = This is the first published revision: there is no earlier one to compare it with.
trust-revision-text-heading = Full text of revision { $version }
trust-diff-heading = Changes from revision { $from } to revision { $to }
trust-diff-legend-intro = How to read the changes:
trust-diff-legend-added = added words are underlined
trust-diff-legend-removed = removed words are struck through
trust-diff-same = The two revisions have the same headline, standfirst and text.
trust-diff-unchanged = unchanged
trust-diff-headline = Headline
trust-diff-standfirst = Standfirst
trust-diff-body = Text
trust-diff-added-sr = [added:
trust-diff-removed-sr = [removed:
trust-diff-end-sr = ]
