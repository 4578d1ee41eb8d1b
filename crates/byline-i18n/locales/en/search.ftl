# Search: the reader's page, the header box, the JSON answer's messages, the desk search.
search-title = Search
search-description = Search the articles of this site.
search-box-label = Search articles
search-box-placeholder = Search
search-submit = Search
search-filters = Filters and order
search-filter-section = Section
search-filter-any = Any section
search-filter-author = Author (slug)
search-filter-from = From
search-filter-to = To
search-filter-language = Language code
search-sort = Order
search-sort-relevance = Best match
search-sort-newest = Newest first
search-page-prev = Previous results
search-page-next = More results
search-count = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-no-results = Nothing found for “{ $query }”. Try other words or fewer filters.
search-unavailable = Search is temporarily unavailable while its index is being built. Please try again in a few seconds.
search-problem-empty = Type a word or two to search for.
search-problem-too-long = That search is too long: keep it under 300 characters.
search-problem-no-terms = That search has no words to look for. Try letters or numbers, not only punctuation.
search-problem-bad-date = Dates are written as YYYY-MM-DD, for example 2026-03-01.
search-problem-bad-sort = Results can be ordered by best match or newest first only.
search-problem-bad-page = The page number must be a whole number from 1 to 1000.
search-problem-bad-language = The language must be a code such as en or uk.
search-desk-title = Search articles
search-desk-nav = Search
search-desk-unpublished = not public
