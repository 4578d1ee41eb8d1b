// Readers' error reports in headless Chromium, keyboard only: select text in an
// article's body, press Control+Enter, and the dialog opens focused with the quote;
// Tab to the fields, type, press Enter on Send, and the success shows in the dialog
// without a reload; Escape closes it and focus returns. Without JavaScript the "Report an
// error" link leads to the form page, which posts and shows the thank-you page. axe-core
// (WCAG 2.2 AA) finds nothing on the form page nor with the dialog open.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations } from './axe.mjs';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTICLE = '/articles/winter-aid-convoy-reaches-vesk';

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary ?? ''}`).join('\n')}`)
    .join('\n');
}

describe('error reports in Chromium', { timeout: 110_000 }, () => {
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

  test('select, Control+Enter, type and send with the keyboard only', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, bypassCSP: true });
    context.setDefaultTimeout(15_000);
    try {
      const page = await context.newPage();
      let reloads = 0;
      page.on('load', () => {
        reloads += 1;
      });
      await page.goto(ARTICLE, { waitUntil: 'load' });
      assert.ok(await page.isVisible('.report-hint'), 'the hint shows once the script runs');

      // Select the first words of the body's first paragraph.
      const quote = await page.evaluate(() => {
        const p = document.querySelector('.article-body p');
        const text = p.firstChild;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, Math.min(24, text.length));
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return sel.toString().replace(/\s+/g, ' ').trim();
      });
      assert.ok(quote.length > 5, `selected ${quote}`);
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('dialog.report-dialog[open]');
      const focused = await page.evaluate(() => ({
        name: document.activeElement.getAttribute('name'),
        inDialog: !!document.activeElement.closest('dialog[open]'),
        value: document.activeElement.value,
      }));
      assert.deepEqual(focused, { name: 'quote', inDialog: true, value: quote });
      assert.equal(
        await page.evaluate(() => document.querySelector('dialog[open]').getAttribute('aria-labelledby')),
        'report-dialog-heading',
      );

      const axe = await axeViolations(page);
      assert.deepEqual(axe, [], `axe with the dialog open:\n${describeViolations(axe)}`);

      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.name), 'comment');
      await page.keyboard.type('The convoy reached Tarn.');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.name), 'email');
      await page.keyboard.type('reader@example.org');
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.activeElement.classList.contains('report-send')));
      const loadsBefore = reloads;
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => {
        const s = document.querySelector('dialog[open] .report-status');
        return s && /reached the editors/.test(s.textContent);
      });
      assert.equal(reloads, loadsBefore, 'no reload');
      assert.equal(
        await page.evaluate(() => document.querySelector('dialog[open] .report-status').getAttribute('aria-live')),
        'polite',
      );

      await page.keyboard.press('Escape');
      await page.waitForSelector('dialog.report-dialog[open]', { state: 'detached', timeout: 5_000 }).catch(() => {});
      assert.equal(await page.evaluate(() => !!document.querySelector('dialog[open]')), false, 'closed');
      // The dialog's `close` event (which puts focus back) is dispatched in a task after
      // the dialog closes; newer Chromium no longer moves focus out of it in between.
      await page
        .waitForFunction(() => !document.activeElement.closest('dialog'), null, { timeout: 5_000 })
        .catch(() => {});
      assert.equal(
        await page.evaluate(() => document.activeElement === document.body || document.activeElement.closest('article') !== null),
        true,
        `focus is back where it was, not on ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120))}`,
      );

      // The link opens the dialog too (Enter on it), and Escape returns focus to it.
      await page.focus('a.report-link');
      await page.keyboard.press('Enter');
      await page.waitForSelector('dialog.report-dialog[open]');
      assert.equal(await page.evaluate(() => document.activeElement.name), 'quote');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('dialog[open]'));
      assert.ok(await page.evaluate(() => document.activeElement.classList.contains('report-link')), 'focus returns to the link');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the form page posts and thanks the reader', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled: false, bypassCSP: true });
    context.setDefaultTimeout(15_000);
    try {
      const page = await context.newPage();
      await page.goto(ARTICLE, { waitUntil: 'load' });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a.report-link')]);
      assert.match(page.url(), /\/corrections\/report\?article=winter-aid-convoy-reaches-vesk$/);
      await page.fill('#report-quote', 'reaches Vesk');
      await page.fill('#report-comment', 'It reached Tarn.');
      const [res] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.click('form.report-form button[type="submit"]'),
      ]);
      assert.equal(res.status(), 200);
      assert.match(page.url(), /\/corrections\/report\/sent/);
      assert.match(await page.textContent('main'), /reached the editors/);
    } finally {
      await context.close();
    }
  });

  test('axe finds nothing on the form page and its error state', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, bypassCSP: true });
    context.setDefaultTimeout(15_000);
    try {
      const page = await context.newPage();
      const res = await page.goto('/corrections/report?article=winter-aid-convoy-reaches-vesk', { waitUntil: 'load' });
      assert.equal(res.status(), 200);
      let found = await axeViolations(page);
      assert.deepEqual(found, [], `axe on the form page:\n${describeViolations(found)}`);
      await page.fill('#report-email', 'not-an-address');
      const [posted] = await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.click('form.report-form button[type="submit"]'),
      ]);
      assert.equal(posted.status(), 422);
      found = await axeViolations(page);
      assert.deepEqual(found, [], `axe on the form with errors:\n${describeViolations(found)}`);
    } finally {
      await context.close();
    }
  });
});
