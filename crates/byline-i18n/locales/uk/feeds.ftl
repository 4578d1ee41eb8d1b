# Стрічки: назви в <link rel="alternate"> і в самих документах стрічок.
feed-title-rss = { $title } (RSS)
feed-title-atom = { $title } (Atom)
feed-title-json = { $title } (JSON Feed)
feed-section-title = { $section } | { $site }
