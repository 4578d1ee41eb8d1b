# Workflow messages: validation errors, refusals by the role policy, conflicts and
# notices, shown the same on the desk, in the Admin API and on the command line.

## A field error as one sentence: "Headline: must be at most 300 characters".
wf-field-problem = { $field }: { $problem }

## Names of input fields in messages.
wf-field-headline = Headline
wf-field-standfirst = Standfirst
wf-field-body = Body
wf-field-section = Section
wf-field-tags = Tags
wf-field-authors = Bylines
wf-field-slug = Slug
wf-field-publish-at = Publication time
wf-field-hero-image = Hero image
wf-field-alt = Alt text
wf-field-home-position = Front-page position
wf-field-status = Status
wf-field-subject = Subject
wf-field-list = Newsletter
wf-field-email = Email
wf-field-role = Role
wf-field-name = Name
wf-field-file = File
wf-field-language = Language
wf-field-time-zone = Time zone
wf-field-sender-name = Sender name
wf-field-sender-address = Sender address
wf-field-title = Title
wf-field-kind = Kind
wf-field-excerpt-cap = Excerpt length
wf-field-support-url = Support link
wf-field-support-text = Support text
wf-field-tagline = Tagline
wf-field-copyright-holder = Copyright holder
wf-field-password = Password
wf-field-send-at = Send time
wf-field-csv = Addresses
wf-field-version = Version
wf-field-other = Field

## Validation.
wf-required = is required
wf-too-long = must be at most { $max } characters
wf-too-large = must be at most { $kb } KB
wf-single-line = must be a single line (no line breaks)
wf-invalid-detail = { $detail }
wf-slug-invalid = “{ $value }” is not a valid slug: use 1 to 120 lowercase letters, digits and hyphens
wf-headline-no-letters = must contain letters or digits
wf-name-no-letters = must contain letters or digits, so that a slug can be made from it
wf-section-choose = choose a section
wf-section-unknown = there is no section “{ $value }”
wf-author-unknown = there is no byline “{ $value }”
wf-author-kind = “{ $value }” is neither person nor desk
wf-byline-required = at least one byline is required
wf-alt-required = alt text is required: describe the picture for readers who cannot see it
wf-tag-no-letters = the tag “{ $tag }” has no letters or digits
wf-too-many-tags = at most { $max } tags per article ({ $count } given)
wf-publish-at-format = “{ $value }” is not a date and time like 2026-11-25T14:30
wf-publish-at-nonexistent = that local time does not exist (the clocks change then)
wf-publish-at-missing = give the time to publish at
wf-publish-at-past = a scheduled time must be in the future
wf-home-position-range = must be a whole number from 0 to { $max }
wf-status-unknown = “{ $value }” is not draft, scheduled, published or unpublished
wf-intent-unknown = unknown action “{ $value }”
wf-no-such-list = there is no newsletter “{ $list }”
wf-email-invalid = { $detail }
wf-campaign-body-required = write a body, or tick “Automatic digest”
wf-digest-empty = nothing has been published since the last send, so there is nothing for a digest
wf-send-at-format = give the time as RFC 3339, e.g. 2026-11-25T14:30:00Z ({ $detail })
wf-role-unknown = unknown role “{ $value }”: use contributor, author, editor or admin
wf-token-name = give the token a name of 1 to { $max } characters
wf-language-unknown = “{ $value }” is not a language Byline ships; use one of: { $codes }
wf-time-zone-unknown = “{ $value }” is not an IANA time zone (such as Europe/Kyiv)
wf-number-range = must be a whole number from 0 to { $max }
wf-url-invalid = must be a path on this site (such as /pages/support-us) or an http(s) address
wf-upload-choose = choose an image file to upload
wf-upload-too-large = the file is larger than { $mb } MB
wf-upload-cut-off = the file is larger than { $mb } MB or the upload was cut off
wf-upload-busy = the server is busy processing other images; please try again in a minute
wf-upload-unreadable = the image could not be processed: { $detail }

## Refusals by the role policy (403, the same on every path).
wf-refused-role = Your role ({ $role }) may not do this.
wf-refused-publish = Your role ({ $role }) may not publish, schedule or unpublish.
wf-refused-curate = Your role ({ $role }) may not set Editors' Picks or the front-page position.
wf-refused-not-own = You can edit only your own articles.
wf-refused-contributor-public = Contributors cannot change an article once it is published or scheduled.
wf-refused-own-admin = You cannot remove your own admin role; ask another admin.
wf-refused-own-deactivate = You cannot deactivate your own account.
wf-refused-inactive = This account is deactivated.
wf-role-contributor = contributor
wf-role-author = author
wf-role-editor = editor
wf-role-admin = admin

## Conflicts and other answers.
wf-slug-taken = the slug “{ $slug }” is already used; choose another slug
wf-stale-version = this article was saved by someone else since you opened it
wf-conflict = { $detail }
wf-staff-exists = A staff account for { $email } already exists.
wf-autosave-drafts-only = only drafts are autosaved; use Save
wf-not-found = Not found.
wf-unavailable = The newsroom's database cannot be reached right now. Please try again in a moment.
wf-internal = An error on our side stopped this action. Please try again in a moment.
wf-csrf-stale = The form's security token is missing or out of date. Reload the page and try again.

## The desk's forms.
wf-not-saved = Not saved. { $problem }
wf-not-saved-conflict = Not saved: { $problem }. Your text is below; copy what you need, then reload the article to see the other version.
wf-not-autosaved = Not autosaved: { $problem }
wf-not-uploaded = Not uploaded: { $problem }
wf-import-rejected-line = Line { $line }: “{ $value }” rejected: { $detail }

## Notices after an action.
wf-notice-published = Published. “{ $headline }”
wf-notice-scheduled = Scheduled. “{ $headline }”
wf-notice-unpublished = Unpublished. “{ $headline }”
wf-notice-draft-saved = Draft saved. “{ $headline }”
wf-notice-binned = Moved to the bin.
wf-notice-restored = Restored.
wf-notice-list-saved = Saved “{ $name }”.
wf-notice-imported =
    { $count ->
        [one] { $count } address imported.
       *[other] { $count } addresses imported.
    }

## Desk page titles.
wf-page-articles = Articles
wf-page-bin = Bin
wf-page-new-article = New article
wf-page-edit = Edit: { $headline }
wf-page-media = Media library
wf-page-newsletters = Newsletters
wf-page-revisions = Revisions
wf-page-version = Version { $count }
wf-page-staff = Staff
wf-page-audit = Audit log
# Narrated audio
wf-field-audio = Narration
wf-audio-not-published = Only a published article is narrated: publish it first.
wf-audio-recording-in-place = A recording replaces the generated audio: remove the recording to narrate the article again.
wf-audio-too-large = The recording is larger than { $megabytes } MB.
wf-audio-not-audio = This file is not a recording Byline reads: upload Opus (.opus), MP3 or WAV.
wf-audio-ogg-not-opus = This Ogg file is not Opus (perhaps Vorbis): upload Opus, MP3 or WAV.
wf-audio-unreadable = This recording cannot be read; it may be damaged ({ $detail }).
wf-audio-too-short = This recording is too short (under half a second).
wf-audio-too-long = This recording is longer than { $minutes } minutes.
