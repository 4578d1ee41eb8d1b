# Public corrections: on the article, the corrections page and its feeds.
trust-correction-kind-correction = Correction
trust-correction-kind-clarification = Clarification
trust-article-corrections-heading =
    { $count ->
        [one] Correction notice
       *[other] Correction notices
    }
trust-correction-see-revision = See this revision
trust-corrections-heading = Corrections and clarifications
trust-corrections-intro = Every correction and clarification we have published, newest first. Each links to the article and to the revision it was published with.
trust-corrections-description = Corrections and clarifications published by { $site }.
trust-corrections-list-heading = Corrections, newest first
trust-corrections-empty = No corrections have been published yet.
trust-corrections-feed-rss = Corrections (RSS)
trust-corrections-feed-json = Corrections (JSON Feed)
trust-corrections-feed-title = { $site }: corrections and clarifications
trust-corrections-feed-item = { $kind }: { $headline }
trust-footer-corrections = Corrections
