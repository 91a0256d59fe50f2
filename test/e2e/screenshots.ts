/**
 * Screenshots of the demo site for the README and docs: home and a post page, at desktop width
 * and on a 360 px phone, in the light theme.
 *
 *   node test/e2e/screenshots.ts   (builds the root commons, the shipped demo, into a temp dir;
 *                                   writes docs/screenshots/*.png)
 */
import path from 'node:path';
import { ROOT, startSession } from './harness.ts';

const shots = [
  ['home', '/fr/'],
  ['post', '/en/posts/2026/equal-voices/'],
] as const;

const session = await startSession(ROOT);
try {
  for (const [name, url] of shots) {
    for (const [suffix, width] of [['desktop', 1280], ['phone', 360]] as const) {
      const { page } = await session.open(url, { width });
      const file = path.join(ROOT, 'docs/screenshots', `${name}-${suffix}.png`);
      await page.screenshot({ path: file, fullPage: suffix === 'phone' ? false : true });
      await page.context().close();
      console.log(path.relative(ROOT, file));
    }
  }
} finally {
  await session.close();
}
