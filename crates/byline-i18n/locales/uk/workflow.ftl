# Повідомлення робочих процесів: помилки перевірки, відмови за правилами ролей,
# конфлікти та сповіщення — однакові в редакції, в Admin API і в командному рядку.

## Помилка поля одним реченням: «Заголовок: щонайбільше 300 символів».
wf-field-problem = { $field }: { $problem }

## Назви полів у повідомленнях.
wf-field-headline = Заголовок
wf-field-standfirst = Лід
wf-field-body = Текст
wf-field-section = Рубрика
wf-field-tags = Теги
wf-field-authors = Автори
wf-field-slug = Адреса (slug)
wf-field-publish-at = Час публікації
wf-field-hero-image = Головне зображення
wf-field-alt = Альтернативний текст
wf-field-home-position = Місце на головній
wf-field-status = Статус
wf-field-subject = Тема
wf-field-list = Розсилка
wf-field-email = Електронна пошта
wf-field-role = Роль
wf-field-name = Назва
wf-field-file = Файл
wf-field-language = Мова
wf-field-time-zone = Часовий пояс
wf-field-sender-name = Ім’я відправника
wf-field-sender-address = Адреса відправника
wf-field-title = Заголовок сторінки
wf-field-kind = Тип
wf-field-excerpt-cap = Довжина уривка
wf-field-support-url = Посилання на підтримку
wf-field-support-text = Текст заклику до підтримки
wf-field-tagline = Підзаголовок сайту
wf-field-copyright-holder = Власник авторських прав
wf-field-password = Пароль
wf-field-send-at = Час надсилання
wf-field-csv = Адреси
wf-field-version = Версія
wf-field-other = Поле

## Перевірка.
wf-required = обов’язкове поле
wf-too-long =
    { $max ->
        [one] щонайбільше { $max } символ
        [few] щонайбільше { $max } символи
       *[other] щонайбільше { $max } символів
    }
wf-too-large = щонайбільше { $kb } КБ
wf-single-line = має бути одним рядком (без переносів)
wf-invalid-detail = { $detail }
wf-slug-invalid = «{ $value }» не годиться для адреси: використовуйте від 1 до 120 малих латинських літер, цифр і дефісів
wf-headline-no-letters = має містити літери або цифри
wf-name-no-letters = має містити літери або цифри, щоб з нього можна було утворити адресу
wf-section-choose = виберіть рубрику
wf-section-unknown = рубрики «{ $value }» немає
wf-author-unknown = автора «{ $value }» немає
wf-author-kind = «{ $value }» — це ні особа, ні редакція
wf-byline-required = потрібен принаймні один автор
wf-alt-required = потрібен альтернативний текст: опишіть зображення для читачів, які його не бачать
wf-tag-no-letters = у тегу «{ $tag }» немає ні літер, ні цифр
wf-too-many-tags =
    { $max ->
        [one] щонайбільше { $max } тег на статтю (вказано { $count })
        [few] щонайбільше { $max } теги на статтю (вказано { $count })
       *[other] щонайбільше { $max } тегів на статтю (вказано { $count })
    }
wf-publish-at-format = «{ $value }» не схоже на дату й час на кшталт 2026-11-25T14:30
wf-publish-at-nonexistent = такого місцевого часу не існує (саме тоді переводять годинник)
wf-publish-at-missing = вкажіть час публікації
wf-publish-at-past = запланований час має бути в майбутньому
wf-home-position-range = має бути цілим числом від 0 до { $max }
wf-status-unknown = «{ $value }» — це не чернетка, не запланована, не опублікована й не знята з публікації
wf-intent-unknown = невідома дія «{ $value }»
wf-no-such-list = розсилки «{ $list }» немає
wf-email-invalid = { $detail }
wf-campaign-body-required = напишіть текст або позначте «Автоматичний дайджест»
wf-digest-empty = від останнього надсилання нічого не опубліковано, тож для дайджесту немає матеріалів
wf-send-at-format = вкажіть час у форматі RFC 3339, наприклад 2026-11-25T14:30:00Z ({ $detail })
wf-role-unknown = невідома роль «{ $value }»: використовуйте contributor, author, editor або admin
wf-token-name =
    { $max ->
        [one] дайте токену назву завдовжки від 1 до { $max } символу
       *[other] дайте токену назву завдовжки від 1 до { $max } символів
    }
wf-language-unknown = «{ $value }» — не та мова, яку постачає Byline; використовуйте одну з таких: { $codes }
wf-time-zone-unknown = «{ $value }» — не часовий пояс IANA (як-от Europe/Kyiv)
wf-number-range = має бути цілим числом від 0 до { $max }
wf-url-invalid = має бути шляхом на цьому сайті (як-от /pages/support-us) або адресою http(s)
wf-upload-choose = виберіть файл зображення для завантаження
wf-upload-too-large = файл більший за { $mb } МБ
wf-upload-cut-off = файл більший за { $mb } МБ або завантаження обірвалося
wf-upload-busy = сервер зараз обробляє інші зображення; спробуйте ще раз за хвилину
wf-upload-unreadable = не вдалося обробити зображення: { $detail }

## Відмови за правилами ролей (403, однаково на всіх шляхах).
wf-refused-role =
    Ваша роль ({ $role ->
        [contributor] дописувач
        [author] автор
        [editor] редактор
        [admin] адміністратор
       *[other] { $role }
    }) не дає права на цю дію.
wf-refused-publish =
    Ваша роль ({ $role ->
        [contributor] дописувач
        [author] автор
        [editor] редактор
        [admin] адміністратор
       *[other] { $role }
    }) не дає права публікувати, планувати чи знімати з публікації.
wf-refused-curate =
    Ваша роль ({ $role ->
        [contributor] дописувач
        [author] автор
        [editor] редактор
        [admin] адміністратор
       *[other] { $role }
    }) не дає права обирати вибір редакції чи місце на головній.
wf-refused-not-own = Ви можете редагувати лише власні статті.
wf-refused-contributor-public = Дописувачі не можуть змінювати статтю, коли її опубліковано або заплановано.
wf-refused-own-admin = Ви не можете забрати в себе роль адміністратора; попросіть іншого адміністратора.
wf-refused-own-deactivate = Ви не можете деактивувати власний обліковий запис.
wf-refused-inactive = Цей обліковий запис деактивовано.
wf-role-contributor = дописувач
wf-role-author = автор
wf-role-editor = редактор
wf-role-admin = адміністратор

## Конфлікти та інші відповіді.
wf-slug-taken = адреса «{ $slug }» уже зайнята; виберіть іншу
wf-stale-version = хтось інший зберіг цю статтю, відколи ви її відкрили
wf-conflict = { $detail }
wf-staff-exists = Обліковий запис для { $email } уже існує.
wf-autosave-drafts-only = автоматично зберігаються лише чернетки; натисніть «Зберегти»
wf-not-found = Не знайдено.
wf-unavailable = База даних редакції зараз недоступна. Спробуйте ще раз за мить.
wf-internal = Цю дію зупинила помилка на нашому боці. Спробуйте ще раз за мить.
wf-csrf-stale = Захисний токен форми відсутній або застарів. Перезавантажте сторінку й спробуйте ще раз.

## Форми редакції.
wf-not-saved = Не збережено. { $problem }
wf-not-saved-conflict = Не збережено: { $problem }. Ваш текст нижче; скопіюйте потрібне, тоді перезавантажте статтю, щоб побачити іншу версію.
wf-not-autosaved = Не збережено автоматично: { $problem }
wf-not-uploaded = Не завантажено: { $problem }
wf-import-rejected-line = Рядок { $line }: «{ $value }» відхилено: { $detail }

## Сповіщення після дії.
wf-notice-published = Опубліковано. «{ $headline }»
wf-notice-scheduled = Заплановано. «{ $headline }»
wf-notice-unpublished = Знято з публікації. «{ $headline }»
wf-notice-draft-saved = Чернетку збережено. «{ $headline }»
wf-notice-binned = Переміщено до кошика.
wf-notice-restored = Відновлено.
wf-notice-list-saved = Збережено «{ $name }».
wf-notice-imported =
    { $count ->
        [one] Імпортовано { $count } адресу.
        [few] Імпортовано { $count } адреси.
       *[other] Імпортовано { $count } адрес.
    }

## Заголовки сторінок редакції.
wf-page-articles = Статті
wf-page-bin = Кошик
wf-page-new-article = Нова стаття
wf-page-edit = Редагування: { $headline }
wf-page-media = Медіатека
wf-page-newsletters = Розсилки
wf-page-revisions = Версії
wf-page-version = Версія { $count }
wf-page-staff = Працівники
wf-page-audit = Журнал дій
# Озвучення
wf-field-audio = Озвучення
wf-audio-not-published = Озвучується лише опублікована стаття: спершу опублікуйте її.
wf-audio-recording-in-place = Запис замінює згенероване аудіо: видаліть запис, щоб озвучити статтю знову.
wf-audio-too-large = Запис більший за { $megabytes } МБ.
wf-audio-not-audio = Цей файл не є записом, який читає Byline: завантажте Opus (.opus), MP3 або WAV.
wf-audio-ogg-not-opus = Цей файл Ogg не є Opus (можливо, Vorbis): завантажте Opus, MP3 або WAV.
wf-audio-unreadable = Цей запис неможливо прочитати; можливо, він пошкоджений ({ $detail }).
wf-audio-too-short = Цей запис закороткий (менше пів секунди).
wf-audio-too-long = Цей запис довший за { $minutes } хв.
