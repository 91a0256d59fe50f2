/**
 * Where the commons the site is built from lives: env NOCLOUT_COMMONS (a directory holding
 * `content/` and `governance/`), default the working directory, relative to it. This repository
 * is itself a commons, so `npm start` and `npm run build` serve the root's; the tests build their
 * own fixture commons by naming it here (`scripts/build-site.ts --commons DIR` sets the variable).
 */
import path from 'node:path';

export function commonsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(process.cwd(), env.NOCLOUT_COMMONS || '.');
}
