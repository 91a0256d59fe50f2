/**
 * Screenshots of the demo site for the README and docs: the home page and the Contribute page in
 * French and English, and a post page, at desktop width (1280 px) and on a 360 px phone, in the
 * light theme.
 *
 *   node test/e2e/screenshots.ts [--out DIR]   (builds the root commons, the shipped demo, into a
 *                                               temp dir; writes DIR/*.png, default docs/screenshots)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startSession } from './harness.ts';

const shots = [
  ['home', '/fr/'],
  ['home-en', '/en/'],
  ['contribute-fr', '/fr/contribute/'],
  ['contribute-en', '/en/contribute/'],
  ['post', '/en/posts/2026/equal-voices/'],
] as const;

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? path.join(ROOT, 'docs/screenshots'));

const session = await startSession(ROOT);
try {
  for (const [name, url] of shots) {
    for (const [suffix, width] of [['desktop', 1280], ['phone', 360]] as const) {
      const { page } = await session.open(url, { width });
      const file = path.join(out, `${name}-${suffix}.png`);
      await page.screenshot({ path: file, fullPage: suffix === 'phone' ? false : true });
      await page.context().close();
      console.log(path.relative(process.cwd(), file));
    }
  }
} finally {
  await session.close();
}
