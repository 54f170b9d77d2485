import { execFileSync } from 'node:child_process';

/**
 * Vitest global setup: the server serves web/dist, so build the console under test first,
 * exactly as `npm run build:web` does (in production mode: Vitest sets NODE_ENV=test).
 */
export default function buildConsole(): void {
  execFileSync(
    'node_modules/.bin/vite',
    ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    },
  );
}
