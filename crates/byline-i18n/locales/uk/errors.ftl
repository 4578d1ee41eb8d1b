# Сторінки помилок публічного сайту (і всіх сторінок без власної форми помилки).

error-kicker = Помилка { $status }
error-home-link = Перейти на головну сторінку

error-not-found-title = Сторінку не знайдено
error-not-found = Ми не змогли знайти цю сторінку. Можливо, її перенесли або в адресі є помилка.
error-gone-title = Статтю відкликано
error-gone = Редакція відкликала цю статтю, і вона більше не доступна.
error-bad-request-title = Неправильний запит
error-bad-request = Запит не вдалося розібрати: адреса або дані форми пошкоджені.
error-forbidden-title = Доступ заборонено
error-conflict-title = Конфлікт редагування
error-too-many-title = Забагато спроб
error-busy-title = Сервер перевантажений
error-busy = Зараз входить дуже багато людей. Спробуйте ще раз за хвилину.
error-unavailable-title = Тимчасово недоступно
error-unavailable = База даних редакції зараз недоступна. Спробуйте ще раз за хвилину.
error-internal-title = Щось пішло не так
error-internal = Через помилку на нашому боці сторінка не завантажилася. Спробуйте ще раз за хвилину.
error-method-title = Метод не дозволено
error-method = Ця адреса не приймає такого запиту.
error-too-large-title = Запит завеликий
error-too-large = Запит більший, ніж приймає цей сайт.

## Неправильні адреси.
error-page-number = `page` має бути цілим числом від 1, а не `{ $value }`
error-not-utf8 = Адреса не є коректним UTF-8.
error-param-repeated = Параметр `{ $name }` указано більше одного разу.
error-cannot-redirect = Цю адресу неможливо переспрямувати.
