import type { Kysely } from 'kysely';
import type { WechatHttpSettings } from '../../../channels/shared/wechat-http.js';
import type { Database } from '../../../database.js';
import type { ConnectionRow } from '../connection.table.js';

/** Settings for the doctor's API calls: short timeouts and few retries, so it answers fast. */
export type DoctorHttp = Omit<WechatHttpSettings, 'baseUrl'>;

export const doctorHttpDefaults: DoctorHttp = {
  timeoutMs: 5_000,
  retry: { maxAttempts: 2, maxElapsedMs: 3_000 },
};

/** One connection to examine, its secret opened. */
export interface DoctorTarget {
  db: Kysely<Database>;
  row: ConnectionRow;
  secret: string;
  http: DoctorHttp;
}
