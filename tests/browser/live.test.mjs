// Browser tests of live coverage in headless Chromium: a live page updates in place
// over SSE (an entry added, edited and deleted through the Admin API shows within a
// second, without a reload), and so does the home page's compact News Feed block (held
// while the reader is scrolled past it); a reader scrolled down gets the "new updates" button
// instead of a shifting page; a reconnect with Last-Event-ID gets what was missed;
// axe-core passes on the live page and the News Feed with JavaScript on and off.
//
// Content comes through the Admin API (token from the `byline token create` CLI), the
// interface the issue names: POST /api/admin/live, POST /api/admin/live/{id}/entries,
// PATCH and DELETE /api/admin/live/{id}/entries/{entry}, POST /api/admin/feed-items.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations, formatViolations } from './axe.mjs';
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

describe('live coverage in Chromium', { timeout: 170_000 }, () => {
  let server;
  let browser;
  let token;
  let live; // { id, url } of the live page every test uses

  const api = async (path, method = 'GET', body) => {
    const r = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.status < 300, `${method} ${path} answered ${r.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const addEntry = (body, extra = {}) =>
    api(`/api/admin/live/${live.id}/entries`, 'POST', { body, published: true, ...extra });
  const livePath = () => new URL(live.url, server.baseUrl).pathname;

  before(async () => {
    server = await startServer();
    cli(server, ['user', 'add', 'editor@news.example', '--role', 'editor'], { BYLINE_PASSWORD: PASSWORD });
    token = cli(server, ['token', 'create', 'editor@news.example', '--name', 'live tests']).trim().split('\n').pop();
    live = await api('/api/admin/live', 'POST', {
      headline: 'Storm over Harbourton — live',
      summary: '- Ferries cancelled\n- Schools closed',
    });
    for (let n = 0; n < 12; n++) {
      await addEntry(`Earlier update number ${n}: the wind is rising along the harbour wall.`, {
        key_event: n === 2,
      });
    }
    await api('/api/admin/feed-items', 'POST', { headline: 'Ferry service suspended', body: 'All crossings stop at noon.', published: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function withPage(options, fn) {
    const context = await browser.newContext({ baseURL: server.baseUrl, bypassCSP: true, ...options });
    context.setDefaultTimeout(15_000);
    try {
      return await fn(await context.newPage());
    } finally {
      await context.close();
    }
  }

  /** Opens the live page and waits until its stream is connected. */
  async function openLive(page) {
    const r = await page.goto(livePath());
    assert.equal(r.status(), 200);
    await page.locator('[data-events][data-connected]').waitFor({ state: 'attached' });
  }

  test('an entry appears, changes and goes without a reload, each within a second', async () => {
    await withPage({}, async (page) => {
      await openLive(page);
      await page.evaluate(() => {
        window.__notReloaded = true;
      });
      let t = Date.now();
      const created = await addEntry('Breaking: the harbour wall has been breached.');
      const entry = page.locator(`#entry-${created.id}`);
      await entry.waitFor({ timeout: 3_000 });
      assert.ok(Date.now() - t < 1_000, `new entry after ${Date.now() - t} ms`);
      // Newest first: it is the first entry of the stream.
      assert.equal(await page.locator('[data-items] > .live-entry').first().getAttribute('id'), `entry-${created.id}`);

      t = Date.now();
      await api(`/api/admin/live/${live.id}/entries/${created.id}`, 'PATCH', {
        body: 'Correction: the wall held; water came over the top.',
      });
      await page.getByText('Correction: the wall held').waitFor({ timeout: 3_000 });
      assert.ok(Date.now() - t < 1_000, `edit after ${Date.now() - t} ms`);
      assert.equal(await page.locator(`#entry-${created.id}`).count(), 1, 'replaced in place, not added');

      t = Date.now();
      await api(`/api/admin/live/${live.id}/entries/${created.id}`, 'DELETE');
      await entry.waitFor({ state: 'detached', timeout: 3_000 });
      assert.ok(Date.now() - t < 1_000, `delete after ${Date.now() - t} ms`);
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload happened');
    });
  });

  test("the home page's News Feed block takes a new item within a second, and axe passes", async () => {
    await withPage({}, async (page) => {
      assert.equal((await page.goto('/')).status(), 200);
      await page.locator('.news-feed[data-events][data-connected]').waitFor({ state: 'attached' });
      await page.evaluate(() => {
        window.__notReloaded = true;
      });
      const lines = page.locator('.news-feed [data-items] > li');
      const before = await lines.count();
      const t = Date.now();
      const created = await api('/api/admin/feed-items', 'POST', { headline: 'Bridge reopens to traffic', published: true, breaking: true });
      const line = page.locator(`.news-feed [data-items] > li[data-id="${created.id}"]`);
      await line.waitFor({ timeout: 3_000 });
      assert.ok(Date.now() - t < 1_000, `new line after ${Date.now() - t} ms`);
      assert.equal(await line.locator(`a[href="/news-feed/${created.id}"]`).textContent(), 'Bridge reopens to traffic');
      assert.equal(await line.locator('.mark-breaking').count(), 1, 'the breaking mark');
      assert.equal(await line.locator('article').count(), 0, 'the compact line, not the full item');
      // Newest first after any pinned line; the block keeps to its length.
      const order = await lines.evaluateAll((els) => els.map((el) => [el.getAttribute('data-id'), el.getAttribute('data-pinned')]));
      assert.equal(order.filter(([, pinned]) => pinned !== 'true')[0][0], String(created.id), JSON.stringify(order));
      assert.equal(await lines.count(), Math.min(before + 1, 10));
      await api(`/api/admin/feed-items/${created.id}`, 'DELETE');
      await line.waitFor({ state: 'detached', timeout: 3_000 });
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'no reload happened');
      const found = await axeViolations(page);
      assert.deepEqual(found, [], `/: ${formatViolations(found)}`);
    });
  });

  test("a reader scrolled past the home page's News Feed block gets nothing moved", async () => {
    await withPage({ viewport: { width: 800, height: 500 } }, async (page) => {
      await page.goto('/');
      await page.locator('.news-feed[data-events][data-connected]').waitFor({ state: 'attached' });
      // The top of the list 200 px above the viewport; a second connection tells the test
      // when the item's event has reached the page.
      await page.evaluate(() => {
        const list = document.querySelector('.news-feed [data-items]');
        window.scrollBy(0, list.getBoundingClientRect().top + 200);
        window.__seen = [];
        const es = new EventSource('/events?streams=feed');
        es.addEventListener('item', (e) => window.__seen.push(JSON.parse(e.data).id));
        return new Promise((resolve) => es.addEventListener('open', resolve));
      });
      const watched = page.locator('.feed-more');
      const top = await watched.evaluate((el) => el.getBoundingClientRect().top);
      const created = await api('/api/admin/feed-items', 'POST', { headline: 'Held while scrolled past', published: true });
      await page.waitForFunction((id) => window.__seen.includes(id), created.id);
      await page.waitForTimeout(200);
      const line = page.locator(`.news-feed [data-items] > li[data-id="${created.id}"]`);
      assert.equal(await line.count(), 0, 'held, not inserted');
      assert.equal(await watched.evaluate((el) => el.getBoundingClientRect().top), top, 'nothing moved under the reader');
      // Back at the block: it is inserted.
      await page.evaluate(() => document.querySelector('.news-feed').scrollIntoView({ block: 'start' }));
      await line.waitFor({ timeout: 3_000 });
      await api(`/api/admin/feed-items/${created.id}`, 'DELETE');
    });
  });

  test('a reader scrolled down gets a "new updates" button instead of a jump', async () => {
    await withPage({ viewport: { width: 800, height: 500 } }, async (page) => {
      await openLive(page);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      // What the reader looks at: the last entry, where it is in the viewport.
      const lastEntry = page.locator('[data-items] > .live-entry').last();
      const before = await lastEntry.evaluate((el) => el.getBoundingClientRect().top);
      const created = await addEntry('A new update while the reader is further down.');
      const button = page.locator('.new-updates-button');
      await button.waitFor({ state: 'visible', timeout: 3_000 });
      assert.match(await button.textContent(), /^1 new update$/);
      assert.equal(await page.locator(`#entry-${created.id}`).count(), 0, 'held, not inserted');
      assert.equal(await lastEntry.evaluate((el) => el.getBoundingClientRect().top), before, 'nothing moved under the reader');
      assert.equal(await page.locator('.new-updates').getAttribute('aria-live'), 'polite');

      const second = await addEntry('And one more.');
      await page.waitForFunction(() => /^2 new updates$/.test(document.querySelector('.new-updates-button').textContent));
      await button.click();
      await page.locator(`#entry-${second.id}`).waitFor();
      await page.locator(`#entry-${created.id}`).waitFor();
      assert.equal(await button.isVisible(), false, 'the button goes once pressed');
      const top = await page.locator('[data-items]').evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(top < 200, `scrolled to the top of the stream (${top})`);
    });
  });

  test('a reconnect with Last-Event-ID gets what was missed', async () => {
    const eventsUrl = `${server.baseUrl}${livePath()}/events`;
    // The first connection sees one entry, then goes away.
    const first = await readEvents(eventsUrl, {}, async () => addEntry('Seen before the disconnect.'), 'Seen before');
    assert.ok(first.lastId, 'events carry ids');
    // Meanwhile another entry is posted; the reconnect asks from the last id it saw.
    await addEntry('Posted while the reader was offline.');
    const second = await readEvents(eventsUrl, { 'last-event-id': first.lastId }, async () => {}, 'while the reader was offline');
    assert.ok(second.data.includes('while the reader was offline'));
    assert.ok(!second.data.includes('Seen before the disconnect'), 'nothing replayed twice');
  });

  test('the banner is dismissed for good with JS, for the page view without', async () => {
    const banner = await api('/api/admin/banner', 'PUT', { text: 'Our first magazine: pre-order now', style: 'notice' });
    const selector = `.site-banner[data-banner-id="${banner.id}"]`;
    await withPage({}, async (page) => {
      await page.goto('/');
      await page.locator(selector).waitFor({ state: 'visible' });
      await page.getByRole('button', { name: 'Dismiss this announcement' }).click();
      await page.locator(selector).waitFor({ state: 'hidden' });
      // Remembered: on the next page it is hidden from the first frame (the check runs in
      // the head, before the body is parsed).
      await page.goto('/news-feed', { waitUntil: 'commit' });
      await page.waitForSelector(selector, { state: 'attached' });
      assert.equal(await page.locator(selector).evaluate((el) => getComputedStyle(el).display), 'none');
    });
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/');
      assert.ok(await page.locator(selector).isVisible(), 'shown without JS');
      await page.locator(`${selector} .banner-dismiss`).click();
      assert.equal(await page.locator(selector).isVisible(), false, 'the :target link hides it');
    });
    await api('/api/admin/banner', 'DELETE');
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`axe passes on the live page and the News Feed with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      await withPage({}, async (page) => {
        // "Off" blocks the page's own scripts (axe itself still has to run): the page is
        // then exactly what a reader without JavaScript gets.
        if (!javaScriptEnabled) await page.route(/\/assets\/[a-z]+-[0-9a-f]+\.js$/, (route) => route.abort());
        for (const path of [livePath(), '/news-feed']) {
          const r = await page.goto(path);
          assert.equal(r.status(), 200, path);
          assert.ok(await page.locator('main h1').count() === 1, `${path} has one h1`);
          if (path === '/news-feed') {
            assert.ok(await page.getByText('Ferry service suspended').isVisible(), 'the item is in the HTML');
          } else {
            assert.ok(await page.locator('#key-events a[href^="#entry-"]').count() >= 1, 'key events box');
          }
          if (javaScriptEnabled) {
            await page.locator('[data-events][data-connected]').waitFor({ state: 'attached' });
          }
          assert.equal(
            await page.locator('[data-connected]').count(),
            javaScriptEnabled ? 1 : 0,
            'the stream runs only with the script',
          );
          const found = await axeViolations(page);
          assert.deepEqual(found, [], `${path}: ${formatViolations(found)}`);
        }
      });
    });
  }
});

/**
 * Reads `url` as an event stream until an event's data contains `until` (after calling
 * `act`), then disconnects. Returns the data seen and the id of the last event.
 */
async function readEvents(url, headers, act, until) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  const r = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data = '';
  let lastId = null;
  let acted = false;
  try {
    for (;;) {
      if (!acted) {
        acted = true;
        await act();
      }
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split('\n')) {
          if (line.startsWith('id:')) lastId = line.slice(3).trim();
          if (line.startsWith('data:')) data += line.slice(5) + '\n';
        }
        if (data.includes(until)) return { data, lastId };
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  throw new Error(`the stream ended before "${until}" arrived; got:\n${data}`);
}
