# Newsletters on the public site: list pages, subscribe forms, confirmation,
# preferences and unsubscribe (crates/byline-web/templates/newsletters/).

## Headings and page descriptions. $site is the outlet's name.
nl-heading = Newsletters
nl-kicker = Newsletter
nl-meta-description = Newsletters from { $site }
nl-front-page-link = Go to the front page

## The subscribe form.
nl-form-choose = Choose your newsletters
# A hidden field that only bots fill in.
nl-form-honeypot = Leave this empty
nl-form-email = Email address
nl-form-email-placeholder = you@example.org
nl-form-subscribe = Subscribe
nl-form-hint = We send a confirmation link first. Every newsletter has a one-click unsubscribe link.
# "See our [privacy policy]." in three parts around the link.
nl-form-privacy-before = See our
nl-form-privacy-link = privacy policy
nl-form-privacy-after = { "." }

## Form errors, shown next to the email field.
nl-form-error-heading = Please check the form
nl-form-unreadable = The form could not be read.
nl-form-email-missing = Please enter your email address.
nl-form-email-invalid = Please enter a valid email address.
nl-form-no-list = Choose at least one newsletter.
nl-form-too-many-lists = Too many newsletters in one request.
nl-form-unknown-list = There is no newsletter `{ $list }`.
nl-refused-heading = Subscription refused
nl-too-many-heading = Too many requests
nl-cross-site = Subscriptions are accepted only from this site's own forms.
nl-too-many-requests = Too many subscription requests from your network. Please try again in a few minutes.

## After subscribing and confirming. $email is the subscriber's address,
## $newsletters the lists' names joined with mail-names-and.
nl-check-heading = Check your inbox
nl-check-message = We sent a confirmation link to { $email }. Open it to start receiving the newsletter.
nl-confirmed-heading = You are subscribed
nl-confirmed-message = { $email } will now receive { $newsletters }. Thank you.
nl-expired-heading = This link has expired
nl-expired-message = The confirmation link is unknown, already used or expired. Subscribe again to get a new one.

## Unsubscribing.
nl-unknown-link-heading = Unknown link
nl-unsubscribe-heading = Unsubscribe
nl-unsubscribe-prompt = Press the button to stop receiving this newsletter.
nl-unsubscribe-button = Unsubscribe
nl-unsubscribe-invalid = This unsubscribe link is not valid.
nl-unsubscribed-heading = You are unsubscribed
nl-unsubscribed-message = { $email } will receive no more of these messages.

## The preferences page reached from every newsletter.
nl-preferences-heading = Your newsletters
nl-preferences-intro = Choose what { $email } receives.
nl-preferences-saved = Your choices are saved.
nl-preferences-save = Save my choices
nl-preferences-unsubscribe-all = Unsubscribe from everything
nl-preferences-invalid = This preferences link is not valid.

## Refusals of the staff helpers (import, digest).
nl-digest-empty = Nothing has been published since the last send: there is nothing for a digest.
