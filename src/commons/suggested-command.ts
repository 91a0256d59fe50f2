/**
 * A `noclout` command as a person must type it. In a plain clone of the commons `noclout` is not on
 * PATH (npm puts it in node_modules/.bin), so every command the CLI suggests is printed with `npx`,
 * which finds that copy (and a global install too). One function, so that no message forgets it.
 * Pure: used by the CLI and by the hints the bot writes.
 */

/** `npx noclout <args>`, for example `noclout('vote cite-sources yes')` → `npx noclout vote cite-sources yes`. */
export function noclout(args: string): string {
  return `npx noclout ${args}`;
}

