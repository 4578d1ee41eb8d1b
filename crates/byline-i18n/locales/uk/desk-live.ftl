# Live coverage on the desk: the News Feed, live pages and their entries, the site
# banner (/desk/news-feed, /desk/live, /desk/banner). Prefix: desk-live-.

## Navigation
desk-live-nav-news-feed = Стрічка новин
desk-live-nav-live = Наживо
desk-live-nav-banner = Банер

## Words shared by the forms and lists
desk-live-field-headline = Заголовок
desk-live-field-entry-headline = Заголовок оновлення
desk-live-optional = (необов’язково)
desk-live-field-body = Текст
desk-live-field-link = Посилання
desk-live-field-bylines = Автори
# $slugs is the list of byline slugs.
desk-live-bylines-hint = (через кому: { $slugs })
desk-live-field-image = Зображення
desk-live-field-image-file = Файл зображення
desk-live-field-image-none = Без зображення
desk-live-field-image-alt = Альтернативний текст
desk-live-field-image-credit = Автор фото
desk-live-field-breaking = Терміново
desk-live-field-pinned = Закріпити вгорі
desk-live-field-key-event = Ключова подія
desk-live-field-pin = Закріпити це оновлення
desk-live-field-time = Показаний час
# $zone is the outlet's time zone.
desk-live-time-hint = (за часовим поясом { $zone })
desk-live-field-summary = Головне
desk-live-summary-hint = (Markdown: короткий перелік угорі сторінки)
desk-live-field-slug = Адреса
desk-live-field-edition = Видання
desk-live-slug-hint = (необов’язково: утворюється із заголовка)
desk-live-publish = Опублікувати
desk-live-save-draft = Зберегти чернетку
desk-live-save-changes = Зберегти зміни
desk-live-unpublish = Зняти з публікації
desk-live-drafts-only = Ваша роль зберігає чернетки; публікує їх автор або редактор.
desk-live-draft = чернетка
desk-live-published = опубліковано
desk-live-breaking = Терміново
desk-live-pinned = Закріплено
desk-live-key-event = Ключова подія
desk-live-edit = Редагувати
desk-live-delete = Видалити
desk-live-view-public = Переглянути
desk-live-post-failed = Не опубліковано. Спробуйте ще раз або перезавантажте сторінку.
desk-live-post-offline = Не опубліковано: редакція недоступна. Перевірте з’єднання і спробуйте ще раз.
# $problem says what is wrong.
desk-live-not-saved = Не збережено: { $problem }
desk-live-not-saved-conflict = Не збережено: { $problem } Хтось змінив це, поки ви редагували; ваш текст лишився нижче. Відкрийте знову, щоб побачити їхню версію.

## The News Feed
desk-live-feed-title = Стрічка новин
desk-live-feed-post-heading = Додати новину
desk-live-feed-body-hint = (необов’язково: кілька речень, Markdown)
desk-live-feed-link-hint = (необов’язково: стаття цього сайту, /articles/…, або адреса http(s))
desk-live-feed-recent = Останні новини
desk-live-feed-your-drafts = Ваші чернетки
desk-live-feed-none = Новин ще немає.
desk-live-feed-back = Усі новини
desk-live-feed-edit-heading = Редагування новини
# $headline is the item's headline.
desk-live-feed-edit-title = Редагування «{ $headline }»
desk-live-feed-confirm-delete = Видалити «{ $headline }» назавжди?
desk-live-delete-item = Видалити цю новину
desk-live-feed-notice-published = Опубліковано «{ $headline }».
desk-live-feed-notice-draft = «{ $headline }» збережено як чернетку.
desk-live-feed-notice-deleted = «{ $headline }» видалено.

## Live pages
desk-live-list-title = Сторінки наживо
desk-live-list-pages = Усі сторінки наживо
desk-live-list-none = Сторінок наживо ще немає.
desk-live-state = Стан
desk-live-live = наживо
desk-live-archived = в архіві
desk-live-started = Початок
desk-live-last-entry = Останнє оновлення
desk-live-no-entries-yet = Оновлень ще немає.
desk-live-new-heading = Почати сторінку наживо
desk-live-create = Почати сторінку наживо
# $headline is the live page's headline.
desk-live-page-title = Наживо: { $headline }
desk-live-view-public-page = Сторінка для читачів
desk-live-back-to-list = Усі сторінки наживо
desk-live-back-to-page = Назад до «{ $headline }»
# $count is a number.
desk-live-key-events-count = { $count ->
    [one] { $count } ключова подія
    [few] { $count } ключові події
    [many] { $count } ключових подій
   *[other] { $count } ключової події
}
desk-live-edit-page = Заголовок і головне
desk-live-save-page = Зберегти заголовок і головне
desk-live-composer-heading = Додати оновлення
desk-live-entry-body-hint = (Markdown)
desk-live-entries-heading = Оновлення
desk-live-entry-edit-title = Редагування оновлення
desk-live-delete-entry = Видалити це оновлення
desk-live-entry-confirm-delete = Видалити це оновлення назавжди?
desk-live-mark-key = Позначити як ключову подію
desk-live-unmark-key = Зняти позначку ключової події
desk-live-pin = Закріпити
desk-live-unpin = Відкріпити
desk-live-archive = В архів: завершити трансляцію
desk-live-confirm-archive = Завершити цю трансляцію? Читачі бачитимуть її застиглою, від найстарішого оновлення; її можна відновити.
desk-live-reopen = Відновити трансляцію
desk-live-ended = Ця трансляція завершилася. Вона лише для читання; відновіть її, щоб писати знову.
desk-live-notice-created = Почато «{ $headline }». Додайте перше оновлення нижче.
desk-live-notice-page-saved = «{ $headline }» збережено.
desk-live-notice-archived = «{ $headline }» переміщено в архів.
desk-live-notice-reopened = «{ $headline }» відновлено.
desk-live-entry-notice-published = Оновлення опубліковано.
desk-live-entry-notice-draft = Оновлення збережено як чернетку.
desk-live-entry-notice-deleted = Оновлення видалено.
desk-live-entry-notice-key = Позначено як ключову подію.
desk-live-entry-notice-unkey = Більше не ключова подія.
desk-live-entry-notice-pinned = Оновлення закріплено.
desk-live-entry-notice-unpinned = Оновлення відкріплено.
# $value is what was sent.
desk-live-status-unknown = «{ $value }» — не стан сторінки наживо: вкажіть live або archived.
desk-live-flag-unknown = «{ $value }» — не позначка оновлення: вкажіть key_event або pinned.

## The banner
desk-live-banner-title = Банер сайту
desk-live-banner-text = Текст
desk-live-banner-link-hint = (необов’язково: адреса http(s) або шлях цього сайту)
desk-live-banner-style = Вигляд
desk-live-banner-style-breaking = Термінова новина (червоний)
desk-live-banner-style-notice = Оголошення (стриманий)
desk-live-banner-style-choose = Оберіть термінову новину або оголошення.
desk-live-banner-starts = Показувати з
# $zone is the outlet's time zone.
desk-live-banner-starts-hint = (за часовим поясом { $zone }; порожньо — одразу)
desk-live-banner-ends = Показувати до
desk-live-banner-ends-hint = (за часовим поясом { $zone }; порожньо — доки не приберете)
desk-live-banner-save = Встановити банер
desk-live-banner-clear = Прибрати банер
desk-live-banner-none = Банер не встановлено.
desk-live-banner-showing = Банер показується на кожній сторінці, доки ви його не приберете.
# $time is a date and time.
desk-live-banner-showing-until = Банер показується на кожній сторінці до { $time }.
desk-live-banner-scheduled = Банер показуватиметься з { $time }.
desk-live-banner-expired = Показ банера завершився { $time }.
desk-live-banner-notice-set = Банер встановлено.
desk-live-banner-notice-cleared = Банер прибрано.
