#!/usr/bin/env node
// The bin only imports: everything else lives in the library so it can be tested.
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
