# Slugs derived from headlines and names (byline-domain `slug`), and revision snapshots.

# A headline or name of symbols or emoji alone gives no slug.
slug-no-letters = must contain letters or digits
# $slug is what was typed.
slug-invalid = `{ $slug }` is not a valid slug (use 1-120 lowercase letters, digits and hyphens)

# The status shown in the desk's revision list for a revision whose stored copy is damaged.
slug-revision-unreadable = unreadable
# Restoring such a revision is refused with this.
slug-revision-damaged = This version's stored copy is damaged and cannot be shown or restored.
