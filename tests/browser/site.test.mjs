// Browser tests of the reading site in headless Chromium (playwright-core,
// the system's /usr/bin/chromium): navigation, keyboard skip link, a
// screenshot, axe-core accessibility checks and rendering without JavaScript.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { axeViolations, formatViolations } from './axe.mjs';
import { startServer } from './server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(HERE, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARTICLE_PATH = /^\/articles\/[a-z0-9][a-z0-9-]*$/;

describe('reading site in Chromium', { timeout: 110_000 }, () => {
  let server;
  let browser;
  let articlePath; // the first article linked from <main> on the home page

  before(async () => {
    server = await startServer();
    const home = await (await fetch(`${server.baseUrl}/`)).text();
    const main = home.slice(home.indexOf('<main'));
    articlePath = main.match(/href="(\/articles\/[^"#?]+)"/)?.[1];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh context + page; closes the context when fn is done. */
  async function withPage(options, fn) {
    const context = await browser.newContext({ baseURL: server.baseUrl, ...options });
    context.setDefaultTimeout(15_000);
    try {
      return await fn(await context.newPage());
    } finally {
      await context.close();
    }
  }

  /** Records page errors, console errors and failed same-origin subresources. */
  function watchProblems(page) {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('response', (r) => {
      const req = r.request();
      if (
        r.url().startsWith(server.baseUrl) &&
        req.resourceType() !== 'document' &&
        r.status() >= 400
      ) {
        problems.push(`${req.resourceType()} ${r.url()} answered ${r.status()}`);
      }
    });
    page.on('requestfailed', (req) => {
      // A page's live stream is closed when the reader leaves it (the home page's News
      // Feed block follows one): that abort is the script's doing, not a failure.
      const leftStream = req.resourceType() === 'eventsource' && req.failure()?.errorText === 'net::ERR_ABORTED';
      if (req.url().startsWith(server.baseUrl) && !leftStream) {
        problems.push(`${req.resourceType()} ${req.url()} failed: ${req.failure()?.errorText}`);
      }
    });
    return problems;
  }

  test('home page has feeds and its first article link leads to an article', async () => {
    await withPage({}, async (page) => {
      const problems = watchProblems(page);
      const res = await page.goto('/');
      assert.equal(res.status(), 200);
      const title = await page.title();
      assert.match(title, /The Meridian Courier/, `home <title> was ${JSON.stringify(title)}`);

      for (const [type, href] of [
        ['application/rss+xml', '/feed.xml'],
        ['application/atom+xml', '/atom.xml'],
        ['application/feed+json', '/feed.json'],
        ['application/rss+xml', '/podcast.xml'],
      ]) {
        const link = page.locator(`head link[rel="alternate"][type="${type}"][href="${href}"]`);
        assert.equal(await link.count(), 1, `one <link rel="alternate" type="${type}" href="${href}">`);
        assert.ok(await link.getAttribute('title'), `${href} alternate link has a title`);
      }
      const podcast = await page.request.get('/podcast.xml');
      assert.equal(podcast.status(), 200, '/podcast.xml answers');
      assert.match(await podcast.text(), /xmlns:itunes=/, 'the podcast feed carries the iTunes namespace');

      const first = page.locator('main a[href^="/articles/"]').first();
      const href = await first.getAttribute('href');
      assert.match(href, ARTICLE_PATH, `first article link in <main>: ${href}`);
      await Promise.all([page.waitForURL((url) => url.pathname === href), first.click()]);

      const url = new URL(page.url());
      assert.equal(url.origin, server.baseUrl);
      assert.match(url.pathname, ARTICLE_PATH);
      assert.equal(url.pathname, articlePath, 'followed the first article link in <main>');
      const h1 = page.locator('h1');
      assert.ok((await h1.count()) >= 1, 'the article has an <h1>');
      assert.ok((await h1.first().innerText()).trim().length > 0, 'the article <h1> has text');

      await page.waitForLoadState('load');
      assert.deepEqual(problems, [], 'no errors or failed requests on home and article');
    });
  });

  test('Tab reaches the skip link first and Enter moves focus to main', async () => {
    assert.match(articlePath ?? '', ARTICLE_PATH, 'the home page links an article');
    await withPage({}, async (page) => {
      await page.goto(articlePath);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return {
          tag: el?.tagName,
          className: el?.className,
          text: el?.textContent?.trim(),
          href: el?.getAttribute('href'),
        };
      });
      assert.equal(focused.tag, 'A', `focused after Tab: ${JSON.stringify(focused)}`);
      assert.equal(focused.text, 'Skip to content');
      assert.equal(focused.href, '#main-content');
      assert.ok(
        await page.evaluate(() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
        }),
        'the focused skip link is visible',
      );

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => location.hash === '#main-content');
      const inMain = await page.evaluate(() => {
        const main = document.querySelector('main#main-content');
        const el = document.activeElement;
        return {
          ok: !!main && (el === main || main.contains(el)),
          active: el ? `${el.tagName.toLowerCase()}#${el.id}.${el.className}` : null,
        };
      });
      assert.ok(inMain.ok, `focus after Enter is in main#main-content, was ${inMain.active}`);
    });
  });

  test('full-page screenshot of the article', async () => {
    assert.match(articlePath ?? '', ARTICLE_PATH, 'the home page links an article');
    mkdirSync(ARTIFACTS, { recursive: true });
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(articlePath, { waitUntil: 'load' });
      // Images below the fold are loading="lazy": scroll through the page so
      // they load, and check that every image decoded.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 30));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForFunction(() => [...document.images].every((img) => img.complete));
      const broken = await page.evaluate(() =>
        [...document.images].filter((img) => img.naturalWidth === 0).map((img) => img.src),
      );
      assert.deepEqual(broken, [], 'every image on the article loads');
      const file = join(ARTIFACTS, 'article.png');
      const png = await page.screenshot({ path: file, fullPage: true });
      assert.ok(png.length > 10_000, `screenshot ${file} is ${png.length} bytes`);
    });
  });

  test('axe-core finds no WCAG 2.2 AA violations', async () => {
    assert.match(articlePath ?? '', ARTICLE_PATH, 'the home page links an article');
    const pages = [
      { path: '/', status: 200 },
      { path: articlePath, status: 200 },
      { path: '/sections/news', status: 200 },
      { path: '/pages/copyright', status: 200 },
      { path: '/corrections', status: 200 },
      { path: `${articlePath}/history`, status: 200 },
      { path: `${articlePath}/history?from=1&to=1`, status: 200 },
      { path: `${articlePath}/history/1`, status: 200 },
      { path: '/no-such-page', status: 404 },
    ];
    // The pages send `script-src 'self'`, which would block the injected
    // axe-core script: bypass CSP in this context only.
    const report = await withPage({ bypassCSP: true }, async (page) => {
      const found = [];
      for (const { path, status } of pages) {
        const res = await page.goto(path, { waitUntil: 'load' });
        assert.equal(res.status(), status, `GET ${path}`);
        for (const v of await axeViolations(page)) found.push({ path, ...v });
      }
      return found;
    });
    if (report.length > 0) {
      assert.fail(`axe-core violations:\n${formatViolations(report)}`);
    }
  });

  test('home and article render their headlines and links without JavaScript', async () => {
    assert.match(articlePath ?? '', ARTICLE_PATH, 'the home page links an article');
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const home = await page.goto('/');
      assert.equal(home.status(), 200);
      assert.ok((await page.locator('h1').count()) >= 1, 'home has an <h1>');
      assert.ok((await page.locator('main h2, main h3').count()) >= 1, 'home has headlines');
      const visibleArticleLinks = page.locator('main a[href^="/articles/"]:visible');
      assert.ok((await visibleArticleLinks.count()) >= 3, 'home shows article links');
      assert.ok((await page.locator('nav a[href^="/sections/"]:visible').count()) >= 1, 'home shows section links');

      const article = await page.goto(articlePath);
      assert.equal(article.status(), 200);
      const h1 = page.locator('main h1');
      assert.equal(await h1.count(), 1, 'the article has one <h1> in <main>');
      assert.ok(await h1.isVisible(), 'the article headline is visible');
      assert.ok((await h1.innerText()).trim().length > 0, 'the article headline has text');
      assert.ok((await page.locator('main p:visible').count()) >= 1, 'the article body is visible');
      assert.ok((await page.locator('a[href="/"]:visible').count()) >= 1, 'the article links home');
    });
  });
});
