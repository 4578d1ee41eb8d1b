# Narrated audio: the byline line read at the start, the article page's player, the podcast feeds.
audio-byline-one = By { $name }
audio-byline-many = By { $rest } and { $last }
audio-heading = Listen to this article
audio-disclosure = This audio is created with AI assistance
audio-recorded = Read by a member of our newsroom
audio-duration = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
audio-download = Download the audio (MP3)
audio-no-player = Your browser cannot play this audio here; download it instead.
audio-podcast-link = Podcast: narrated articles
podcast-title = { $site }: narrated articles
podcast-section-title = { $site }: { $section }, narrated
podcast-description = Articles from { $site }, read aloud.
podcast-section-description = Articles from { $section } at { $site }, read aloud.
