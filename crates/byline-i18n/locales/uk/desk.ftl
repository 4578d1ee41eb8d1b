# Редакція: сторінки для працівників за адресою /desk/ (рамка, вхід, статті, редактор,
# медіа, розсилки, працівники, журнал дій, обліковий запис). Префікс: desk-.

## Рамка і навігація
desk-brand = Редакція Byline
desk-skip-link = Перейти до змісту
desk-nav-label = Редакція
desk-nav-articles = Статті
desk-nav-new-article = Нова стаття
desk-nav-media = Медіа
desk-nav-newsletters = Розсилки
desk-nav-staff = Працівники
desk-nav-audit = Журнал дій
desk-nav-public-site = Сайт для читачів
desk-sign-out = Вийти
desk-actions = Дії
desk-view = Переглянути
desk-pages-label = Сторінки
desk-pages-newer = Новіші
desk-pages-older = Старіші
desk-pages-position = Сторінка { $page } з { $pages }

## Спільні слова форм
desk-field-email = Електронна пошта
desk-field-password = Пароль
desk-field-your-name = Ваше ім’я
desk-field-new-password = Новий пароль
desk-field-new-password-hint = { $count ->
    [one] (щонайменше { $count } символ)
    [few] (щонайменше { $count } символи)
   *[many] (щонайменше { $count } символів)
}
desk-field-alt = Альтернативний текст
desk-field-caption = Підпис
desk-field-credit = Автор знімка

## Стани статей
desk-status-draft = чернетка
desk-status-scheduled = заплановано
desk-status-published = опубліковано
desk-status-unpublished = знято з публікації

## Ролі
desk-role-contributor = дописувач
desk-role-author = автор
desk-role-editor = редактор
desk-role-admin = адміністратор

## Вхід
desk-sign-in-title = Вхід
desk-sign-in-code = Код автентифікації
desk-sign-in-code-hint = (лише якщо увімкнено двофакторний вхід)
desk-sign-in-button = Увійти
desk-sign-in-forgot = Забули пароль?
desk-sign-in-failed = Електронна пошта, пароль або код автентифікації неправильні.
desk-sign-in-throttled = { $count ->
    [one] Забагато спроб входу. Спробуйте ще раз через { $count } секунду.
    [few] Забагато спроб входу. Спробуйте ще раз через { $count } секунди.
   *[many] Забагато спроб входу. Спробуйте ще раз через { $count } секунд.
}
desk-csrf-expired = Захисний ключ форми відсутній або застарів. Оновіть сторінку і спробуйте ще раз.
desk-form-unreadable = Не вдалося прочитати форму. Оновіть сторінку і спробуйте ще раз.
desk-session-ended = Ваш сеанс завершився. Увійдіть знову й повторіть дію.

## Відновлення пароля і запрошення
desk-forgot-title = Відновлення пароля
desk-forgot-button = Надіслати посилання
desk-forgot-throttled = { $count ->
    [one] Забагато запитів. Спробуйте ще раз через { $count } секунду.
    [few] Забагато запитів. Спробуйте ще раз через { $count } секунди.
   *[many] Забагато запитів. Спробуйте ще раз через { $count } секунд.
}
desk-forgot-sent-title = Перевірте пошту
desk-forgot-sent = Якщо для цієї адреси є обліковий запис, ми надіслали на неї посилання для вибору нового пароля. Посилання діє одну годину.
desk-back-to-sign-in = Повернутися до входу
desk-reset-title = Виберіть новий пароль
desk-reset-button = Зберегти новий пароль
desk-invite-title = Приєднайтеся до редакції
desk-invite-button = Створити мій обліковий запис
desk-link-expired = Термін дії посилання минув, або ним уже скористалися. Попросіть нове.
desk-password-changed-title = Пароль змінено
desk-password-changed = Ваш пароль змінено, і всі сеанси вашого облікового запису завершено.
desk-enter-your-name = Введіть своє ім’я.
desk-password-too-short = { $count ->
    [one] Пароль має містити щонайменше { $count } символ.
    [few] Пароль має містити щонайменше { $count } символи.
   *[many] Пароль має містити щонайменше { $count } символів.
}
desk-password-too-long = { $count ->
    [one] Пароль може містити щонайбільше { $count } символ.
    [few] Пароль може містити щонайбільше { $count } символи.
   *[many] Пароль може містити щонайбільше { $count } символів.
}

## Список статей
desk-articles-title = Статті
desk-bin-title = Кошик
desk-articles-filter-label = Фільтр статей
desk-articles-status = Стан
desk-articles-section = Рубрика
desk-articles-byline = Автор
desk-articles-bylines = Автори
desk-articles-any = Будь-який
desk-articles-filter = Показати
desk-articles-back = Повернутися до статей
desk-articles-count = { $count ->
    [one] { $count } стаття.
    [few] { $count } статті.
   *[many] { $count } статей.
}
desk-articles-headline = Заголовок
desk-articles-updated = Оновлено
desk-articles-pick = Вибір редакції
desk-articles-restore = Відновити

## Редактор
desk-edit-title = Редагування статті
desk-edit-version = версія { $count }
desk-edit-revisions = Версії
desk-edit-headline = Заголовок
desk-edit-slug = Адреса (slug)
desk-edit-slug-hint = (необов’язково; якщо порожньо, утвориться із заголовка)
desk-edit-standfirst = Лід
desk-edit-body = Текст
desk-edit-body-hint-before = (Markdown; рядок
desk-edit-body-hint-after = додає картку «Читайте також»)
desk-edit-live-preview = Попередній перегляд наживо
desk-edit-live-preview-hint = Почніть писати текст, щоб побачити його тут, або натисніть «Попередній перегляд».
desk-edit-bylines-hint = (адреси авторів через кому: { $slugs })
desk-edit-tags = Теги
desk-edit-tags-hint = (через кому)
desk-edit-dateline = Місце подій
desk-edit-language = Мова
desk-edit-hero = Головне зображення
desk-edit-hero-file = Медіафайл
desk-edit-hero-none = Немає
desk-edit-editors-pick = Вибір редакції
desk-edit-publish-at = Опублікувати о
desk-edit-publish-at-hint = ({ $zone }; для планування)
desk-edit-update-note = Примітка про оновлення
desk-edit-update-note-hint = (показується читачам в опублікованій статті)
desk-edit-save-draft = Зберегти чернетку
desk-edit-save-changes = Зберегти зміни
desk-edit-preview = Попередній перегляд
desk-edit-publish = Опублікувати
desk-edit-publish-update = Опублікувати оновлення
desk-edit-schedule = Запланувати
desk-edit-unpublish = Зняти з публікації
desk-edit-front-page = Головна сторінка
desk-edit-home-position = Місце на головній сторінці
desk-edit-home-position-hint = (0 = головний матеріал; порожньо = за часом)
desk-edit-save-placement = Зберегти місце на головній
desk-edit-move-to-bin = Перемістити в кошик
desk-autosave-saved = Чернетку збережено о { $time }.
desk-autosave-failed = Не вдалося зберегти автоматично.
desk-autosave-offline = Не вдалося зберегти автоматично: можливо, немає з’єднання?

## Версії
desk-revisions-title = Версії
desk-revisions-heading = Версії статті «{ $headline }»
desk-revisions-back = Повернутися до редактора
desk-revisions-version = Версія
desk-revisions-saved = Збережено
desk-revisions-by = Хто зберіг
desk-revisions-current = (поточна)
desk-revisions-compare = Порівняти з поточною
desk-revisions-compare-which = (версія { $count })
desk-diff-heading = Версія { $version } у порівнянні з поточною версією { $current }
desk-diff-all-revisions = Усі версії
desk-diff-removed = вилучено після версії { $count }
desk-diff-added = додано відтоді
desk-diff-restore = Відновити версію { $count }
desk-diff-restore-hint = (збережеться як нова версія; нічого не втратиться)

## Медіатека
desk-media-title = Медіатека
desk-media-upload-heading = Завантажити зображення
desk-media-upload-hint = JPEG, PNG, WebP або GIF до { $count } МБ. З кожного файлу вилучаються дані про місцезнаходження (GPS) та всі інші метадані.
desk-media-file = Файл зображення
desk-media-alt-hint = (обов’язково: опишіть зображення для читачів, які його не бачать)
desk-media-upload = Завантажити
desk-media-width = ширина { $count } px

## Розсилки
desk-nl-newsletter = Розсилка
desk-nl-confirmed = Підтверджені підписники
desk-nl-last-sent = Востаннє надіслано
desk-nl-never = ще ні разу
desk-nl-settings = Налаштування розсилок
desk-nl-create-or-edit = Створити або змінити розсилку
desk-nl-settings-hint = Форма кожної розсилки змінює саме її; підписники залишаються у своїх списках. Нова розсилка потребує адреси, якої не має жодна інша.
desk-nl-name = Назва
desk-nl-description = Опис
desk-nl-sender-name = Ім’я відправника
desk-nl-sender-address = Адреса відправника
desk-nl-position = Порядок
desk-nl-save = Зберегти «{ $name }»
desk-nl-new = Нова розсилка
desk-nl-slug-hint = (її адреса: /newsletters/slug)
desk-nl-create = Створити розсилку
desk-nl-campaigns = Випуски
desk-nl-subject = Тема
desk-nl-list = Список
desk-nl-sent = Надіслано
desk-nl-remaining = Залишилося
desk-nl-failed = Не доставлено або повернуто
desk-nl-unconfirmed-title = лист пішов, але відповідь поштового сервера загубилася; повторно не надсилався
desk-nl-unconfirmed = { $count } без підтвердження
desk-nl-new-campaign = Новий випуск
desk-nl-body-hint = (Markdown; залиште порожнім і позначте «дайджест», щоб перелічити статті, опубліковані після попереднього випуску)
desk-nl-digest = Автоматичний дайджест
desk-nl-send-now = Надіслати зараз
desk-nl-subscribers = Підписники
desk-nl-search = Шукати
desk-nl-export = Експорт у CSV
desk-nl-lists = Списки
desk-nl-since = Від
desk-nl-bounced = повернуто
desk-nl-remove = Вилучити
desk-nl-import-heading = Імпорт підписників
desk-nl-import-hint = Одна адреса в рядку або CSV з адресою в першому стовпці. Імпортовані адреси вважаються підтвердженими: імпортуйте лише тих, хто вже погодився отримувати розсилку.
desk-nl-addresses = Адреси
desk-nl-import = Імпортувати
desk-nl-import-report = Звіт про імпорт

desk-campaign-status-draft = чернетка
desk-campaign-status-scheduled = заплановано
desk-campaign-status-sending = надсилається
desk-campaign-status-sent = надіслано
desk-campaign-status-cancelled = скасовано
desk-subscription-pending = очікує підтвердження
desk-subscription-confirmed = підтверджено
desk-subscription-unsubscribed = відписався

## Працівники
desk-staff-name = Ім’я
desk-staff-role = Роль
desk-staff-two-factor = Двофакторний вхід
desk-staff-role-of = Роль: { $name }
desk-staff-change = Змінити
desk-staff-change-which = роль: { $name }
desk-staff-two-factor-on = увімкнено
desk-staff-two-factor-off = вимкнено
desk-staff-active = активний
desk-staff-deactivated = вимкнений
desk-staff-deactivate = Вимкнути
desk-staff-reactivate = Увімкнути знову
desk-staff-invite-heading = Запросити колегу
desk-staff-invite = Надіслати запрошення
desk-staff-invite-hint = { $count ->
    [one] (посилання діє { $count } годину)
    [few] (посилання діє { $count } години)
   *[many] (посилання діє { $count } годин)
}

## Журнал дій
desk-audit-title = Журнал дій
desk-audit-when = Коли
desk-audit-who = Хто
desk-audit-what = Що
desk-audit-target = Об’єкт
desk-audit-detail = Подробиці
desk-audit-older = Давніші записи

## Обліковий запис
desk-account-title = Ваш обліковий запис
desk-account-new-token = Ваш новий токен API
desk-account-new-token-once = Скопіюйте його зараз: він показується лише один раз.
desk-account-language = Мова
desk-account-language-label = Мова редакції
desk-account-language-save = Зберегти мову
desk-account-language-saved = Тепер редакція говорить українською.
desk-account-language-unknown = «{ $code }» — не мова, яку підтримує Byline. Виберіть одну з таких: { $codes }.
desk-totp-heading = Двофакторний вхід
desk-totp-on = Двофакторний вхід увімкнено. Щоб вимкнути його, підтвердьте паролем і кодом із застосунку.
desk-totp-code = Код із застосунку
desk-totp-turn-off = Вимкнути двофакторний вхід
desk-totp-instructions = Додайте цей ключ у застосунок-автентифікатор (або відкрийте посилання на телефоні), а тоді введіть шестизначний код, який він покаже.
desk-totp-key = Ключ:
desk-totp-add-to-app = Додати в застосунок-автентифікатор
desk-totp-turn-on = Увімкнути двофакторний вхід
desk-totp-mismatch = Код не відповідає ключу. Перевірте застосунок і спробуйте ще раз.
desk-totp-reauth-failed = Пароль або код автентифікації неправильні. Двофакторний вхід досі ввімкнено.
desk-totp-throttled = { $count ->
    [one] Забагато спроб. Спробуйте ще раз через { $count } секунду.
    [few] Забагато спроб. Спробуйте ще раз через { $count } секунди.
   *[many] Забагато спроб. Спробуйте ще раз через { $count } секунд.
}
desk-tokens-heading = Токени API
desk-tokens-hint = Для скриптів, що працюють з Admin API. Токен діє з вашою роллю.
desk-tokens-revoked = відкликано
desk-tokens-active = діє
desk-tokens-revoke = Відкликати
desk-tokens-name = Назва
desk-tokens-create = Створити токен
desk-tokens-name-invalid = Дайте токену назву довжиною від 1 до 80 символів.
desk-tokens-created = Токен створено.
desk-sessions-heading = Сеанси
desk-sessions-revoke-tokens = Також відкликати всі мої токени API
desk-sessions-sign-out-everywhere = Вийти на всіх пристроях
desk-read-also-heading = Пропозиції «Читайте також»
desk-read-also-hint = Статті, схожі на цей текст, з пошукового індексу. Щоб додати картку, вставте її рядок у текст окремим абзацом.
desk-read-also-none = Пропозицій ще немає: вони з’являються з тексту, коли в ньому є кілька речень (збережіть, щоб оновити).
# Озвучення (desk/audio.html)
desk-edit-audio = Озвучення
desk-audio-heading = Озвучення
desk-audio-state = Стан
desk-audio-none = Ще не озвучено (статті озвучуються після публікації)
desk-audio-off = озвучення цієї статті вимкнено
desk-audio-state-queued = У черзі
desk-audio-state-running = Озвучується
desk-audio-state-done = Готово
desk-audio-state-failed = Не вдалося (до 3 спроб)
desk-audio-source = Голос
desk-audio-human = Запис людини (показується без позначки про ШІ)
desk-audio-generated = Згенеровано { $engine }
desk-audio-length = Тривалість
desk-audio-error = Помилка рушія
desk-audio-warning = Попередження
desk-audio-regenerate = Озвучити знову
desk-audio-disable = Вимкнути озвучення
desk-audio-enable = Увімкнути озвучення
desk-audio-remove-recording = Видалити запис
desk-audio-upload-heading = Замінити записом
desk-audio-upload-label = Запис (Opus, MP3 або WAV)
desk-audio-upload = Завантажити запис
