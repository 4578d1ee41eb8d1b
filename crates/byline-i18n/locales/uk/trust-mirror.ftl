# Статичне дзеркало (`byline export-static`): примітка на кожній сторінці дзеркала і те,
# що заступає форми, які працюють лише на самому сайті.

mirror-notice-label = Про цю копію
mirror-notice = Це дзеркало сайту «{ $site }», скопійоване { $date }.
mirror-notice-original = Оригінал цієї сторінки:
mirror-form-online = Ця форма працює на самому сайті:
