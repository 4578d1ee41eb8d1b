# The desk: staff pages at /desk/ (frame, sign-in, articles, editor, media, newsletters,
# staff, audit log, account). Prefix: desk-.

## Frame and navigation
desk-brand = Byline desk
desk-skip-link = Skip to content
desk-nav-label = Desk
desk-nav-articles = Articles
desk-nav-new-article = New article
desk-nav-media = Media
desk-nav-newsletters = Newsletters
desk-nav-staff = Staff
desk-nav-audit = Audit log
desk-nav-public-site = Public site
desk-sign-out = Sign out
desk-actions = Actions
desk-view = View
desk-pages-label = Pages
desk-pages-newer = Newer
desk-pages-older = Older
# $page and $pages are numbers.
desk-pages-position = Page { $page } of { $pages }

## Words shared by forms
desk-field-email = Email
desk-field-password = Password
desk-field-your-name = Your name
desk-field-new-password = New password
desk-field-new-password-hint = (at least { $count } characters)
desk-field-alt = Alt text
desk-field-caption = Caption
desk-field-credit = Credit

## Article statuses
desk-status-draft = draft
desk-status-scheduled = scheduled
desk-status-published = published
desk-status-unpublished = unpublished

## Roles
desk-role-contributor = contributor
desk-role-author = author
desk-role-editor = editor
desk-role-admin = admin

## Sign-in
desk-sign-in-title = Sign in
desk-sign-in-code = Authentication code
desk-sign-in-code-hint = (only if two-factor sign-in is on)
desk-sign-in-button = Sign in
desk-sign-in-forgot = Forgot your password?
# The one answer to every failed sign-in: it does not say which part was wrong.
desk-sign-in-failed = The email, password or authentication code is not right.
desk-sign-in-throttled = { $count ->
    [one] Too many sign-in attempts. Try again in { $count } second.
   *[other] Too many sign-in attempts. Try again in { $count } seconds.
}
desk-csrf-expired = The form's security token is missing or out of date. Reload the page and try again.
desk-form-unreadable = The form could not be read. Reload the page and try again.
desk-session-ended = Your session has ended. Sign in again, then retry.

## Password reset and invitations
desk-forgot-title = Reset your password
desk-forgot-button = Send a reset link
desk-forgot-throttled = { $count ->
    [one] Too many requests. Try again in { $count } second.
   *[other] Too many requests. Try again in { $count } seconds.
}
desk-forgot-sent-title = Check your email
desk-forgot-sent = If an account exists for that address, we have sent it a link to choose a new password. The link works for one hour.
desk-back-to-sign-in = Back to sign in
desk-reset-title = Choose a new password
desk-reset-button = Save the new password
desk-invite-title = Join the newsroom
desk-invite-button = Create my account
desk-link-expired = This link has expired or has already been used. Ask for a new one.
desk-password-changed-title = Password changed
desk-password-changed = Your password has been changed and every session of your account has been signed out.
desk-enter-your-name = Enter your name.
desk-password-too-short = { $count ->
    [one] Use at least { $count } character.
   *[other] Use at least { $count } characters.
}
desk-password-too-long = { $count ->
    [one] Use at most { $count } character.
   *[other] Use at most { $count } characters.
}

## Article list
desk-articles-title = Articles
desk-bin-title = Bin
desk-articles-filter-label = Filter articles
desk-articles-status = Status
desk-articles-section = Section
desk-articles-byline = Written by
desk-articles-bylines = Bylines
desk-articles-any = Any
desk-articles-filter = Filter
desk-articles-back = Back to articles
desk-articles-count = { $count ->
    [one] { $count } article.
   *[other] { $count } articles.
}
desk-articles-headline = Headline
desk-articles-updated = Updated
desk-articles-pick = Pick
desk-articles-restore = Restore

## Editor
desk-edit-title = Edit article
desk-edit-version = version { $count }
desk-edit-revisions = Revisions
desk-edit-headline = Headline
desk-edit-slug = Slug
desk-edit-slug-hint = (optional, from the headline if empty)
desk-edit-standfirst = Standfirst
desk-edit-body = Body
desk-edit-body-hint-before = (Markdown; a line
desk-edit-body-hint-after = adds a “Read also” card)
desk-edit-live-preview = Live preview
desk-edit-live-preview-hint = Type in the body to see it here, or use the Preview button.
# $slugs lists the byline slugs to choose from.
desk-edit-bylines-hint = (slugs, comma-separated: { $slugs })
desk-edit-tags = Tags
desk-edit-tags-hint = (comma-separated)
desk-edit-dateline = Dateline
desk-edit-language = Language
desk-edit-hero = Hero image
desk-edit-hero-file = Media file
desk-edit-hero-none = None
desk-edit-editors-pick = Editors' Pick
desk-edit-publish-at = Publish at
# $zone is the outlet's time zone, e.g. Europe/Kyiv.
desk-edit-publish-at-hint = ({ $zone }; for scheduling)
desk-edit-update-note = Update note
desk-edit-update-note-hint = (shown publicly on a published article)
desk-edit-save-draft = Save draft
desk-edit-save-changes = Save changes
desk-edit-preview = Preview
desk-edit-publish = Publish
desk-edit-publish-update = Publish update
desk-edit-schedule = Schedule
desk-edit-unpublish = Unpublish
desk-edit-front-page = Front page
desk-edit-home-position = Position on the home page
desk-edit-home-position-hint = (0 = lead story; empty = by time)
desk-edit-save-placement = Save front-page placement
desk-edit-move-to-bin = Move to bin
# $time is the time of the save as the server wrote it.
desk-autosave-saved = Draft saved at { $time }.
desk-autosave-failed = Autosave failed.
desk-autosave-offline = Autosave failed: are you offline?

## Revisions
desk-revisions-title = Revisions
desk-revisions-heading = Revisions of “{ $headline }”
desk-revisions-back = Back to the editor
desk-revisions-version = Version
desk-revisions-saved = Saved
desk-revisions-by = By
desk-revisions-current = (current)
desk-revisions-compare = Compare with current
desk-revisions-compare-which = (version { $count })
desk-diff-heading = Version { $version } compared with the current version { $current }
desk-diff-all-revisions = All revisions
desk-diff-removed = removed since version { $count }
desk-diff-added = added since
desk-diff-restore = Restore version { $count }
desk-diff-restore-hint = (saved as a new version; nothing is lost)

## Media library
desk-media-title = Media library
desk-media-upload-heading = Upload an image
desk-media-upload-hint = JPEG, PNG, WebP or GIF up to { $count } MB. Location data (GPS) and all other metadata are removed from every upload.
desk-media-file = Image file
desk-media-alt-hint = (required: describe the picture for readers who cannot see it)
desk-media-upload = Upload
desk-media-width = { $count } px wide

## Newsletters
desk-nl-newsletter = Newsletter
desk-nl-confirmed = Confirmed subscribers
desk-nl-last-sent = Last sent
desk-nl-never = never
desk-nl-settings = Newsletter settings
desk-nl-create-or-edit = Create or edit a newsletter
desk-nl-settings-hint = Each newsletter's form updates it; subscribers keep their lists. A new newsletter needs a slug no other uses.
desk-nl-name = Name
desk-nl-description = Description
desk-nl-sender-name = Sender name
desk-nl-sender-address = Sender address
desk-nl-position = Position
desk-nl-save = Save { $name }
desk-nl-new = New newsletter
desk-nl-slug-hint = (its address: /newsletters/slug)
desk-nl-create = Create newsletter
desk-nl-campaigns = Campaigns
desk-nl-subject = Subject
desk-nl-list = List
desk-nl-sent = Sent
desk-nl-remaining = Remaining
desk-nl-failed = Failed or bounced
desk-nl-unconfirmed-title = the message left but the mail server's reply was lost; not resent
desk-nl-unconfirmed = { $count } unconfirmed
desk-nl-new-campaign = New campaign
desk-nl-body-hint = (Markdown; leave empty with “digest” to list the articles published since the last send)
desk-nl-digest = Automatic digest
desk-nl-send-now = Send now
desk-nl-subscribers = Subscribers
desk-nl-search = Search
desk-nl-export = Export CSV
desk-nl-lists = Lists
desk-nl-since = Since
desk-nl-bounced = bounced
desk-nl-remove = Remove
desk-nl-import-heading = Import subscribers
desk-nl-import-hint = One address per line, or CSV with the address in the first column. Imported addresses are confirmed: import only people who already agreed to receive the newsletter.
desk-nl-addresses = Addresses
desk-nl-import = Import
desk-nl-import-report = Import report

desk-campaign-status-draft = draft
desk-campaign-status-scheduled = scheduled
desk-campaign-status-sending = sending
desk-campaign-status-sent = sent
desk-campaign-status-cancelled = cancelled
desk-subscription-pending = awaiting confirmation
desk-subscription-confirmed = confirmed
desk-subscription-unsubscribed = unsubscribed

## Staff
desk-staff-name = Name
desk-staff-role = Role
desk-staff-two-factor = Two-factor
desk-staff-role-of = Role of { $name }
desk-staff-change = Change
desk-staff-change-which = role of { $name }
desk-staff-two-factor-on = on
desk-staff-two-factor-off = off
desk-staff-active = active
desk-staff-deactivated = deactivated
desk-staff-deactivate = Deactivate
desk-staff-reactivate = Reactivate
desk-staff-invite-heading = Invite a colleague
desk-staff-invite = Send invitation
desk-staff-invite-hint = { $count ->
    [one] (the link works for { $count } hour)
   *[other] (the link works for { $count } hours)
}

## Audit log
desk-audit-title = Audit log
desk-audit-when = When
desk-audit-who = Who
desk-audit-what = What
desk-audit-target = Target
desk-audit-detail = Detail
desk-audit-older = Older entries

## Account
desk-account-title = Your account
desk-account-new-token = Your new API token
desk-account-new-token-once = Copy it now; it is shown only once.
desk-account-language = Language
desk-account-language-label = Language of the desk
desk-account-language-save = Save the language
desk-account-language-saved = The desk now speaks English.
# $code is what was submitted, $codes the shipped codes ("en, uk").
desk-account-language-unknown = “{ $code }” is not a language Byline ships. Choose one of: { $codes }.
desk-totp-heading = Two-factor sign-in
desk-totp-on = Two-factor sign-in is on. To turn it off, confirm with your password and a code from the app.
desk-totp-code = Code from the app
desk-totp-turn-off = Turn off two-factor sign-in
desk-totp-instructions = Add this key to an authenticator app (or open the link on your phone), then enter the 6-digit code it shows.
desk-totp-key = Key:
desk-totp-add-to-app = Add to authenticator app
desk-totp-turn-on = Turn on two-factor sign-in
desk-totp-mismatch = That code does not match the key. Check the app and try again.
desk-totp-reauth-failed = The password or authentication code is not right. Two-factor sign-in is still on.
desk-totp-throttled = { $count ->
    [one] Too many attempts. Try again in { $count } second.
   *[other] Too many attempts. Try again in { $count } seconds.
}
desk-tokens-heading = API tokens
desk-tokens-hint = For scripts using the Admin API. A token acts with your role.
desk-tokens-revoked = revoked
desk-tokens-active = active
desk-tokens-revoke = Revoke
desk-tokens-name = Name
desk-tokens-create = Create a token
desk-tokens-name-invalid = Give the token a name of 1 to 80 characters.
desk-tokens-created = Token created.
desk-sessions-heading = Sessions
desk-sessions-revoke-tokens = Also revoke all my API tokens
desk-sessions-sign-out-everywhere = Sign out everywhere
desk-read-also-heading = “Read also” suggestions
desk-read-also-hint = Articles like this text, from the search index. To add a card, put its line in the body as a paragraph of its own.
desk-read-also-none = No suggestions yet: they come from the text, once it has a few sentences (save to refresh).
# Narrated audio (desk/audio.html)
desk-edit-audio = Narration
desk-audio-heading = Narration
desk-audio-state = State
desk-audio-none = Not narrated yet (articles are narrated when published)
desk-audio-off = narration is off for this article
desk-audio-state-queued = Queued
desk-audio-state-running = Being narrated
desk-audio-state-done = Done
desk-audio-state-failed = Failed (tried again up to 3 times)
desk-audio-source = Voice
desk-audio-human = A recording by a person (shown without the AI disclosure)
desk-audio-generated = Generated by { $engine }
desk-audio-length = Length
desk-audio-error = Engine's error
desk-audio-warning = Warning
desk-audio-regenerate = Narrate again
desk-audio-disable = Switch narration off
desk-audio-enable = Switch narration on
desk-audio-remove-recording = Remove the recording
desk-audio-upload-heading = Replace with a recording
desk-audio-upload-label = Recording (Opus, MP3 or WAV)
desk-audio-upload = Upload the recording
