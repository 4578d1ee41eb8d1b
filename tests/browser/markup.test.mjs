// Markup tests without a browser: the Nu HTML Checker (vnu-jar, run with the
// system Java) on the main page types, and structural checks of the RSS,
// Atom and JSON feeds and of the sitemaps.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const VNU_JAR = String(require('vnu-jar'));
const JAVA = process.env.JAVA || 'java';
const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';
const MAX_SUMMARY_CHARS = 500;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['item', 'entry', 'link', 'guid', 'url', 'sitemap'].includes(name),
});

/** Character count as a reader sees it (code points, not UTF-16 units). */
const chars = (s) => [...s].length;
const text = (node) => (typeof node === 'object' && node !== null ? node['#text'] ?? '' : node ?? '');

function runVnu(files) {
  return new Promise((resolve, reject) => {
    execFile(
      JAVA,
      ['-jar', VNU_JAR, '--format', 'json', '--errors-only', '--also-check-css', ...files],
      { maxBuffer: 32 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        // vnu exits 1 when it found errors; its JSON report is on stderr.
        try {
          resolve(JSON.parse(stderr));
        } catch {
          reject(new Error(`vnu gave no JSON report (${error?.message ?? 'exit 0'}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

describe('markup, feeds and sitemaps', { timeout: 110_000 }, () => {
  let server;
  let articlePath;
  const fetched = new Map(); // path -> body, fetched once per test file

  async function get(path, { status = 200, type } = {}) {
    const res = await fetch(new URL(path, server.baseUrl));
    const body = await res.text();
    assert.equal(res.status, status, `GET ${path}`);
    if (type) {
      assert.match(res.headers.get('content-type') ?? '', type, `Content-Type of ${path}`);
    }
    fetched.set(path, body);
    return body;
  }

  /** Same-origin absolute URL -> path; fails on URLs that point elsewhere. */
  function localPath(url, what) {
    const u = new URL(url);
    assert.equal(u.origin, server.baseUrl, `${what} ${url} is on the site's origin`);
    return u.pathname;
  }

  before(async () => {
    server = await startServer();
    const home = await get('/', { type: /^text\/html/ });
    articlePath = home.slice(home.indexOf('<main')).match(/href="(\/articles\/[^"#?]+)"/)?.[1];
  });

  after(async () => {
    await server?.stop();
  });

  test('the Nu HTML Checker finds no errors', async () => {
    assert.ok(articlePath, 'the home page links an article');
    const pages = [
      { name: 'home', path: '/', status: 200 },
      { name: 'article', path: articlePath, status: 200 },
      { name: 'section', path: '/sections/news', status: 200 },
      { name: 'about', path: '/pages/about', status: 200 },
      { name: 'copyright', path: '/pages/copyright', status: 200 },
      { name: 'corrections', path: '/corrections', status: 200 },
      { name: 'history', path: `${articlePath}/history`, status: 200 },
      { name: 'history-diff', path: `${articlePath}/history?from=1&to=1`, status: 200 },
      { name: 'revision', path: `${articlePath}/history/1`, status: 200 },
      { name: 'not-found', path: '/no-such-page', status: 404 },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'byline-vnu-'));
    try {
      const fileToPath = new Map();
      for (const { name, path, status } of pages) {
        const file = join(dir, `${name}.html`);
        writeFileSync(file, await get(path, { status, type: /^text\/html; charset=utf-8$/i }));
        fileToPath.set(basename(file), path);
      }
      // The site's stylesheet(s) too, checked with --also-check-css.
      const home = fetched.get('/');
      const sheets = [...home.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(sheets.length >= 1, 'the home page links a stylesheet');
      for (const [i, href] of sheets.entries()) {
        const file = join(dir, `style-${i}.css`);
        writeFileSync(file, await get(href, { type: /^text\/css/ }));
        fileToPath.set(basename(file), href);
      }

      const report = await runVnu([...fileToPath.keys()].map((f) => join(dir, f)));
      const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
      if (errors.length > 0) {
        const lines = errors.map((m) => {
          const where = fileToPath.get(basename(new URL(m.url).pathname)) ?? m.url;
          return `${where}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}\n    ${(m.extract ?? '').replace(/\n/g, '⏎')}`;
        });
        assert.fail(`Nu HTML Checker errors:\n${lines.join('\n')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('RSS feed is well-formed with items that have link and guid', async () => {
    const body = await get('/feed.xml', { type: /^application\/rss\+xml/ });
    const valid = XMLValidator.validate(body);
    assert.equal(valid, true, `feed.xml is well-formed XML: ${JSON.stringify(valid)}`);
    const { rss } = xml.parse(body);
    assert.ok(rss, 'root element is <rss>');
    assert.equal(rss['@version'], '2.0');
    const channel = rss.channel;
    assert.ok(channel, '<rss> has a <channel>');
    assert.ok(text(channel.title).trim(), 'channel has a title');
    assert.ok(channel.link?.length >= 1, 'channel has a link');
    const items = channel.item ?? [];
    assert.ok(items.length >= 1, 'channel has items');
    for (const [i, item] of items.entries()) {
      const what = `RSS item ${i} (${text(item.title)})`;
      assert.ok(text(item.title).trim(), `${what} has a title`);
      assert.equal(item.link?.length, 1, `${what} has one <link>`);
      localPath(text(item.link[0]).trim(), `${what} link`);
      assert.equal(item.guid?.length, 1, `${what} has one <guid>`);
      assert.ok(text(item.guid[0]).trim(), `${what} guid is not empty`);
      assert.ok(!Number.isNaN(Date.parse(text(item.pubDate))), `${what} has a valid pubDate`);
    }
    const guids = items.map((item) => text(item.guid[0]).trim());
    assert.equal(new Set(guids).size, guids.length, 'RSS guids are unique');
  });

  test('Atom feed is well-formed with entries', async () => {
    const body = await get('/atom.xml', { type: /^application\/atom\+xml/ });
    const valid = XMLValidator.validate(body);
    assert.equal(valid, true, `atom.xml is well-formed XML: ${JSON.stringify(valid)}`);
    const { feed } = xml.parse(body);
    assert.ok(feed, 'root element is <feed>');
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    assert.ok(text(feed.title).trim(), 'feed has a title');
    assert.ok(text(feed.id).trim(), 'feed has an id');
    assert.ok(!Number.isNaN(Date.parse(text(feed.updated))), 'feed has a valid updated');
    const entries = feed.entry ?? [];
    assert.ok(entries.length >= 1, 'feed has entries');
    for (const [i, entry] of entries.entries()) {
      const what = `Atom entry ${i} (${text(entry.title)})`;
      assert.ok(text(entry.title).trim(), `${what} has a title`);
      assert.ok(text(entry.id).trim(), `${what} has an id`);
      assert.ok(!Number.isNaN(Date.parse(text(entry.updated))), `${what} has a valid updated`);
      const alternate = (entry.link ?? []).find((l) => (l['@rel'] ?? 'alternate') === 'alternate');
      assert.ok(alternate?.['@href'], `${what} has an alternate link`);
      localPath(alternate['@href'], `${what} link`);
      if (entry.summary !== undefined) {
        const n = chars(text(entry.summary));
        assert.ok(n <= MAX_SUMMARY_CHARS, `${what} summary is ${n} characters (max ${MAX_SUMMARY_CHARS})`);
      }
    }
    const ids = entries.map((e) => text(e.id).trim());
    assert.equal(new Set(ids).size, ids.length, 'Atom entry ids are unique');
  });

  test('JSON Feed 1.1 has items with id, url, title and content_text', async () => {
    const body = await get('/feed.json', { type: /^application\/feed\+json/ });
    const feed = JSON.parse(body);
    assert.equal(feed.version, JSON_FEED_VERSION);
    assert.ok(feed.title, 'feed has a title');
    assert.equal(localPath(feed.feed_url, 'feed_url'), '/feed.json');
    localPath(feed.home_page_url, 'home_page_url');
    assert.ok(Array.isArray(feed.items) && feed.items.length >= 1, 'feed has items');
    for (const [i, item] of feed.items.entries()) {
      const what = `JSON Feed item ${i} (${item.title})`;
      for (const key of ['id', 'url', 'title', 'content_text']) {
        assert.equal(typeof item[key], 'string', `${what} has a string ${key}`);
        assert.ok(item[key].trim(), `${what} ${key} is not empty`);
      }
      assert.match(localPath(item.url, `${what} url`), /^\/articles\//);
      if (item.summary !== undefined) {
        assert.equal(typeof item.summary, 'string', `${what} summary is a string`);
        const n = chars(item.summary);
        assert.ok(n <= MAX_SUMMARY_CHARS, `${what} summary is ${n} characters (max ${MAX_SUMMARY_CHARS})`);
      }
    }
    const ids = feed.items.map((item) => item.id);
    assert.equal(new Set(ids).size, ids.length, 'JSON Feed item ids are unique');
  });

  test('sitemap index lists article sitemaps covering every article in the JSON Feed', async () => {
    const index = await get('/sitemap.xml', { type: /xml/ });
    assert.equal(XMLValidator.validate(index), true, 'sitemap.xml is well-formed XML');
    const { sitemapindex } = xml.parse(index);
    assert.ok(sitemapindex, 'root element of /sitemap.xml is <sitemapindex>');
    assert.equal(sitemapindex['@xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    const children = (sitemapindex.sitemap ?? []).map((s) => localPath(text(s.loc).trim(), 'sitemap loc'));
    assert.ok(children.length >= 1, 'the index lists sitemaps');

    const articleChunks = children.filter((p) => /articles/.test(p));
    assert.ok(articleChunks.length >= 1, `the index lists article sitemaps: ${children.join(', ')}`);
    const listed = new Set();
    for (const path of children) {
      const body = await get(path, { type: /xml/ });
      assert.equal(XMLValidator.validate(body), true, `${path} is well-formed XML`);
      const { urlset } = xml.parse(body);
      assert.ok(urlset, `root element of ${path} is <urlset>`);
      const urls = urlset.url ?? [];
      assert.ok(urls.length <= 50_000, `${path} has at most 50,000 URLs`);
      for (const u of urls) {
        const loc = localPath(text(u.loc).trim(), `${path} loc`);
        if (articleChunks.includes(path)) listed.add(loc);
      }
    }

    const feed = JSON.parse(fetched.get('/feed.json') ?? (await get('/feed.json')));
    const missing = feed.items.map((item) => new URL(item.url).pathname).filter((p) => !listed.has(p));
    assert.deepEqual(missing, [], 'every JSON Feed article is in an article sitemap');
  });
});
