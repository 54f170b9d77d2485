/** Platform policies the sandbox enforces; policies change over time, so each is a setting. */

export interface SandboxRules {
  /** Welcome codes are single-use and expire (20 s). */
  welcomeCodeTtlMs: number;
  /** Access tokens live this long (7200 s). */
  tokenTtlSeconds: number;
  /**
   * Mass messages one customer can receive from a corp per calendar period (China time);
   * `limit: null` with `period: 'month'` means as many as the month has days.
   */
  massSendQuota: { period: 'day' | 'week' | 'month'; limit: number | null };
  /** Members a group can reach through join ways and links (200). */
  groupJoinLimit: number;
  /** Absolute group size (500). */
  groupMaxMembers: number;
  /** Official Account customer-service messages after a follow, scan or menu click. */
  oaEventWindow: { ms: number; count: number };
  /** Official Account customer-service messages after the person's own message. */
  oaMessageWindow: { ms: number; count: number };
  /** WeChat Customer Service replies after the customer's last message. */
  kfWindow: { ms: number; count: number };
  kfTokenTtlMs: number;
  kfEventCodeTtlMs: number;
  jsCodeTtlMs: number;
  /** On-job transfers take effect after this delay (24 h). */
  transferDelayMs: number;
}

export const defaultRules: SandboxRules = {
  welcomeCodeTtlMs: 20_000,
  tokenTtlSeconds: 7200,
  massSendQuota: { period: 'month', limit: null },
  groupJoinLimit: 200,
  groupMaxMembers: 500,
  oaEventWindow: { ms: 60_000, count: 3 },
  oaMessageWindow: { ms: 48 * 3600_000, count: 5 },
  kfWindow: { ms: 48 * 3600_000, count: 5 },
  kfTokenTtlMs: 10 * 60_000,
  kfEventCodeTtlMs: 20_000,
  jsCodeTtlMs: 5 * 60_000,
  transferDelayMs: 24 * 3600_000,
};
