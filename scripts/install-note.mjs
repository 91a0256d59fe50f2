// @ts-check
/**
 * `npm install`'s one line about Node (postinstall). NoClout runs on its own Node 24, the `node`
 * package, which npm puts first on PATH for npm scripts and npx; npm itself may run on an older
 * Node (20 on many machines). Said once here instead of one EBADENGINE warning per package (.npmrc).
 *
 * Plain JavaScript, not TypeScript: without the dev dependencies this runs on the machine's Node,
 * which may not run .ts files.
 */
const WANTED = 24;
/** @param {string | undefined} version */
const major = (version) => Number(/^v?(\d+)/.exec(version ?? '')?.[1] ?? 0);
// npm names the Node it runs on in its user agent: "npm/11.6.2 node/v20.20.2 linux x64 …".
const npmNode = /\bnode\/(v[\d.]+)/.exec(process.env.npm_config_user_agent ?? '')?.[1];

if (major(process.version) < WANTED) {
  console.log(`noclout: this is Node ${process.version}; NoClout needs Node ${WANTED} or later. Its own Node comes with the dev dependencies (the \`node\` package): run \`npm install\` without --omit=dev, or install Node ${WANTED}.`);
} else if (npmNode !== undefined && major(npmNode) < WANTED) {
  console.log(`noclout: npm ran on Node ${npmNode}; NoClout runs on its own Node ${process.version} (node_modules/.bin/node), which npm start, npm test and npx noclout use.`);
}
