# Публічний сайт: оформлення сторінок, головна, статті, списки, статичні сторінки.

## Оформлення сторінки (кожна публічна сторінка).
site-skip-link = Перейти до змісту
site-support-us = Підтримати нас
site-nav-label = Рубрики
site-nav-home = Головна
site-support-heading = Підтримайте незалежну журналістику
site-support-become = Стати прихильником
site-footer-nav-label = Про сайт
site-footer-about = Про нас
site-footer-copyright = Авторські права і передруки
site-footer-privacy = Політика конфіденційності
site-footer-cookies = Політика щодо файлів cookie
site-copyright-notice = © { $year } { $holder }. Усі права захищено. Передрук — згідно з нашою
site-copyright-link = політикою щодо авторських прав
site-copyright-end = .

## Головна сторінка.
site-home-heading = { $site }: останні новини
site-home-empty = Ще не опубліковано жодної статті.
site-home-latest = Останнє
site-home-picks = Вибір редакції
site-home-more = Більше новин
site-home-feed = Стрічка новин
site-home-aside-label = Стрічка новин і розсилки

## Сторінка статті.
site-preview-banner = Попередній перегляд: так виглядатиме стаття. Її не опубліковано і не збережено.
site-byline-by =
    { $count ->
        [one] Автор:
       *[other] Автори:
    }
site-byline-and = і
site-updated = Оновлено
site-update-note = Оновлення
site-tags-label = Теги
site-share-heading = Поділитися статтею
site-share-email = Ел. пошта
site-related = Схожі матеріали
site-read-also = Читайте також
site-heading-anchor = Посилання на цей розділ

## Сторінки рубрик, тегів і авторів.
site-kind-section = Рубрика
site-kind-topic = Тема
site-kind-author = Автор
site-kind-desk = Редакція
site-author-portrait = Портрет: { $name }
site-listing-follow = Стежити:
site-feed-rss = RSS
site-feed-atom = Atom
site-feed-json = JSON Feed
site-listing-empty = Тут ще нічого не опубліковано.
site-listing-articles = Статті
site-listing-articles-page = Статті, сторінка { $page }
site-listing-title-page = { $heading } (сторінка { $page })
site-listing-description = { $heading } — { $site }
site-pagination-label = Сторінки
site-pagination-newer = ← Новіші
site-pagination-older = Давніші →
site-pagination-status = Сторінка { $page } з { $pages }

## Статичні сторінки.
site-page-updated = Востаннє оновлено
