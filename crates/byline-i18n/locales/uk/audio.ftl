# Озвучені статті: рядок з авторами на початку, програвач на сторінці статті, подкаст-стрічки.
audio-byline-one = Автор: { $name }
audio-byline-many = Автори: { $rest } і { $last }
audio-heading = Прослухати статтю
audio-disclosure = Це аудіо створено за допомогою штучного інтелекту
audio-recorded = Читає працівник нашої редакції
audio-duration = { $minutes ->
    [one] { $minutes } хвилина
    [few] { $minutes } хвилини
   *[other] { $minutes } хвилин
}
audio-download = Завантажити аудіо (MP3)
audio-no-player = Ваш браузер не може відтворити це аудіо тут; завантажте його.
audio-podcast-link = Подкаст: озвучені статті
podcast-title = { $site }: озвучені статті
podcast-section-title = { $site }: { $section }, озвучено
podcast-description = Статті { $site }, прочитані вголос.
podcast-section-description = Статті розділу «{ $section }» на { $site }, прочитані вголос.
