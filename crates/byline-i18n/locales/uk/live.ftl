# Live coverage on the public site: the News Feed, live pages, the banner and the page script.

live-feed-title = Стрічка новин
live-feed-description = Короткі оновлення з часом публікації від видання «{ $site }».
live-feed-page-heading = Стрічка новин, сторінка { $page }
live-feed-empty = Оновлень поки немає.
live-feed-older = Давніші оновлення
live-feed-newer = Новіші оновлення
live-feed-all = Усі оновлення
live-pinned = Закріплено
live-breaking = Терміново
live-key-event = Ключова подія
live-permalink = Посилання на це оновлення
live-share = Поширити
live-share-copied = Посилання скопійовано
live-share-heading = Поширити це оновлення
live-read-article = Читати статтю
live-source-link = Джерело
live-image-credit = Фото: { $credit }
live-updates-heading = Оновлення
live-new-updates = { $count ->
    [one] { $shown } нове оновлення
    [few] { $shown } нові оновлення
    [many] { $shown } нових оновлень
   *[other] { $shown } нових оновлень
}
live-badge = Наживо
live-ended = Цю онлайн-трансляцію завершено.
live-key-points = Головне
live-key-events = Ключові події
live-entries-heading = Останні оновлення
live-entries-heading-oldest = Оновлення, від найдавніших
live-order-label = Порядок оновлень
live-order-newest = Спершу новіші
live-order-oldest = Спершу давніші
live-started = Розпочато
live-index-title = Онлайн-трансляції
live-index-description = Онлайн-трансляції видання «{ $site }»: події, що тривають, у реальному часі.
live-index-empty = Онлайн-трансляцій поки немає.
live-index-ended = Завершено
live-banner-breaking = Термінова новина
live-banner-notice = Оголошення
live-banner-dismiss = Закрити це оголошення
live-error-order = Порядок «{ $value }» невідомий: використайте newest або oldest.
