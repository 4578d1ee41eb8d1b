# Робочі процеси живого висвітлення (стрічка новин, живі сторінки та їхні дописи, банер):
# помилки перевірки, відмови та конфлікти — однакові в редакції, в Admin API і в командному
# рядку. Загальні повідомлення (обов’язкове поле, щонайбільше N символів) — у workflow.ftl.

## Назви полів у повідомленнях.
wf-live-field-link = Посилання
wf-live-field-article = Стаття
wf-live-field-image = Зображення
wf-live-field-image-credit = Автор зображення
wf-live-field-summary = Головне
wf-live-field-text = Текст банера
wf-live-field-style = Стиль
wf-live-field-starts-at = Час початку
wf-live-field-ends-at = Час завершення
wf-live-field-published = Опубліковано
wf-live-field-published-at = Час

## Перевірка.
wf-live-link-invalid = має бути адресою http(s) або посиланням на статтю цього сайту (/articles/…)
wf-live-article-unknown = на цьому сайті немає статті «{ $slug }»
wf-live-image-unknown = у медіатеці немає зображення «{ $name }»; спершу завантажте його
wf-live-too-many-authors =
    { $max ->
        [one] щонайбільше { $max } підпис
        [few] щонайбільше { $max } підписи
       *[other] щонайбільше { $max } підписів
    }
wf-live-ends-before-start = має бути пізніше за час початку (і в майбутньому)
wf-live-style-unknown = «{ $value }» — не стиль банера: оберіть breaking або notice
wf-live-status-unknown = «{ $value }» — ні live, ні archived
wf-live-time-format = «{ $value }» — не час на зразок 2026-12-02T18:00:00Z
wf-live-time-out-of-range = має бути між 1990 роком і завтрашнім днем (пізніший час тримав би допис угорі)

## Відмови за правилами ролей (403).
wf-live-refused-not-own = Ви можете змінювати й видаляти лише власні новини стрічки та дописи живих сторінок.
wf-live-refused-contributor-public = Дописувачі не можуть змінювати новину чи допис після публікації.
wf-live-refused-not-own-page = Ви можете змінювати, архівувати й відновлювати лише живі сторінки, які створили самі.

## Конфлікти (409).
wf-live-archived = Це живе висвітлення завершено (його архівовано): нових дописів і змін воно не приймає. Спершу відновіть його.
wf-live-stale-version = хтось інший змінив це, відколи ви відкрили; оновіть сторінку й спробуйте ще раз
