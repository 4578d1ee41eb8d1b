# Відповідь редакції читачеві на повідомлення про помилку (crates/byline-mail/templates/letters/report_reply.*).
# $site — назва видання, $headline — заголовок статті, $count — кількість днів.
mail-report-subject = «{ $site }»: про ваше повідомлення щодо статті «{ $headline }»
mail-report-intro = Дякуємо, що написали виданню «{ $site }» про статтю «{ $headline }». Редактор відповів:
mail-report-you-quoted = Ви процитували:
mail-report-button = Читати статтю
mail-report-open-link = Стаття:
mail-report-privacy = Ви отримали цей лист, бо залишили адресу разом із повідомленням. Ми використовуємо її лише для відповіді й видаляємо через { $count ->
        [one] { $count } день
        [few] { $count } дні
        [many] { $count } днів
       *[other] { $count } дня
    } після закриття повідомлення.
