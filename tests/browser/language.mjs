// The site language in browser specs: switching it the way an operator does
// (`byline settings set language uk`, which writes the setting and a `site`
// change the running server follows), and finding English catalog messages on
// a page that should show none.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '../../crates/byline-i18n/locales');
const SWITCH_TIMEOUT_MS = 20_000;

/** Sets the site language with the CLI and waits until the home page shows it. */
export async function setSiteLanguage(server, lang) {
  const args = ['settings', 'set', 'language', lang, '--data-dir', server.dataDir];
  if (process.env.BYLINE_TEST_DATABASE_URL) {
    args.push('--database-url', process.env.BYLINE_TEST_DATABASE_URL);
  }
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('BYLINE_')),
  );
  execFileSync(server.bin, args, { cwd: server.dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const deadline = Date.now() + SWITCH_TIMEOUT_MS;
  for (;;) {
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    if (html.includes(`<html lang="${lang}">`)) return;
    assert.ok(Date.now() < deadline, `the site did not switch to ${lang}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `key = value` messages of one language without placeables (one line each). */
function plainMessages(lang) {
  const messages = new Map();
  for (const file of readdirSync(join(LOCALES, lang))) {
    if (!file.endsWith('.ftl')) continue;
    for (const line of readFileSync(join(LOCALES, lang, file), 'utf8').split('\n')) {
      const m = line.match(/^([a-z0-9-]+) = ([^{}]+)$/);
      if (m) messages.set(m[1], m[2].trim());
    }
  }
  return messages;
}

/** English messages (4 characters or more) that differ from their Ukrainian version. */
export function distinctiveEnglish() {
  const en = plainMessages('en');
  const uk = plainMessages('uk');
  return [...en]
    .filter(([key, value]) => value.length >= 4 && /\p{L}/u.test(value) && uk.get(key) !== value)
    .map(([, value]) => value);
}

// What a page shows that is the newsroom's content or settings, not Byline's
// words: headlines, standfirsts, bodies, names of sections, people, tags and
// newsletters, the outlet's name, tagline and support text.
const CONTENT = [
  '.brand', '.tagline', '.site-nav a[href^="/sections/"]', '.kicker', '.card-headline',
  '.card-standfirst', 'h1', '.standfirst', '.byline a', '.place', 'figcaption',
  '.article-body', '.tags', '.support-call p:not(:has(a))', '.copyright',
  '.listing-description', '.news-feed a', '.subscribe label:has(input[type=checkbox])',
  '.newsletter-description', 'textarea', 'input[type=text]', 'input[type=email]',
  '.desk-article-title', 'td', 'option', 'script', 'style', 'template',
];

/** English catalog messages in what `page` shows outside content (text and labels). */
export async function englishOnPage(page, extraContent = []) {
  const shown = await page.evaluate((selectors) => {
    const body = document.body.cloneNode(true);
    for (const s of selectors) {
      for (const el of body.querySelectorAll(s)) el.remove();
    }
    const labels = [...body.querySelectorAll('[aria-label], [alt], [title], [placeholder]')]
      .flatMap((el) => ['aria-label', 'alt', 'title', 'placeholder'].map((a) => el.getAttribute(a) || ''));
    return `${body.textContent}\n${labels.join('\n')}`;
  }, [...CONTENT, ...extraContent]);
  const text = shown.replace(/\s+/g, ' ');
  const word = (m) => new RegExp(`(^|[^\\p{L}\\p{N}])${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u');
  return distinctiveEnglish().filter((m) => word(m).test(text));
}
