/** The customer list and profile parts of the people benchmark. */
import { searchCustomers } from '../src/modules/people/customer-list.service.js';
import { loadCustomerProfile } from '../src/modules/people/customer-profile.service.js';
import type { PeopleContext } from '../src/modules/people/people.context.js';
import { actingAsSystem } from '../src/modules/workspace/actor.js';
import { permissions } from '../src/modules/workspace/permissions.js';
import { percentile, round } from './harness.js';
import { personIdOf, type GeneratedPeople } from './people.generate.js';

interface Timing {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  samples: number;
}

async function time(samples: number, run: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(10, samples); i++) await run(i); // warm the caches
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(ms, 0.5), 2),
    p95_ms: round(percentile(ms, 0.95), 2),
    p99_ms: round(percentile(ms, 0.99), 2),
    samples,
  };
}

export async function measureQueries(
  ctx: PeopleContext,
  workspaceId: string,
  generated: GeneratedPeople,
  samples: number,
) {
  const acting = actingAsSystem(workspaceId, permissions);
  const [t0, t7] = [generated.tagIds[0]!, generated.tagIds[7]!];
  // Person n has tags n % 7 and 7 + n % 13: tags 0 and 7 together select 1 person in 91.
  const twoTags = { tags: { all: [t0, t7] }, sort: { field: 'addedAt', order: 'desc' } } as const;
  const first = await searchCustomers(ctx, acting, { ...twoTags, limit: 50 });
  const cursors: (string | undefined)[] = [undefined];
  let cursor = first.nextCursor;
  while (cursor && cursors.length < 20) {
    cursors.push(cursor);
    cursor = (await searchCustomers(ctx, acting, { ...twoTags, cursor, limit: 50 })).nextCursor;
  }
  const list = await time(samples, (i) => {
    const at = cursors[i % cursors.length];
    return searchCustomers(ctx, acting, { ...twoTags, limit: 50, ...(at ? { cursor: at } : {}) });
  });
  const anyTag = await time(samples, () =>
    searchCustomers(ctx, acting, {
      tags: { any: [t0, generated.tagIds[20]!], none: [t7] },
      limit: 50,
    }),
  );
  const unfiltered = await time(samples, () => searchCustomers(ctx, acting, { limit: 50 }));
  const profile = await time(samples, (i) =>
    loadCustomerProfile(ctx, acting, personIdOf((i * 7_919) % generated.persons)),
  );
  return {
    rows: [
      ['list: 2 tags (all), added date desc, 50/page (p95)', `${list.p95_ms} ms`, '< 50 ms'],
      ['list: any of 2 tags, not a third (p95)', `${anyTag.p95_ms} ms`, ''],
      ['list: no filter (p95)', `${unfiltered.p95_ms} ms`, ''],
      ['profile load (p95)', `${profile.p95_ms} ms`, '< 20 ms'],
    ],
    figures: {
      list_two_tags: { ...list, first_page_rows: first.items.length, pages: cursors.length },
      list_any_not: anyTag,
      list_unfiltered: unfiltered,
      profile,
    },
  };
}
