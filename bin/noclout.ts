#!/usr/bin/env node
/** The `noclout` command. Node 24 runs this TypeScript file as is. */
import { enableCompileCache } from 'node:module';

// Type-stripping and compiling our modules is most of a short run's start-up; cache it
// (in the OS temp dir) so `noclout review` stays well under a second.
enableCompileCache();
const { main } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/io.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
