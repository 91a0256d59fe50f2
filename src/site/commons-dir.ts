/**
 * Where the commons the site is built from lives: env NOCLOUT_COMMONS (a directory holding
 * `content/` and `governance/`), default `demo`, relative to the working directory.
 */
import path from 'node:path';

export function commonsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(process.cwd(), env.NOCLOUT_COMMONS || 'demo');
}
