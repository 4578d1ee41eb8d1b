// Editions in headless Chromium: the language switcher takes a reader from the English
// home to the Ukrainian edition and from an article to its translation, with the
// keyboard, with and without JavaScript; every page passes axe-core (WCAG 2.2 AA) and
// says its language in `<html lang>` and `Content-Language`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations, formatViolations } from './axe.mjs';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTICLE = '/articles/winter-aid-convoy-reaches-vesk';
const TRANSLATION = '/articles/konvoi-z-dopomohoiu-dosiah-veska';

describe('editions in Chromium', { timeout: 90_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Follows the switcher's link to `lang` by keyboard: focus it, press Enter. */
  async function switchTo(page, lang) {
    const link = page.locator(`nav.edition-switch a[lang="${lang}"]`);
    assert.equal(await link.count(), 1, `one switcher link to ${lang}`);
    await link.focus();
    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    return response;
  }

  /** Status, path, language; axe-core too where scripts run (it is a script itself). */
  async function check(page, response, lang, path, axe = true) {
    assert.equal(response.status(), 200, path);
    assert.equal(new URL(page.url()).pathname, path);
    assert.equal(response.headers()['content-language'], lang, `Content-Language of ${path}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang, `<html lang> of ${path}`);
    if (axe) {
      const found = await axeViolations(page);
      assert.deepEqual(found, [], `axe on ${path}:\n${formatViolations(found)}`);
    }
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`home to edition and article to translation, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const context = await browser.newContext({
        baseURL: server.baseUrl,
        bypassCSP: true,
        javaScriptEnabled,
      });
      context.setDefaultTimeout(15_000);
      try {
        const page = await context.newPage();
        const home = await page.goto('/', { waitUntil: 'load' });
        await check(page, home, 'en', '/', javaScriptEnabled);
        await check(page, await switchTo(page, 'uk'), 'uk', '/uk', javaScriptEnabled);
        assert.ok(await page.isVisible('text=Зимовий конвой'), 'the Ukrainian home lists its articles');
        // And back to the English home.
        await check(page, await switchTo(page, 'en'), 'en', '/', javaScriptEnabled);

        const article = await page.goto(ARTICLE, { waitUntil: 'load' });
        await check(page, article, 'en', ARTICLE, javaScriptEnabled);
        await check(page, await switchTo(page, 'uk'), 'uk', TRANSLATION, javaScriptEnabled);
        await check(page, await switchTo(page, 'en'), 'en', ARTICLE, javaScriptEnabled);
      } finally {
        await context.close();
      }
    });
  }
});
