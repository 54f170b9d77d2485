import type { Corp } from './corp.js';
import { noFaults, type FaultSettings } from './faults.js';
import type { LinkClick, ReceivedMessage } from './inbox.js';
import type { MiniProgram, OfficialAccount } from './oa.js';
import type { WechatUser } from './people.js';
import type { AccessToken, Delivery, Receiver } from './platform.js';
import { defaultRules, type SandboxRules } from './rules.js';

/** Everything the sandbox knows; plain JSON so it can be snapshotted and reloaded. */
export interface SandboxState {
  version: 1;
  seed: string;
  /** Counter behind the deterministic ids. */
  seq: number;
  /** Counter behind person handles (`c1`, `c2`, …). */
  personSeq: number;
  corps: Record<string, Corp>;
  officialAccounts: Record<string, OfficialAccount>;
  miniPrograms: Record<string, MiniProgram>;
  users: Record<string, WechatUser>;
  /** personId → messages received, oldest first. */
  inbox: Record<string, ReceivedMessage[]>;
  clicks: LinkClick[];
  tokens: Record<string, AccessToken>;
  receivers: Record<string, Receiver>;
  /** The latest callback deliveries, oldest first (capped). */
  deliveries: Delivery[];
  rules: SandboxRules;
  faults: FaultSettings;
}

export function createEmptyState(seed = 'siyu-sandbox'): SandboxState {
  return {
    version: 1,
    seed,
    seq: 0,
    personSeq: 0,
    corps: {},
    officialAccounts: {},
    miniPrograms: {},
    users: {},
    inbox: {},
    clicks: [],
    tokens: {},
    receivers: {},
    deliveries: [],
    rules: structuredClone(defaultRules),
    faults: noFaults(`${seed}:faults`),
  };
}
