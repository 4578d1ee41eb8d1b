// The reading site in English and in Ukrainian, in headless Chromium: axe-core
// with the WCAG 2.2 AA rules (target size included) on home, an article and a
// section, before and after the site language is switched to `uk`.
//
// The switch is written the way another app node or the CLI would write it:
// straight into the server's SQLite database (`sqlite3`), with a `site` entry
// in the change log, which the running server follows within its change poll.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations, formatViolations } from './axe.mjs';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SQLITE = process.env.SQLITE3 || 'sqlite3';
const SWITCH_TIMEOUT_MS = 15_000;

// With BYLINE_TEST_DATABASE_URL the server's database is not the data dir's
// SQLite file this spec writes to.
const skip = process.env.BYLINE_TEST_DATABASE_URL
  ? 'the language switch writes the SQLite database of the data dir'
  : false;

describe('reading site in English and Ukrainian', { timeout: 110_000, skip }, () => {
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
      }
    } finally {
      await context.close();
    }
    return found;
  }

  /** Sets the site language in the database and waits until the site shows it. */
  async function switchLanguage(lang) {
    const db = join(server.dataDir, 'byline.db');
    const sql = [
      '.timeout 5000',
      `UPDATE site_settings SET data = json_set(data, '$.language', '${lang}') WHERE id = 1;`,
      "INSERT INTO content_changes (tags, created_at) VALUES ('site', CAST(strftime('%s', 'now') AS INTEGER));",
    ].join('\n');
    execFileSync(SQLITE, [db], { input: sql });
    const deadline = Date.now() + SWITCH_TIMEOUT_MS;
    for (;;) {
      const html = await (await fetch(`${server.baseUrl}/`)).text();
      if (html.includes(`<html lang="${lang}">`)) return;
      assert.ok(Date.now() < deadline, `the site did not switch to ${lang}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('home, article and section pass WCAG 2.2 AA in English and Ukrainian', async () => {
    const english = await audit('en');
    await switchLanguage('uk');
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
