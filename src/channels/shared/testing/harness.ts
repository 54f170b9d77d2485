import { afterEach, beforeEach } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../../database.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/db.js';
import { InProcessRateLimiter } from '../rate-limiter.js';
import type { WechatHttpSettings } from '../wechat-http.js';
import { fakeTime, ScriptedServer } from './scripted-server.js';

export interface HarnessContext {
  db: Kysely<Database>;
  /** Base URL, fake clock and sleep, deterministic jitter, a private rate limiter. */
  settings: WechatHttpSettings;
}

/**
 * Registers hooks giving each test a fresh database, a scripted server answering tokens, and a
 * client built by `create` against them. Read the fields inside tests, not at collection time.
 */
export function useScriptedClient<C>(create: (context: HarnessContext) => C) {
  const harness = {} as { client: C; server: ScriptedServer; database: TestDatabase };
  beforeEach(async () => {
    harness.database = await createTestDatabase();
    harness.server = (await ScriptedServer.start()).issueTokens();
    const time = fakeTime();
    harness.client = create({
      db: harness.database.db,
      settings: {
        baseUrl: harness.server.baseUrl,
        clock: time.clock,
        sleep: time.sleep,
        random: () => 0.5,
        rateLimiter: new InProcessRateLimiter(time.clock, time.sleep),
      },
    });
  });
  afterEach(async () => {
    await harness.server.close();
    await harness.database.close();
  });
  return harness;
}
