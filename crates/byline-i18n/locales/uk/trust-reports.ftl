# Повідомлення читачів про помилки на сайті: посилання в статтях, діалог, сторінка форми
# та відповіді на неї (crates/byline-web/templates/trust/report_*.html, src/trust/reports.rs).
report-link = Повідомити про помилку
report-hint = Виділіть текст і натисніть Ctrl+Enter, щоб повідомити про помилку.
report-heading = Повідомити про помилку
report-meta-description = Повідомте редакцію про помилку в статті.
report-about = У статті:
report-intro = Розкажіть, що не так: процитуйте слова й напишіть, як правильно. Редакція читає кожне повідомлення.
report-field-article = Адреса статті
report-field-honeypot = Залиште це поле порожнім
report-field-quote = Слова з помилкою
report-field-quote-hint = Скопіюйте їх зі статті (можна не заповнювати, якщо пишете коментар).
report-field-comment = Що не так і як правильно
report-field-email = Ваша електронна адреса (необов’язково)
report-field-email-hint = Лише для відповіді вам; видаляємо через 30 днів після закриття повідомлення.
report-send = Надіслати
report-cancel = Скасувати
report-close = Закрити
report-sending = Надсилаємо…
report-network-error = Не вдалося надіслати повідомлення. Перевірте з’єднання й спробуйте ще раз.
report-privacy-before = Ми не зберігаємо адреси вашого пристрою. Докладніше — у нашій
report-privacy-link = політиці конфіденційності
report-privacy-after = .
report-sent-heading = Дякуємо
report-sent-message = Ваше повідомлення отримала редакція. Дякуємо, що допомагаєте нам писати точно.
report-back-to-article = Повернутися до статті «{ $headline }»
report-front-page = На головну
report-too-long = Щонайбільше { $count ->
        [one] { $count } символ
        [few] { $count } символи
        [many] { $count } символів
       *[other] { $count } символу
    }.
report-empty = Процитуйте слова з помилкою або напишіть коментар.
report-email-invalid = Це не електронна адреса.
report-problems = Повідомлення не надіслано: перевірте позначені нижче поля.
report-article-unreadable = Це не адреса статті цього сайту.
report-article-foreign = Ця адреса належить іншому сайту: тут можна повідомити лише про статті цього сайту.
report-article-unknown = За цією адресою немає опублікованої статті.
report-cross-site = Це повідомлення надійшло з іншого сайту, тому його не прийнято. Скористайтеся формою на нашому сайті.
report-too-many = Забагато повідомлень із вашої мережі за короткий час. Спробуйте ще раз за кілька хвилин; ваш текст збережено нижче.
report-too-large = Повідомлення задовге, його неможливо прочитати.
report-desk-busy = Зараз редакція отримує забагато повідомлень. Спробуйте пізніше; ваш текст збережено нижче.
