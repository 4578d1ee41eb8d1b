# Slugs derived from headlines and names (byline-domain `slug`), and revision snapshots.

# A headline or name of symbols or emoji alone gives no slug.
slug-no-letters = має містити літери або цифри
# $slug is what was typed.
slug-invalid = `{ $slug }` не годиться для адреси (потрібно від 1 до 120 малих латинських літер, цифр і дефісів)

# The status shown in the desk's revision list for a revision whose stored copy is damaged.
slug-revision-unreadable = не читається
# Restoring such a revision is refused with this.
slug-revision-damaged = Збережену копію цієї версії пошкоджено: її не можна показати чи відновити.
