import { afterEach, beforeEach } from 'vitest';
import type { DomainEvent } from '../../events/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { seedWorkspace } from '../workspace/workspace.testing.js';

export const testCorpId = 'ww0123456789abcdef';
/** Event times are offsets from this. */
export const eventBase = Date.UTC(2026, 10, 25, 8, 0, 0);

export interface DirectoryEventsHarness {
  readonly t: TestApp;
  readonly workspaceId: string;
  /** Publishes events as the callback dispatch would, then runs their deliveries. */
  publish(...events: DomainEvent[]): Promise<void>;
  /** An event of the test corp, `at` ms after a fixed base time, with its own dedup key. */
  event(type: DomainEvent['type'], at: number, data: object): DomainEvent;
}

/** Per test: an app with a workspace, and directory events of one corp to publish to it. */
export function useDirectoryEvents(): DirectoryEventsHarness {
  let t: TestApp | undefined;
  let workspaceId: string | undefined;
  let seq = 0;
  beforeEach(async () => {
    t = await createTestApp();
    workspaceId = (await seedWorkspace(t)).id;
  });
  afterEach(() => t?.close());
  return {
    get t() {
      return t!;
    },
    get workspaceId() {
      return workspaceId!;
    },
    async publish(...events) {
      await t!.jobs.transaction((trx) =>
        t!.bus.publish(trx, workspaceId!, events, { source: 'wecom' }),
      );
      await t!.jobs.drain();
    },
    event: (type, at, data) =>
      ({
        type,
        dedupKey: `directory-${++seq}`,
        occurredAt: eventBase + at,
        data: { corpId: testCorpId, ...data },
      }) as DomainEvent,
  };
}
