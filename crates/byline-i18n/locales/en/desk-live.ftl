# Live coverage on the desk: the News Feed, live pages and their entries, the site
# banner (/desk/news-feed, /desk/live, /desk/banner). Prefix: desk-live-.

## Navigation
desk-live-nav-news-feed = News Feed
desk-live-nav-live = Live
desk-live-nav-banner = Banner

## Words shared by the forms and lists
desk-live-field-headline = Headline
desk-live-field-entry-headline = Headline of the update
desk-live-optional = (optional)
desk-live-field-body = Text
desk-live-field-link = Link
desk-live-field-bylines = Bylines
# $slugs is the list of byline slugs.
desk-live-bylines-hint = (comma-separated: { $slugs })
desk-live-field-image = Image
desk-live-field-image-file = Image file
desk-live-field-image-none = No image
desk-live-field-image-alt = Alt text
desk-live-field-image-credit = Credit
desk-live-field-breaking = Breaking
desk-live-field-pinned = Pin to the top
desk-live-field-key-event = Key event
desk-live-field-pin = Pin this update
desk-live-field-time = Time shown
# $zone is the outlet's time zone.
desk-live-time-hint = (in { $zone })
desk-live-field-summary = Key points
desk-live-summary-hint = (Markdown: a short list kept at the top of the page)
desk-live-field-slug = Address
desk-live-field-edition = Edition
desk-live-slug-hint = (optional: made from the headline)
desk-live-publish = Publish
desk-live-save-draft = Save draft
desk-live-save-changes = Save changes
desk-live-unpublish = Unpublish
desk-live-drafts-only = Your role saves drafts; an author or an editor publishes them.
desk-live-draft = draft
desk-live-published = published
desk-live-breaking = Breaking
desk-live-pinned = Pinned
desk-live-key-event = Key event
desk-live-edit = Edit
desk-live-delete = Delete
desk-live-view-public = View
desk-live-post-failed = Not posted. Try again, or reload the page.
desk-live-post-offline = Not posted: the desk cannot be reached. Check the connection and try again.
# $problem says what is wrong.
desk-live-not-saved = Not saved: { $problem }
desk-live-not-saved-conflict = Not saved: { $problem } Someone changed it while you were editing; your text is kept below. Open it again to see their version.

## The News Feed
desk-live-feed-title = News Feed
desk-live-feed-post-heading = Post an item
desk-live-feed-body-hint = (optional: a few sentences, Markdown)
desk-live-feed-link-hint = (optional: an article of this site, /articles/…, or an http(s) address)
desk-live-feed-recent = Recent items
desk-live-feed-your-drafts = Your drafts
desk-live-feed-none = No items yet.
desk-live-feed-back = All items
desk-live-feed-edit-heading = Edit the item
# $headline is the item's headline.
desk-live-feed-edit-title = Edit “{ $headline }”
desk-live-feed-confirm-delete = Delete “{ $headline }” for good?
desk-live-delete-item = Delete this item
desk-live-feed-notice-published = Published “{ $headline }”.
desk-live-feed-notice-draft = Saved “{ $headline }” as a draft.
desk-live-feed-notice-deleted = Deleted “{ $headline }”.

## Live pages
desk-live-list-title = Live pages
desk-live-list-pages = All live pages
desk-live-list-none = No live pages yet.
desk-live-state = State
desk-live-live = live
desk-live-archived = archived
desk-live-started = Started
desk-live-last-entry = Last update
desk-live-no-entries-yet = No updates yet.
desk-live-new-heading = Start a live page
desk-live-create = Start the live page
# $headline is the live page's headline.
desk-live-page-title = Live: { $headline }
desk-live-view-public-page = Public page
desk-live-back-to-list = All live pages
desk-live-back-to-page = Back to “{ $headline }”
# $count is a number.
desk-live-key-events-count = { $count ->
    [one] { $count } key event
   *[other] { $count } key events
}
desk-live-edit-page = Headline and key points
desk-live-save-page = Save headline and key points
desk-live-composer-heading = Post an update
desk-live-entry-body-hint = (Markdown)
desk-live-entries-heading = Updates
desk-live-entry-edit-title = Edit the update
desk-live-delete-entry = Delete this update
desk-live-entry-confirm-delete = Delete this update for good?
desk-live-mark-key = Mark as key event
desk-live-unmark-key = Unmark key event
desk-live-pin = Pin
desk-live-unpin = Unpin
desk-live-archive = Archive: end the live coverage
desk-live-confirm-archive = End this live coverage? Readers see it frozen, oldest update first; you can reopen it.
desk-live-reopen = Reopen the live coverage
desk-live-ended = This live coverage has ended. It is read-only; reopen it to post again.
desk-live-notice-created = Started “{ $headline }”. Post the first update below.
desk-live-notice-page-saved = Saved “{ $headline }”.
desk-live-notice-archived = Archived “{ $headline }”.
desk-live-notice-reopened = Reopened “{ $headline }”.
desk-live-entry-notice-published = Update published.
desk-live-entry-notice-draft = Update saved as a draft.
desk-live-entry-notice-deleted = Update deleted.
desk-live-entry-notice-key = Marked as a key event.
desk-live-entry-notice-unkey = No longer a key event.
desk-live-entry-notice-pinned = Update pinned.
desk-live-entry-notice-unpinned = Update unpinned.
# $value is what was sent.
desk-live-status-unknown = “{ $value }” is not a state of a live page: use live or archived.
desk-live-flag-unknown = “{ $value }” is not a mark of an update: use key_event or pinned.

## The banner
desk-live-banner-title = Site banner
desk-live-banner-text = Text
desk-live-banner-link-hint = (optional: an http(s) address or a path of this site)
desk-live-banner-style = Style
desk-live-banner-style-breaking = Breaking news (red)
desk-live-banner-style-notice = Announcement (quiet)
desk-live-banner-style-choose = Choose breaking news or announcement.
desk-live-banner-starts = Show from
# $zone is the outlet's time zone.
desk-live-banner-starts-hint = (in { $zone }; empty: now)
desk-live-banner-ends = Show until
desk-live-banner-ends-hint = (in { $zone }; empty: until cleared)
desk-live-banner-save = Set the banner
desk-live-banner-clear = Clear the banner
desk-live-banner-none = No banner is set.
desk-live-banner-showing = The banner shows on every page until you clear it.
# $time is a date and time.
desk-live-banner-showing-until = The banner shows on every page until { $time }.
desk-live-banner-scheduled = The banner shows from { $time }.
desk-live-banner-expired = The banner ended at { $time }.
desk-live-banner-notice-set = Banner set.
desk-live-banner-notice-cleared = Banner cleared.
