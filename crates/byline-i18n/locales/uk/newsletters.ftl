# Розсилки на сайті: сторінки розсилок, форми підписки, підтвердження,
# налаштування та відписка (crates/byline-web/templates/newsletters/).

## Заголовки й описи сторінок. $site — назва видання.
nl-heading = Розсилки
nl-kicker = Розсилка
nl-meta-description = Розсилки видання «{ $site }»
nl-front-page-link = Перейти на головну

## Форма підписки.
nl-form-choose = Оберіть розсилки
# Приховане поле, яке заповнюють лише боти.
nl-form-honeypot = Залиште це поле порожнім
nl-form-email = Адреса електронної пошти
nl-form-email-placeholder = you@example.org
nl-form-subscribe = Підписатися
nl-form-hint = Спершу ми надішлемо посилання для підтвердження. У кожному листі розсилки є посилання, щоб відписатися одним натисканням.
# «Докладніше — у нашій [політиці конфіденційності].» трьома частинами довкола посилання.
nl-form-privacy-before = Докладніше — у нашій
nl-form-privacy-link = політиці конфіденційності
nl-form-privacy-after = { "." }

## Помилки у формі, показані біля поля адреси.
nl-form-error-heading = Перевірте, будь ласка, форму
nl-form-unreadable = Не вдалося прочитати форму.
nl-form-email-missing = Введіть, будь ласка, адресу електронної пошти.
nl-form-email-invalid = Введіть, будь ласка, правильну адресу електронної пошти.
nl-form-no-list = Оберіть принаймні одну розсилку.
nl-form-too-many-lists = Забагато розсилок в одному запиті.
nl-form-unknown-list = Розсилки `{ $list }` не існує.
nl-refused-heading = Підписку відхилено
nl-too-many-heading = Забагато запитів
nl-cross-site = Підписки приймаємо лише з форм на цьому сайті.
nl-too-many-requests = Забагато запитів на підписку з вашої мережі. Спробуйте, будь ласка, за кілька хвилин.

## Після підписки й підтвердження. $email — адреса підписника,
## $newsletters — назви розсилок.
nl-check-heading = Перевірте пошту
nl-check-message = Ми надіслали посилання для підтвердження на { $email }. Відкрийте його, щоб почати отримувати розсилку.
nl-confirmed-heading = Підписку оформлено
nl-confirmed-message = Відтепер на { $email } надходитимуть розсилки: { $newsletters }. Дякуємо!
nl-expired-heading = Посилання більше не діє
nl-expired-message = Посилання для підтвердження невідоме, уже використане або застаріле. Підпишіться ще раз, щоб отримати нове.

## Відписка.
nl-unknown-link-heading = Невідоме посилання
nl-unsubscribe-heading = Відписка
nl-unsubscribe-prompt = Натисніть кнопку, щоб більше не отримувати цю розсилку.
nl-unsubscribe-button = Відписатися
nl-unsubscribe-invalid = Це посилання для відписки недійсне.
nl-unsubscribed-heading = Ви відписалися
nl-unsubscribed-message = На { $email } більше не надходитимуть ці листи.

## Сторінка налаштувань, на яку веде кожен лист розсилки.
nl-preferences-heading = Ваші розсилки
nl-preferences-intro = Оберіть розсилки для { $email }.
nl-preferences-saved = Ваш вибір збережено.
nl-preferences-save = Зберегти вибір
nl-preferences-unsubscribe-all = Відписатися від усіх розсилок
nl-preferences-invalid = Це посилання на налаштування розсилок недійсне.

## Відмови допоміжних дій редакції (імпорт, дайджест).
nl-digest-empty = Відколи вийшла попередня розсилка, нічого не опубліковано: для дайджесту немає матеріалів.
