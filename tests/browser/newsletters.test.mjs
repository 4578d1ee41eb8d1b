// The newsletter subscribe pages in headless Chromium, in English and in
// Ukrainian: axe-core with the WCAG 2.2 AA rules (target size included) on the
// list page, one newsletter's page and the form-error page; the page's
// language and the form's words follow the site language.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations as runAxe } from './axe.mjs';
import { englishOnPage, setSiteLanguage } from './language.mjs';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function waitFor(url, check) {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await (await fetch(url)).text();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never matched; last body:\n${last.slice(0, 2000)}`);
}

describe('newsletter pages in Chromium', { timeout: 110_000 }, () => {
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

  /** axe violations (WCAG 2.2 AA) on each of `paths`, as readable lines. */
  async function axeViolations(pages) {
    // The pages send `script-src 'self'`: bypass CSP to inject axe-core.
    const context = await browser.newContext({ baseURL: server.baseUrl, bypassCSP: true });
    context.setDefaultTimeout(15_000);
    const lines = [];
    try {
      const page = await context.newPage();
      for (const { path, status, lang, form } of pages) {
        let res;
        if (form) {
          // The error page: the form posted with a bad address, as a reader would.
          await page.goto(path, { waitUntil: 'load' });
          await page.fill('form[action="/newsletters/subscribe"] input[name="email"]', 'not-an-address');
          await page.evaluate(() => {
            const input = document.querySelector('form[action="/newsletters/subscribe"] input[name="email"]');
            input.type = 'text'; // let the browser send it: the server does the checking
          });
          [res] = await Promise.all([
            page.waitForNavigation({ waitUntil: 'load' }),
            page.click('form[action="/newsletters/subscribe"] button[type="submit"]'),
          ]);
        } else {
          res = await page.goto(path, { waitUntil: 'load' });
        }
        assert.equal(res.status(), status, `${path} (${lang})`);
        assert.equal(await page.getAttribute('html', 'lang'), lang, `${path} <html lang>`);
        const violations = (await runAxe(page)).map((v) => ({
          ...v,
          nodes: v.nodes.map((n) => `${n.target}: ${n.summary ?? ''}`),
        }));
        if (lang === 'uk') {
          for (const m of await englishOnPage(page)) lines.push(`${lang} ${path}: English shown: ${m}`);
        }
        for (const v of violations) {
          lines.push(`${lang} ${path}${form ? ' (form error)' : ''}: ${v.id}: ${v.help}`);
          for (const n of v.nodes) lines.push(`    ${n.replace(/\n/g, ' ')}`);
        }
      }
    } finally {
      await context.close();
    }
    return lines;
  }

  const pagesIn = (lang) => [
    { path: '/newsletters', status: 200, lang },
    { path: '/newsletters/morning-briefing', status: 200, lang },
    { path: '/newsletters/morning-briefing', status: 400, lang, form: true },
  ];

  test('English subscribe pages pass axe (WCAG 2.2 AA)', async () => {
    const lines = await axeViolations(pagesIn('en'));
    assert.deepEqual(lines, [], `axe-core violations:\n${lines.join('\n')}`);
  });

  test('Ukrainian subscribe pages are in Ukrainian and pass axe (WCAG 2.2 AA)', async () => {
    await setSiteLanguage(server, 'uk');
    const body = await waitFor(`${server.baseUrl}/newsletters`, (b) => b.includes('Оберіть розсилки'));
    assert.match(body, /<button type="submit">Підписатися<\/button>/);
    const lines = await axeViolations(pagesIn('uk'));
    assert.deepEqual(lines, [], `axe-core violations:\n${lines.join('\n')}`);
  });
});
