# The static mirror (`byline export-static`): the notice on every mirrored page and what
# replaces the forms that only work on the site itself.

mirror-notice-label = About this copy
mirror-notice = This is a mirror of { $site }, copied on { $date }.
mirror-notice-original = The original of this page:
mirror-form-online = This form works on the site itself:
