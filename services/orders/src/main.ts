/**
 * Entry point: reads the environment (embedded defaults: PGlite in .data/, dev auth secret, 127.0.0.1:3000),
 * starts the service and shuts it down gracefully on SIGTERM/SIGINT. A bad setting prints one line naming it.
 */
import { startService } from '@shipshape/runtime';
import { definition } from './app.js';

await startService(definition);
