# Error pages of the public site (and of every page without its own error form).

# The small line above the title; $status is the HTTP status code.
error-kicker = Error { $status }
error-home-link = Go to the front page

error-not-found-title = Page not found
error-not-found = We could not find that page. It may have moved, or the address may be mistyped.
error-gone-title = Article withdrawn
error-gone = This article has been withdrawn by the newsroom and is no longer available.
error-bad-request-title = Bad request
error-bad-request = The request could not be understood: the address or form data is malformed.
error-forbidden-title = Not allowed
error-conflict-title = Edit conflict
error-too-many-title = Too many attempts
error-busy-title = Server busy
error-busy = Many people are signing in right now. Please try again in a moment.
error-unavailable-title = Temporarily unavailable
error-unavailable = The newsroom's database cannot be reached right now. Please try again in a moment.
error-internal-title = Something went wrong
error-internal = An error on our side stopped this page from loading. Please try again in a moment.
error-method-title = Method not allowed
error-method = This address does not accept that kind of request.
error-too-large-title = Request too large
error-too-large = The request was larger than this site accepts.

## Bad addresses. $value is what the reader's address held, $name a parameter's name.
error-page-number = `page` must be a whole number from 1, not `{ $value }`
error-not-utf8 = The address is not valid UTF-8.
error-param-repeated = `{ $name }` is given more than once.
error-cannot-redirect = The address cannot be redirected.
