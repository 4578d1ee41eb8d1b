// The reading site in English and in Ukrainian, in headless Chromium: axe-core
// with the WCAG 2.2 AA rules (target size included) on home, an article and a
// section, before and after the site language is switched to `uk`.
//
// The switch is made the way an operator makes it, with `byline settings set
// language uk` against the server's database; the running server follows the
// change log within its change poll. In Ukrainian, no English catalog message
// may show outside the demo's (English) content.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations, formatViolations } from './axe.mjs';
import { englishOnPage, setSiteLanguage } from './language.mjs';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('reading site in English and Ukrainian', { timeout: 110_000 }, () => {
  let server;
  let browser;
  let pages; // [{ path, status }]

  before(async () => {
    server = await startServer();
    const home = await (await fetch(`${server.baseUrl}/`)).text();
    const main = home.slice(home.indexOf('<main'));
    const article = main.match(/href="(\/articles\/[^"#?]+)"/)?.[1];
    assert.ok(article, 'the home page links an article');
    pages = [
      { path: '/', status: 200 },
      { path: article, status: 200 },
      { path: '/sections/news', status: 200 },
      { path: '/pages/copyright', status: 200 },
    ];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** axe-core on every page; asserts each page's language on the way. */
  async function audit(lang) {
    const context = await browser.newContext({ baseURL: server.baseUrl, bypassCSP: true });
    context.setDefaultTimeout(15_000);
    const found = [];
    try {
      const page = await context.newPage();
      for (const { path, status } of pages) {
        const res = await page.goto(path, { waitUntil: 'load' });
        assert.equal(res.status(), status, `GET ${path}`);
        assert.equal(res.headers()['content-language'], lang, `Content-Language of ${path}`);
        assert.equal(await page.getAttribute('html', 'lang'), lang, `<html lang> of ${path}`);
        for (const v of await axeViolations(page)) found.push({ path: `${path} (${lang})`, ...v });
        const english = await englishOnPage(page);
        if (lang === 'uk') {
          assert.deepEqual(english, [], `English on ${path} in Ukrainian`);
        } else {
          // The check sees the interface: in English it finds the catalog's words.
          assert.ok(english.length >= 5, `only ${english.length} English messages on ${path}`);
        }
      }
    } finally {
      await context.close();
    }
    return found;
  }

  test('home, article and section pass WCAG 2.2 AA in English and Ukrainian', async () => {
    const english = await audit('en');
    await setSiteLanguage(server, 'uk');
    const ukrainian = await audit('uk');

    // The switch reached the words too, not only the attribute.
    const context = await browser.newContext({ baseURL: server.baseUrl });
    try {
      const page = await context.newPage();
      await page.goto('/');
      assert.equal(
        (await page.locator('a.skip-link').textContent()).trim(),
        'Перейти до змісту',
      );
    } finally {
      await context.close();
    }

    const report = [...english, ...ukrainian];
    if (report.length > 0) {
      assert.fail(`axe-core violations:\n${formatViolations(report)}`);
    }
  });
});
