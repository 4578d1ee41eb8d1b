# Mail to subscribers and staff (crates/byline-mail/templates/letters/).

## Lists of names in a sentence: "The Morning Briefing and Weekend Reads".
mail-names-and = { $first } and { $last }

## Confirmation of a subscription (double opt-in). $site is the outlet's name,
## $newsletters the lists' names joined with mail-names-and, $count a number of days.
mail-confirm-subject = Confirm your subscription to { $site }
mail-confirm-intro = Please confirm that you want to receive { $newsletters } from { $site }.
mail-confirm-open-link = Confirm by opening this link (it works for { $count ->
        [one] { $count } day
       *[other] { $count } days
    }):
mail-confirm-button = Confirm my subscription
mail-confirm-validity = The link works for { $count ->
        [one] { $count } day
       *[other] { $count } days
    }.
mail-confirm-ignore = If you did not ask for this, ignore this message: you will not be subscribed.

## Password reset for a desk account. $count is a number of hours.
mail-reset-subject = Reset your desk password at { $site }
mail-reset-intro = Someone asked to reset the password of your desk account at { $site }.
mail-reset-open-link = To choose a new password, open this link within { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }:
mail-reset-button = Choose a new password
mail-reset-validity = The link works for { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }.
mail-reset-ignore = If it was not you, ignore this message; your password stays the same.

## Invitation to the desk. $inviter is a staff member's name, $role one of mail-role-*.
mail-invite-subject = You are invited to join { $site }
mail-invite-intro = { $inviter } invited you to join the newsroom desk of { $site } as { $role }.
mail-invite-intro-anonymous = An administrator invited you to join the newsroom desk of { $site } as { $role }.
mail-invite-open-link = To choose your password and sign in, open this link within { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }:
mail-invite-button = Accept the invitation
mail-invite-validity = The link works for { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }.

## A role as it reads in mail-invite-intro ("as an editor").
mail-role-contributor = a contributor
mail-role-author = an author
mail-role-editor = an editor
mail-role-admin = an administrator

## The footer of every campaign (newsletter issue).
mail-campaign-why = You receive this because you subscribed.
mail-campaign-preferences = Choose your newsletters
mail-campaign-unsubscribe = Unsubscribe
