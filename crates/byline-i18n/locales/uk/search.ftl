# Пошук: сторінка для читачів, поле в шапці, повідомлення JSON-відповіді, пошук у редакції.
search-title = Пошук
search-description = Пошук статей на цьому сайті.
search-box-label = Шукати статті
search-box-placeholder = Пошук
search-submit = Шукати
search-filters = Фільтри й порядок
search-filter-section = Розділ
search-filter-any = Будь-який розділ
search-filter-author = Автор (slug)
search-filter-from = Від
search-filter-to = До
search-filter-language = Код мови
search-sort = Порядок
search-sort-relevance = Найкращий збіг
search-sort-newest = Спершу нові
search-page-prev = Попередні результати
search-page-next = Більше результатів
search-count = { $count ->
    [one] { $count } результат
    [few] { $count } результати
   *[other] { $count } результатів
}
search-no-results = За запитом «{ $query }» нічого не знайдено. Спробуйте інші слова або менше фільтрів.
search-unavailable = Пошук тимчасово недоступний: його індекс саме будується. Спробуйте за кілька секунд.
search-problem-empty = Введіть слово чи два для пошуку.
search-problem-too-long = Запит задовгий: не більше 300 символів.
search-problem-no-terms = У запиті немає слів для пошуку. Спробуйте літери чи цифри, а не лише розділові знаки.
search-problem-bad-date = Дати пишуться як РРРР-ММ-ДД, наприклад 2026-03-01.
search-problem-bad-sort = Результати можна впорядкувати лише за збігом або спершу нові.
search-problem-bad-page = Номер сторінки — ціле число від 1 до 1000.
search-problem-bad-language = Мова — це код, наприклад en або uk.
search-desk-title = Пошук статей
search-desk-nav = Пошук
search-desk-unpublished = не опубліковано
