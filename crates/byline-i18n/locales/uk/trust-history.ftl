# Публічна історія редакцій статті та порівняння за словами.
trust-history-link = Історія
trust-history-revisions =
    { $count ->
        [one] { $count } редакція
        [few] { $count } редакції
       *[many] { $count } редакцій
    }
trust-history-title = Історія статті «{ $headline }»
trust-history-intro = Усі опубліковані версії цієї статті та що в них змінилося. Виберіть дві редакції, щоб порівняти їх слово за словом.
trust-history-back = Повернутися до статті
trust-history-caption = Опубліковані редакції, від найновіших
trust-history-col-revision = Редакція
trust-history-col-published = Опубліковано
trust-history-col-note = Примітка про оновлення
trust-history-col-corrections = Виправлення
trust-history-revision-n = Редакція { $version }
trust-history-compare-heading = Порівняти дві редакції
trust-history-from = Від
trust-history-to = до
trust-history-compare = Порівняти
trust-history-excluded = Редакцію { $version } вилучено з публічної історії { $date }. Причина: { $reason }
trust-history-compared-around = Редакцію { $version } вилучено з публічної історії, тому замість неї порівнюється редакція { $instead }.
trust-history-nothing-around = Редакцію { $version } вилучено з публічної історії, і немає іншої редакції, щоб порівняти замість неї.
trust-history-bad-revision = «{ $value }» — не номер редакції.
trust-history-two-revisions = Виберіть дві редакції для порівняння: і «від», і «до».
trust-revision-title = Редакція { $version } статті «{ $headline }»
trust-revision-back = Усі редакції
trust-revision-first = Це перша опублікована редакція: немає ранішої, з якою її можна порівняти.
trust-revision-text-heading = Повний текст редакції { $version }
trust-diff-heading = Зміни від редакції { $from } до редакції { $to }
trust-diff-legend-intro = Як читати зміни:
trust-diff-legend-added = додані слова підкреслено
trust-diff-legend-removed = вилучені слова перекреслено
trust-diff-same = Обидві редакції мають однакові заголовок, лід і текст.
trust-diff-unchanged = без змін
trust-diff-headline = Заголовок
trust-diff-standfirst = Лід
trust-diff-body = Текст
trust-diff-added-sr = [додано:
trust-diff-removed-sr = [вилучено:
trust-diff-end-sr = ]
