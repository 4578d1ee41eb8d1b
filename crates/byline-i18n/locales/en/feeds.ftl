# Feeds: titles in <link rel="alternate"> and in the feed documents. $title is the
# site's or the section's name.
feed-title-rss = { $title } (RSS)
feed-title-atom = { $title } (Atom)
feed-title-json = { $title } (JSON Feed)
# A section's feed: $section is its name, $site the outlet's.
feed-section-title = { $section } | { $site }
