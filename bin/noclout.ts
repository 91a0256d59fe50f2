#!/usr/bin/env node
/** The `noclout` command. Node 24 runs this TypeScript file as is. */
import { main } from '../src/cli/main.ts';
import { processIo } from '../src/cli/io.ts';

process.exitCode = await main(process.argv.slice(2), processIo);
