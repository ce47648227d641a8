import 'reflect-metadata';
import { ConfigError } from './config/app-config.js';
import { startServer } from './server.js';

startServer().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // One clear line naming the variable, no stack trace.
    console.error(`Configuration error — ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
