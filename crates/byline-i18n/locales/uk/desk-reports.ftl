# Повідомлення читачів про помилки в редакції (crates/byline-web/src/desk/reports.rs, templates/desk/report*.html)
# та повідомлення робочого процесу їх розгляду (src/workflow/reports.rs).
desk-reports-nav = Повідомлення
desk-reports-nav-open = { $count ->
        [one] { $count } відкрите
        [few] { $count } відкриті
        [many] { $count } відкритих
       *[other] { $count } відкритого
    }
desk-reports-title = Повідомлення читачів про помилки
desk-reports-filter-label = Показати повідомлення
desk-reports-filter-all = Усі
desk-reports-count = { $count ->
        [one] { $count } повідомлення.
        [few] { $count } повідомлення.
        [many] { $count } повідомлень.
       *[other] { $count } повідомлення.
    }
desk-reports-received = Отримано
desk-reports-article = Стаття
desk-reports-excerpt = Цитата чи коментар
desk-reports-state = Стан
desk-reports-bad-filter = Невідомий стан повідомлення: виберіть new, accepted, rejected або fixed.
desk-report-title = Повідомлення { $count }
desk-report-back = Усі повідомлення
desk-report-revision = версія, яку читав читач ({ $count })
desk-report-quote = Цитата
desk-report-comment = Коментар
desk-report-none = (немає)
desk-report-email = Адреса читача
desk-report-email-none = не вказано
desk-report-email-erased = видалено (через 30 днів після закриття повідомлення)
desk-report-history = Історія
desk-report-history-none = Ще не розглянуто.
desk-report-event = { $who }: { $from } → { $to }
desk-report-triage = Розгляд
desk-report-move-legend = Перевести повідомлення в стан
desk-report-move-new = Нове
desk-report-move-accepted = Прийнято: помилка справжня, її виправлять
desk-report-move-rejected = Відхилено: помилки немає
desk-report-move-fixed = Виправлено: статтю виправлено
desk-report-state-new = нове
desk-report-state-accepted = прийнято
desk-report-state-rejected = відхилено
desk-report-state-fixed = виправлено
desk-report-reply = Відповідь читачеві (необов’язково)
desk-report-reply-hint = Надійде електронною поштою мовою сайту разом із цією зміною; залиште порожнім, щоб нічого не надсилати.
desk-report-save = Зберегти
desk-report-moved = Стан повідомлення тепер: { $state }.
wf-report-field-state = Стан
wf-report-field-reply = Відповідь
wf-report-state-missing = виберіть, у який стан перевести повідомлення
wf-report-state-unknown = невідомий стан: використовуйте new, accepted, rejected або fixed
wf-report-transition = повідомлення не можна перевести зі стану { $from } у стан { $to }
wf-report-stale = Хтось інший уже розглянув це повідомлення; оновіть сторінку, щоб побачити його стан.
wf-report-no-address = читач не залишив адреси, тож відповідь надіслати неможливо
