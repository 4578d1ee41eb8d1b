# Live coverage on the public site: the News Feed, live pages, the banner and the page script.

live-feed-title = News Feed
live-feed-description = Short, timestamped updates from { $site }.
live-feed-page-heading = News Feed, page { $page }
live-feed-empty = No updates yet.
live-feed-older = Older updates
live-feed-newer = Newer updates
live-feed-all = All updates
live-pinned = Pinned
live-breaking = Breaking
live-key-event = Key event
live-permalink = Link to this update
live-share = Share
live-share-copied = Link copied
live-share-heading = Share this update
live-read-article = Read the article
live-source-link = Source
live-image-credit = Photo: { $credit }
live-updates-heading = Updates
live-new-updates = { $count ->
    [one] { $shown } new update
   *[other] { $shown } new updates
}
live-badge = Live
live-ended = This live coverage has ended.
live-key-points = Key points
live-key-events = Key events
live-entries-heading = Latest updates
live-entries-heading-oldest = Updates, oldest first
live-order-label = Order of updates
live-order-newest = Newest first
live-order-oldest = Oldest first
live-started = Started
live-index-title = Live coverage
live-index-description = Live pages of { $site }: ongoing events as they happen.
live-index-empty = No live coverage yet.
live-index-ended = Ended
live-banner-breaking = Breaking news
live-banner-notice = Announcement
live-banner-dismiss = Dismiss this announcement
live-error-order = The order “{ $value }” is not known: use newest or oldest.
