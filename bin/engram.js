#!/usr/bin/env node
// The `engram` command: builds the CLI bundle if needed, then runs it.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ensureNodeBuild } from '../scripts/ensure-node-build.mjs';

process.setSourceMapsEnabled(true); // stack traces point at the TypeScript sources
const outdir = await ensureNodeBuild();
await import(pathToFileURL(path.join(outdir, 'cli.js')).href);
