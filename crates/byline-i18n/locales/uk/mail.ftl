# Листи підписникам і працівникам редакції (crates/byline-mail/templates/letters/).

## Перелік назв у реченні: «Ранковий огляд і Читання на вихідні».
mail-names-and = { $first } і { $last }

## Підтвердження підписки (подвійна згода). $site — назва видання (у лапках, бо не відмінюється),
## $newsletters — назви розсилок, $count — кількість днів.
mail-confirm-subject = Підтвердьте підписку на розсилки «{ $site }»
mail-confirm-intro = Підтвердьте, будь ласка, що хочете отримувати від видання «{ $site }» такі розсилки: { $newsletters }.
mail-confirm-open-link = Щоб підтвердити підписку, відкрийте це посилання (воно діє { $count ->
        [one] { $count } день
        [few] { $count } дні
        [many] { $count } днів
       *[other] { $count } дня
    }):
mail-confirm-button = Підтвердити підписку
mail-confirm-validity = Посилання діє { $count ->
        [one] { $count } день
        [few] { $count } дні
        [many] { $count } днів
       *[other] { $count } дня
    }.
mail-confirm-ignore = Якщо ви не підписувалися, просто не зважайте на цей лист: підписку не буде оформлено.

## Відновлення пароля до облікового запису редакції. $count — кількість годин.
mail-reset-subject = Відновлення пароля до редакції «{ $site }»
mail-reset-intro = Хтось попросив скинути пароль вашого облікового запису в редакції «{ $site }».
mail-reset-open-link = Щоб вибрати новий пароль, відкрийте це посилання протягом { $count ->
        [one] { $count } години
       *[other] { $count } годин
    }:
mail-reset-button = Вибрати новий пароль
mail-reset-validity = Посилання діє { $count ->
        [one] { $count } годину
        [few] { $count } години
        [many] { $count } годин
       *[other] { $count } години
    }.
mail-reset-ignore = Якщо це були не ви, не зважайте на цей лист: ваш пароль залишиться незмінним.

## Запрошення до редакції. $inviter — ім’я працівника, $role — одне з mail-role-*.
mail-invite-subject = Запрошення до редакції «{ $site }»
mail-invite-intro = { $inviter } запрошує вас до редакції «{ $site }» у ролі { $role }.
mail-invite-intro-anonymous = Адміністратор запрошує вас до редакції «{ $site }» у ролі { $role }.
mail-invite-open-link = Щоб вибрати пароль і ввійти, відкрийте це посилання протягом { $count ->
        [one] { $count } години
       *[other] { $count } годин
    }:
mail-invite-button = Прийняти запрошення
mail-invite-validity = Посилання діє { $count ->
        [one] { $count } годину
        [few] { $count } години
        [many] { $count } годин
       *[other] { $count } години
    }.

## Роль у родовому відмінку, як у mail-invite-intro («у ролі редактора»).
mail-role-contributor = дописувача
mail-role-author = автора
mail-role-editor = редактора
mail-role-admin = адміністратора

## Нижній колонтитул кожного випуску розсилки.
mail-campaign-why = Ви отримуєте цей лист, бо підписалися на розсилку.
mail-campaign-preferences = Вибрати розсилки
mail-campaign-unsubscribe = Відписатися
