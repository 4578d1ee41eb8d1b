# The public reading site: page chrome, front page, articles, listings, static pages.

## Page chrome (every public page).
site-skip-link = Skip to content
site-support-us = Support us
site-nav-label = Sections
site-nav-home = Home
site-support-heading = Support independent journalism
site-support-become = Become a supporter
site-footer-nav-label = About this site
site-footer-about = About us
site-footer-copyright = Copyright and reprints
site-footer-privacy = Privacy policy
site-footer-cookies = Cookie policy
# $year is four digits, $holder the copyright holder; the link text follows.
site-copyright-notice = © { $year } { $holder }. All rights reserved. Reprints under our
site-copyright-link = copyright policy
site-copyright-end = .

## Front page.
# $site is the outlet's name (a heading for screen readers).
site-home-heading = { $site }: latest news
site-home-empty = No articles have been published yet.
site-home-latest = Latest
site-home-picks = Editors' Picks
site-home-more = More news
site-home-feed = News Feed
site-home-aside-label = News Feed and newsletters

## Article page.
site-preview-banner = Preview: this is how the article will look. It is not published and not saved.
# Before the author names; $count is how many there are.
site-byline-by = by
# Between the last two author names.
site-byline-and = and
site-updated = Updated
site-update-note = Update
site-tags-label = Tags
site-share-heading = Share this article
site-share-email = Email
site-related = Related
# Body markup: the label of a "Read also" card and of a heading's "#" link.
site-read-also = Read also
site-heading-anchor = Link to this section

## Section, tag and author pages.
site-kind-section = Section
site-kind-topic = Topic
site-kind-author = Author
site-kind-desk = Desk
# alt text of an author's photo; $name is the author.
site-author-portrait = Portrait of { $name }
site-listing-follow = Follow:
site-feed-rss = RSS
site-feed-atom = Atom
site-feed-json = JSON Feed
site-listing-empty = Nothing has been published here yet.
site-listing-articles = Articles
site-listing-articles-page = Articles, page { $page }
# Page title of page 2 onwards: $heading is the section, tag or author.
site-listing-title-page = { $heading } (page { $page })
# Meta description when the listing has no introduction.
site-listing-description = { $heading } from { $site }
site-pagination-label = Pages
site-pagination-newer = ← Newer
site-pagination-older = Older →
site-pagination-status = Page { $page } of { $pages }

## Static pages.
site-page-updated = Last updated
