# Версії сайту: перемикач мов на публічних сторінках і переклади в редакції.

edition-switch-label = Інші мови
desk-translations-heading = Переклади
desk-translations-none = Перекладів цієї статті ще немає.
desk-translation-outdated = Застарів: оригінал змінено після останньої правки перекладу
desk-translation-current = Актуальний
desk-translation-original = Оригінал
wf-translation-unknown = Статті з такою адресою, щоб позначити її оригіналом, немає.
wf-translation-same-edition = Переклад має бути в іншій версії сайту, ніж оригінал.
desk-translation-link-label = Оригінал статті (адреса або слаг)
desk-translation-link = Позначити як переклад
desk-translation-unlink = Відв'язати
wf-field-translation-of = Оригінал статті
desk-translations-edition = Версія
desk-translations-state = Стан
desk-edit-translations = Переклади
