# Публічні виправлення: на статті, сторінка виправлень і її стрічки.
trust-correction-kind-correction = Виправлення
trust-correction-kind-clarification = Уточнення
trust-article-corrections-heading =
    { $count ->
        [one] Повідомлення про виправлення
       *[other] Повідомлення про виправлення
    }
trust-correction-see-revision = Переглянути цю редакцію
trust-corrections-heading = Виправлення та уточнення
trust-corrections-intro = Усі виправлення й уточнення, які ми опублікували, від найновіших. Кожне веде до статті та до редакції, з якою його опубліковано.
trust-corrections-description = Виправлення та уточнення, опубліковані виданням { $site }.
trust-corrections-list-heading = Виправлення, від найновіших
trust-corrections-empty = Виправлень поки що не опубліковано.
trust-corrections-feed-rss = Виправлення (RSS)
trust-corrections-feed-json = Виправлення (JSON Feed)
trust-corrections-feed-title = { $site }: виправлення та уточнення
trust-corrections-feed-item = { $kind }: { $headline }
trust-footer-corrections = Виправлення
