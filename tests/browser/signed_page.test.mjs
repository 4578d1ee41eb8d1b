// A page saved from Chromium still verifies: open a signed article, take the DOM after
// its scripts ran, add Chrome's "saved from" comment and rewrite asset URLs the way
// "Save page as… (complete)" does, then run `byline verify --file … --keys …` → exit 0;
// change one word of the article text → a non-zero exit naming the word.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { bylineBinary, startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTICLE = '/articles/grid-repairs-restore-power-to-calder';

describe('a page saved from Chromium', { timeout: 110_000 }, () => {
  let server;
  let browser;
  let dir;

  before(async () => {
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    dir = mkdtempSync(join(tmpdir(), 'byline-saved-'));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function saveAsComplete(html, url) {
    const comment = `<!-- saved from url=(${String(url.length).padStart(4, '0')})${url} -->\n`;
    // Chrome's "complete" save: assets are copied next to the page and re-pointed.
    const rewritten = html
      .replace(/(src|href)="\/(assets|media)\/([^"]+)"/g, (_, attr, _kind, file) =>
        `${attr}="./Article_files/${file.replace(/\//g, '_')}"`)
      .replace(/srcset="[^"]*"/g, '');
    return rewritten.replace(/^(<!DOCTYPE html>)?/i, (doctype) => `${doctype || ''}\n${comment}`);
  }

  function verify(page, keys) {
    return spawnSync(bylineBinary(), ['verify', '--file', page, '--keys', keys], {
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  test('verifies unchanged and fails on one changed word', async () => {
    const page = await browser.newPage();
    const url = `${server.baseUrl}${ARTICLE}`;
    await page.goto(url, { waitUntil: 'networkidle' });
    const html = saveAsComplete(await page.content(), url);
    const keys = await (await fetch(`${server.baseUrl}/.well-known/byline-keys.json`)).text();
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, keys);

    const saved = join(dir, 'saved.html');
    writeFileSync(saved, html);
    const ok = verify(saved, keysFile);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^genuine: revision \d+ of "/);

    const bodyAt = html.indexOf('data-byline-body');
    const word = html.slice(bodyAt).match(/<p>[^<]*?\b([A-Za-z]{7,})\b/)[1];
    const altered = html.slice(0, bodyAt) + html.slice(bodyAt).replace(word, 'Forged');
    const alteredFile = join(dir, 'altered.html');
    writeFileSync(alteredFile, altered);
    const bad = spawnSync(
      bylineBinary(),
      ['verify', '--file', alteredFile, '--keys', keysFile, '--signed', join(dir, 'sig.json')],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /text: the article text differs/);
    const signature = await (await fetch(`${url}/signature.json`)).text();
    writeFileSync(join(dir, 'sig.json'), signature);
    const named = spawnSync(
      bylineBinary(),
      ['verify', '--file', alteredFile, '--keys', keysFile, '--signed', join(dir, 'sig.json')],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(named.status, 1, named.stdout + named.stderr);
    assert.ok(named.stdout.includes(`[-${word}-]`), named.stdout);
    await page.close();
  });
});
