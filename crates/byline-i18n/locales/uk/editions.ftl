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
wf-edition-language = Код версії сайту — мова наявного каталогу: { $codes }.
wf-edition-prefix = Префікс адреси — скісна риска і 1–16 малих латинських літер, цифр чи дефісів (наприклад, /uk); основна версія його не має.
wf-edition-time-zone = Невідомий часовий пояс { $zone } (вкажіть назву на кшталт Europe/Kyiv).
wf-edition-unknown = Версії сайту { $code } немає.
