// Browser tests of the desk in headless Chromium: the whole writing flow a journalist
// follows, axe-core on desk pages, and an XSS corpus submitted in every text field that
// must never execute on public or desk pages.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { axeViolations as runAxe } from './axe.mjs';
import { bylineBinary, startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PASSWORD = 'a long enough passphrase';
// A 2x2 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

function cli(server, args, env = {}) {
  const db = process.env.BYLINE_TEST_DATABASE_URL ? ['--database-url', process.env.BYLINE_TEST_DATABASE_URL] : [];
  return execFileSync(bylineBinary(), [...args, '--data-dir', server.dataDir, ...db], {
    env: { ...process.env, BYLINE_LOG: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

/** The shared WCAG 2.2 AA run (target size included), one line per violation. */
async function axeViolations(page) {
  return (await runAxe(page)).map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
}

describe('desk in Chromium', { timeout: 170_000 }, () => {
  let server;
  let browser;
  let token;
  const XSS_NAME = '<img src=x onerror="window.__xss=1">Ed';

  before(async () => {
    server = await startServer();
    cli(server, ['user', 'add', 'editor@news.example', '--role', 'editor', '--name', XSS_NAME], { BYLINE_PASSWORD: PASSWORD });
    token = cli(server, ['token', 'create', 'editor@news.example', '--name', 'browser tests']).trim().split('\n').pop();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInPage(options = {}) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/desk/`);
    assert.match(new URL(page.url()).pathname, /^\/desk\/login/);
    await page.fill('#email', 'editor@news.example');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${server.baseUrl}/desk/`), page.click('button[type=submit]:has-text("Sign in")')]);
    return page;
  }

  test('sign in, upload a picture, write, preview, publish, edit and see the revisions', async () => {
    const page = await signedInPage({ bypassCSP: true });
    assert.deepEqual(await axeViolations(page), [], 'article list is accessible');

    await page.goto(`${server.baseUrl}/desk/media`);
    await page.setInputFiles('#file', { name: 'ferry.png', mimeType: 'image/png', buffer: PNG });
    await page.fill('#alt', 'The ferry at the pier');
    await Promise.all([page.waitForURL(`${server.baseUrl}/desk/media`), page.click('button:has-text("Upload")')]);
    const mediaName = await page.locator('.media-grid code').first().textContent();
    assert.match(mediaName, /^ferry\.[0-9a-f]{12}\.png$/);

    await page.goto(`${server.baseUrl}/desk/articles/new`);
    assert.deepEqual(await axeViolations(page), [], 'editor is accessible');
    await page.fill('#headline', 'Ferry crossings resume to the islands');
    await page.fill('#standfirst', 'The first boat left at seven.');
    await page.fill('#body', '## Timetable\n\nTwo crossings a day until spring.');
    await page.selectOption('#section', 'news');
    await page.fill('#authors', 'news-desk');
    await page.selectOption('#hero_image', mediaName);
    await page.fill('#hero_alt', 'The ferry at the pier');
    await page.fill('#hero_caption', 'The ferry leaving Mirrow Bay.');

    const [preview] = await Promise.all([page.waitForEvent('popup'), page.click('button:has-text("Preview")')]);
    await preview.waitForLoadState();
    assert.equal(await preview.locator('h1.headline').textContent(), 'Ferry crossings resume to the islands');
    assert.ok(await preview.locator('.preview-banner').isVisible());
    await preview.close();

    await Promise.all([page.waitForURL(/\/desk\/\?saved=/), page.click('button[value=publish]')]);
    assert.match(await page.locator('.notice').textContent(), /Published/);

    const publicPage = await browser.newPage();
    await publicPage.goto(`${server.baseUrl}/articles/ferry-crossings-resume-to-the-islands`);
    assert.equal(await publicPage.locator('h1.headline').textContent(), 'Ferry crossings resume to the islands');
    assert.equal(await publicPage.locator('.hero img').getAttribute('alt'), 'The ferry at the pier');

    // Edit: the public page follows, with an update note.
    await page.click('a:has-text("Ferry crossings resume to the islands")');
    await page.fill('#standfirst', 'The first boat left at seven, on time.');
    await page.fill('#update_note', 'Added the departure time.');
    await Promise.all([page.waitForURL(/\/desk\/\?saved=/), page.click('button[value=publish]')]);
    let text = '';
    for (let i = 0; i < 30 && !text.includes('on time'); i++) {
      await publicPage.reload();
      text = await publicPage.locator('.standfirst').textContent();
    }
    assert.match(text, /on time/);
    assert.match(await publicPage.locator('.update-note').textContent(), /Added the departure time/);
    // Signed-in staff get "Edit post" on the public page (same browser context as the desk).
    const staffView = await page.context().newPage();
    await staffView.goto(`${server.baseUrl}/articles/ferry-crossings-resume-to-the-islands`);
    await staffView.locator('a.edit-post').waitFor();
    assert.equal(await publicPage.locator('a.edit-post').count(), 0, 'readers never see it');

    await page.click('a:has-text("Ferry crossings resume to the islands")');
    await page.click('a:has-text("Revisions")');
    assert.ok((await page.locator('tbody tr').count()) >= 2);
    await page.click('a:has-text("Compare with current")>>nth=-1');
    assert.ok((await page.locator('ins').count()) > 0, 'added words are marked');
    assert.deepEqual(await axeViolations(page), [], 'revision comparison is accessible');
  });

  test('an editor creates a newsletter on the desk and it is offered to readers at once', async () => {
    const page = await signedInPage({ bypassCSP: true });
    await page.goto(`${server.baseUrl}/desk/newsletters`);
    await page.click('summary:has-text("Create or edit a newsletter")');
    assert.deepEqual(await axeViolations(page), [], 'newsletters page, with the list forms open, is accessible');
    await page.fill('#l-new-slug', 'war-diary');
    await page.fill('#l-new-name', 'War Diary');
    await page.fill('#l-new-sender-address', 'diary@news.example');
    await Promise.all([page.waitForURL(`${server.baseUrl}/desk/newsletters/lists`), page.click('button:has-text("Create newsletter")')]);
    assert.match(await page.textContent('main'), /Saved “War Diary”/);
    await page.goto(`${server.baseUrl}/`);
    assert.equal(await page.locator('input[name=list][value=war-diary]').count() > 0, true, 'the home page form lists it');
  });

  test('an XSS corpus in every text field never executes', async () => {
    const payloads = [
      '<script>window.__xss=1</script>',
      '<img src=x onerror="window.__xss=1">',
      '<svg onload="window.__xss=1"><circle r="1"/></svg>',
      '"><script>window.__xss=1</script>',
      "'><img src=x onerror=window.__xss=1>",
      '<a href="javascript:window.__xss=1">click</a>',
      '[click](javascript:window.__xss=1)',
      '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
      '</textarea><script>window.__xss=1</script>',
      '<b onmouseover="window.__xss=1">unclosed <i>',
      '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
    ];
    const api = (path, init = {}) => fetch(`${server.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers || {}) } });
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'x.png');
    form.append('alt', payloads[1]);
    form.append('caption', payloads[0]);
    form.append('credit', payloads[2]);
    const media = await (await api('/api/admin/media', { method: 'POST', body: form })).json();
    const slugs = [];
    for (const [i, p] of payloads.entries()) {
      const body = {
        slug: `xss-${i}`, headline: `Headline ${p}`, standfirst: p, body: `Intro ${p}\n\n## ${p}\n\n${p}`,
        section: 'news', tags: [`tag ${i} ${p}`], authors: ['news-desk'], dateline: p,
        hero_image: media.name, hero_alt: p, hero_caption: p, hero_credit: p, status: 'published',
      };
      const r = await api('/api/admin/articles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await r.text();
      assert.equal(r.status, 201, text);
      const created = JSON.parse(text);
      const noted = await api(`/api/admin/articles/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ update_note: p }) });
      assert.equal(noted.status, 200);
      slugs.push({ slug: `xss-${i}`, id: created.id });
    }
    // CSP is bypassed: the markup itself must be safe, not only the policy.
    const page = await signedInPage({ bypassCSP: true });
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    const paths = ['/', '/sections/news', '/feed.xml', '/desk/', '/desk/media', '/desk/account', '/desk/audit'];
    for (const { slug, id } of slugs) {
      paths.push(`/articles/${slug}`, `/desk/articles/${id}/edit`, `/desk/articles/${id}/revisions`, `/desk/articles/${id}/revisions/1`);
    }
    for (const path of paths) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.mouse.move(200, 300);
      await page.waitForTimeout(20);
      assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${path}`);
    }
    assert.equal(dialogs, 0);
  });
});
