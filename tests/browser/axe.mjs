// axe-core for every browser spec, with the WCAG 2.2 AA rule set: the A and AA
// rules of WCAG 2.0, 2.1 and 2.2, including target size (SC 2.5.8).
//
//   import { axeViolations, formatViolations } from './axe.mjs';
//   const found = await axeViolations(page);   // [] when the page passes
//
// The page's context must be created with `bypassCSP: true`: the pages send
// `script-src 'self'`, which would block the injected axe-core script.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The axe-core tags of WCAG 2.2 level AA. */
export const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the loaded page with the WCAG 2.2 AA rules.
 * @returns {Promise<Array<{id: string, impact: string, help: string, helpUrl: string, nodes: Array<{target: string, html: string, summary: string}>}>>}
 */
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary,
      })),
    }));
  }, WCAG22_AA);
}

/** Violations found on several pages (`{path, ...violation}`) as readable lines. */
export function formatViolations(found) {
  return found
    .flatMap((v) => [
      `${v.path}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
      ...v.nodes.map(
        (n) => `    ${n.target}\n      ${n.html}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`,
      ),
    ])
    .join('\n');
}
