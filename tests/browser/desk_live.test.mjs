// Live coverage on the desk in headless Chromium: an editor posts a News Feed item and a
// live entry with the desk script (fetch, no reload: the page never navigates and a
// marker set on the page before posting survives), sees a field error from the server
// next to its field, and axe-core (WCAG 2.2 AA, target size included) passes on
// /desk/news-feed and on a live page's desk, /desk/live/{id}.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations as runAxe, formatViolations } from './axe.mjs';
import { bylineBinary, startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSWORD = 'a long enough passphrase';

function cli(server, args, env = {}) {
  const db = process.env.BYLINE_TEST_DATABASE_URL ? ['--database-url', process.env.BYLINE_TEST_DATABASE_URL] : [];
  return execFileSync(bylineBinary(), [...args, '--data-dir', server.dataDir, ...db], {
    env: { ...process.env, BYLINE_LOG: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

async function assertAccessible(page, what) {
  const found = (await runAxe(page)).map((v) => ({ path: new URL(page.url()).pathname, ...v }));
  assert.deepEqual(found, [], `${what} is accessible:\n${formatViolations(found)}`);
}

/** Counts the main frame's navigations from now on, and marks the document. */
async function watchNavigation(page) {
  const seen = { count: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.count += 1;
  });
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  return seen;
}

describe('live coverage desk in Chromium', { timeout: 120_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    cli(server, ['user', 'add', 'live-editor@news.example', '--role', 'editor', '--name', 'Live Editor'], { BYLINE_PASSWORD: PASSWORD });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInPage() {
    // bypassCSP lets axe-core be injected; the desk script is loaded from 'self' either way.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/desk/`);
    await page.fill('#email', 'live-editor@news.example');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${server.baseUrl}/desk/`), page.click('button[type=submit]:has-text("Sign in")')]);
    return page;
  }

  test('a News Feed item is posted without a reload and the page is accessible', async () => {
    const page = await signedInPage();
    await page.goto(`${server.baseUrl}/desk/news-feed`);
    await assertAccessible(page, 'the News Feed desk');
    const navigations = await watchNavigation(page);
    const url = page.url();

    await page.fill('#fi-headline', 'IMF tranche arrives');
    await page.fill('#fi-body', 'The funds represent the fourth review.');
    await page.check('input[name=breaking]');
    await page.click('button[value=publish]');
    const row = page.locator('#feed-items li', { hasText: 'IMF tranche arrives' });
    await row.waitFor({ timeout: 5_000 });
    assert.match(await page.locator('[data-quick-status]').textContent(), /Published “IMF tranche arrives”/);
    assert.equal(await row.locator('.badge-breaking').count(), 1, 'the breaking mark shows');
    assert.equal(await page.inputValue('#fi-headline'), '', 'the form is ready for the next item');
    assert.equal(page.url(), url, 'the address did not change');
    assert.equal(navigations.count, 0, 'the page did not navigate');
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the same document');

    // A problem the server finds shows by its field, still without a reload.
    await page.fill('#fi-headline', 'Too long a body');
    await page.fill('#fi-body', 'x'.repeat(2001));
    await page.click('button[value=publish]');
    const error = page.locator('#fi-body-error');
    await error.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await error.textContent(), /at most 2000 characters/);
    assert.equal(await page.getAttribute('#fi-body', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#fi-headline'), 'Too long a body', 'the text is kept');
    assert.equal(navigations.count, 0, 'still no navigation');
    await assertAccessible(page, 'the News Feed desk with a new row and a field error');
  });

  test('a live entry is posted without a reload and the live desk is accessible', async () => {
    const page = await signedInPage();
    await page.goto(`${server.baseUrl}/desk/live`);
    await page.fill('#ln-headline', 'Missile attack on Kyiv — live');
    await page.fill('#ln-summary', '- Air defence active');
    await Promise.all([page.waitForURL(/\/desk\/live\/\d+\?saved=/), page.click('button:has-text("Start the live page")')]);
    await assertAccessible(page, 'a live page desk');
    const navigations = await watchNavigation(page);

    await page.fill('#le-body', 'Explosions heard on the left bank.');
    await page.check('input[name=key_event]');
    await page.click('button[value=publish]');
    const row = page.locator('#live-entries li', { hasText: 'Explosions heard on the left bank.' });
    await row.waitFor({ timeout: 5_000 });
    assert.equal(await row.locator('.badge-key').count(), 1, 'marked as a key event');
    assert.match(await page.locator('[data-quick-status]').textContent(), /Update published/);
    assert.equal(navigations.count, 0, 'the page did not navigate');
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the same document');
    assert.equal(await page.locator('[data-empty-note]').count(), 0, 'the "no updates" note is gone');
    await assertAccessible(page, 'a live page desk with an entry');
  });
});
