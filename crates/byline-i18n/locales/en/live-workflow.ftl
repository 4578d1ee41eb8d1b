# Live coverage workflows (News Feed items, live pages and entries, the banner): validation
# errors, refusals and conflicts, shown the same on the desk, in the Admin API and on the
# command line. Generic messages (is required, at most N characters) are in workflow.ftl.

## Names of input fields in messages.
wf-live-field-link = Link
wf-live-field-article = Article
wf-live-field-image = Image
wf-live-field-image-credit = Image credit
wf-live-field-summary = Key points
wf-live-field-text = Banner text
wf-live-field-style = Style
wf-live-field-starts-at = Start time
wf-live-field-ends-at = End time
wf-live-field-published = Published
wf-live-field-published-at = Time

## Validation.
wf-live-link-invalid = must be an http(s) address or a link to an article on this site (/articles/…)
wf-live-article-unknown = there is no article “{ $slug }” on this site
wf-live-image-unknown = there is no image “{ $name }” in the media library; upload it first
wf-live-too-many-authors = at most { $max } bylines
wf-live-ends-before-start = must be later than the start time (and in the future)
wf-live-style-unknown = “{ $value }” is not a banner style: use breaking or notice
wf-live-status-unknown = “{ $value }” is not live or archived
wf-live-time-format = “{ $value }” is not a time like 2026-12-02T18:00:00Z
wf-live-time-out-of-range = must be between 1990 and tomorrow (a later time would keep the item on top)

## Refusals by the role policy (403).
wf-live-refused-not-own = You can edit and delete only your own News Feed items and live entries.
wf-live-refused-contributor-public = Contributors cannot change an item or an entry once it is published.
wf-live-refused-not-own-page = You can edit, archive and reopen only the live pages you started.

## Conflicts (409).
wf-live-archived = This live coverage has ended (it is archived): it takes no new entries or changes. Reopen it first.
wf-live-stale-version = this was changed by someone else since you opened it; reload it and try again
