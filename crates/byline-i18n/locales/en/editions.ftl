# Editions: the language switcher on public pages and translations in the desk.

edition-switch-label = Other languages
desk-translations-heading = Translations
desk-translations-none = No translations of this article yet.
desk-translation-outdated = Outdated: the original changed after this translation was last edited
desk-translation-current = Up to date
desk-translation-original = Original
wf-translation-unknown = There is no article with that address to link as the original.
wf-translation-same-edition = A translation must be in another edition than its original.
desk-translation-link-label = Original article (its address or slug)
desk-translation-link = Link as a translation
desk-translation-unlink = Unlink
wf-field-translation-of = Original article
desk-translations-edition = Edition
desk-translations-state = State
desk-edit-translations = Translations
wf-edition-language = An edition's code is the language of a shipped catalog: { $codes }.
wf-edition-prefix = The URL prefix is a slash and 1–16 lower-case letters, digits or hyphens (such as /uk); the default edition has none.
wf-edition-time-zone = Unknown time zone { $zone } (use a name such as Europe/Kyiv).
wf-edition-unknown = There is no edition { $code }.
