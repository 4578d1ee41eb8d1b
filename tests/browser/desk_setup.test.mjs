// First-run setup and the desk's languages in headless Chromium: `byline serve` on an
// empty data dir prints a one-time setup URL; the link's form creates the first admin and
// lands in the desk; the link is gone afterwards. axe-core with the WCAG 2.2 AA rules
// (target size included) on the setup, sign-in and editor pages, in English and, after the
// admin picks Ukrainian on the account page, in Ukrainian.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { bylineBinary, startServer } from './server.mjs';
import { axeViolations as runAxe } from './axe.mjs';
import { englishOnPage } from './language.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ADMIN = { name: 'Olena Founder', email: 'olena@news.example', password: 'a long enough first password' };

/** The shared WCAG 2.2 AA run, one line per violation. */
async function axeViolations(page) {
  return (await runAxe(page)).map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}

function cli(server, args) {
  const db = process.env.BYLINE_TEST_DATABASE_URL ? ['--database-url', process.env.BYLINE_TEST_DATABASE_URL] : [];
  return execFileSync(bylineBinary(), [...args, '--data-dir', server.dataDir, ...db], {
    env: { ...process.env, BYLINE_LOG: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

describe('first-run setup and the desk in two languages', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let setupUrl;

  before(async () => {
    server = await startServer();
    const line = server.log().split('\n').find((l) => /\/desk\/setup\/\S+$/.test(l.trim()));
    assert.ok(line, `no setup URL printed:\n${server.log()}`);
    setupUrl = line.trim();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the printed link creates the first admin, lands in the desk and is gone afterwards', async () => {
    assert.equal(new URL(setupUrl).origin, server.baseUrl, 'the URL is the one the server answers on');
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    const opened = await page.goto(setupUrl);
    assert.equal(opened.status(), 200);
    assert.equal(await page.locator('h1').textContent(), 'Set up your newsroom');
    assert.deepEqual(await axeViolations(page), [], 'setup page is accessible (WCAG 2.2 AA)');
    await page.fill('#name', ADMIN.name);
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await Promise.all([page.waitForURL(`${server.baseUrl}/desk/`), page.click('button[type=submit]')]);
    assert.equal(await page.locator('h1').textContent(), 'Articles');
    assert.match(await page.locator('.desk-header').textContent(), /Olena Founder \(admin\)/);

    const again = await (await browser.newContext({ bypassCSP: true })).newPage();
    const gone = await again.goto(setupUrl);
    assert.equal(gone.status(), 410, 'the link is used up');
  });

  test('sign-in and editor pass axe with WCAG 2.2 AA in English and in Ukrainian', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/desk/login`);
    assert.equal(await page.getAttribute('#email', 'autocomplete'), 'email');
    assert.equal(await page.getAttribute('#email', 'type'), 'email');
    assert.deepEqual(await axeViolations(page), [], 'sign-in page is accessible (en)');
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await Promise.all([page.waitForURL(`${server.baseUrl}/desk/`), page.click('button[type=submit]')]);
    await page.goto(`${server.baseUrl}/desk/articles/new`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(await axeViolations(page), [], 'editor is accessible (en)');

    // The admin picks Ukrainian; the desk follows.
    await page.goto(`${server.baseUrl}/desk/account`);
    await page.selectOption('#desk-language', 'uk');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action="/desk/account/language"] button[type=submit]')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'uk');
    assert.match(await page.locator('[role=status]').textContent(), /Тепер редакція говорить українською/);
    await page.goto(`${server.baseUrl}/desk/articles/new`);
    assert.equal(await page.getAttribute('html', 'lang'), 'uk');
    assert.equal(await page.locator('h1').textContent(), 'Нова стаття');
    assert.deepEqual(await axeViolations(page), [], 'editor is accessible (uk)');
    assert.deepEqual(await englishOnPage(page), [], 'English on the Ukrainian editor');
    const list = await page.goto(`${server.baseUrl}/desk/`);
    assert.equal(list.status(), 200);
    const firstEdit = await page.locator('a[href$="/edit"]').first().getAttribute('href');
    await page.goto(`${server.baseUrl}${firstEdit}`);
    assert.equal(await page.locator('h1').textContent(), 'Редагування статті');
    assert.deepEqual(await axeViolations(page), [], 'editor of an article is accessible (uk)');
    assert.deepEqual(await englishOnPage(page), [], 'English on the Ukrainian editor of an article');
  });

  test('the sign-in page in the site language Ukrainian passes axe', async () => {
    // The site language is set through the Admin API (GET/PATCH /api/admin/settings).
    const token = cli(server, ['token', 'create', ADMIN.email, '--name', 'setup test']).trim().split('\n').pop();
    const res = await fetch(`${server.baseUrl}/api/admin/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'uk' }),
    });
    assert.ok(res.ok, `PATCH /api/admin/settings answered ${res.status}`);
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${server.baseUrl}/desk/login`);
    assert.equal(await page.getAttribute('html', 'lang'), 'uk');
    assert.equal(await page.locator('h1').textContent(), 'Вхід');
    assert.deepEqual(await axeViolations(page), [], 'sign-in page is accessible (uk)');
    assert.deepEqual(await englishOnPage(page), [], 'English on the Ukrainian sign-in page');
  });
});
