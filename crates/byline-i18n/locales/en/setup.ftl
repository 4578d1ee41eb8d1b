# First-run setup: the one-time page at /desk/setup/TOKEN that creates the first admin
# account. Prefix: setup-.

setup-title = Set up your newsroom
setup-intro = No one has a desk account yet. Create the first one here: it is an admin account, which can invite colleagues and give them roles.
setup-once = This page works once: after the account is created, the link is gone.
setup-name = Your name
setup-email = Your email
setup-password = Password
setup-password-hint = { $count ->
    [one] (at least { $count } character)
   *[other] (at least { $count } characters)
}
setup-button = Create the admin account
setup-enter-name = Enter your name.
setup-enter-email = Enter an email address, like name@example.com.
setup-done-title = Setup is complete
setup-done = This newsroom already has its desk accounts, so the setup link no longer works. Sign in instead.
setup-gone-title = This setup link does not work
setup-gone = The link has expired or was replaced by a newer one. Restart Byline to print a new setup link.
setup-sign-in = Go to sign in
