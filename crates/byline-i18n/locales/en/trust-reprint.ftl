# The reprint policy (issue 12): what partners may take from the site, shown on the
# copyright page and carried by every outward path (feeds, oEmbed, link previews,
# newsletters, the syndication API). $cap is the `excerpt_cap` setting in characters,
# $holder the copyright holder.
reprint-policy =
    { $cap ->
        [0] © { $holder }. Our articles may not be reprinted, not even in part; you are welcome to link to them.
        [one] © { $holder }. You may reprint an extract of at most { $cap } character from any article, with an active link to the original.
       *[other] © { $holder }. You may reprint an extract of at most { $cap } characters from any article, with an active link to the original.
    }
# Heading of the policy on the copyright page.
reprint-policy-heading = Reprint policy in short
# The endpoints partners may use, listed under the policy on the copyright page.
reprint-policy-endpoints = Partners can take extracts within this limit from our feeds, the oEmbed endpoint, the link-preview endpoint and the syndication API.
# The link after an excerpt in newsletters and embeds.
reprint-read-more = Read the full article
# In an embed: the source line before the headline link; $site is the outlet.
reprint-embed-source = Source: { $site }

## Answers of the public JSON endpoints (oEmbed, link preview, syndication).
reprint-error-url-missing = Give the address of a page of this site in the url parameter.
reprint-error-url-invalid = The url parameter is not an http or https address of this site.
reprint-error-not-found = Nothing is published at this address on this site.
reprint-error-format = Only the JSON format is offered (format=json).
reprint-error-size = maxwidth and maxheight must be whole numbers of pixels from 1.
reprint-error-since = since must be an RFC 3339 time in the past, such as 2026-03-01T09:00:00Z.
reprint-error-page = page must be a whole number from 1 up to the last page.
