# Answers of the live update streams (Server-Sent Events): `/news-feed/events`,
# `/live/…/events` and `/events`. A browser's page shows none of them; a reader or
# a developer reading the answer does.

# $limit is the number of streams one address may keep open.
live-stream-too-many-per-client = Too many live update streams are open from your address (at most { $limit }). Close some of this site's tabs and reload the page.
live-stream-full = Live updates are at capacity right now. Reload the page in a minute to see the latest updates.
# $name is `Last-Event-ID` or `after`; $value is what was sent.
live-stream-bad-resume = `{ $name }` must be the id of the last update received, a whole number from 0, not `{ $value }`
# $value is the unknown stream name.
live-stream-bad-streams = `streams` lists `feed` and `site`, separated by commas; `{ $value }` is not one of them
