import { addWays } from '../state/contacts.js';
import type { Corp } from '../state/corp.js';
import { createPerson, type IdentityIndex } from '../state/identity.js';
import { deriveChars } from '../state/ids.js';
import type { SandboxState } from '../state/state.js';

export interface BulkSeedOptions {
  /** New WeChat users, each a customer of one employee. */
  customers: number;
  /** Customer-contact employees to spread them over; missing ones are created (`sales0001`…). */
  employees: number;
  /** Also befriend every `sharedEvery`-th customer with a second employee (0: never). */
  sharedEvery: number;
}

export interface BulkSeedResult {
  customers: number;
  follows: number;
  employees: string[];
}

/** The corp's customer-contact employees, topped up with `sales0001`… to `count`. */
function contactEmployees(corp: Corp, seed: string, count: number): string[] {
  const ids = Object.values(corp.employees)
    .filter((e) => e.customerContact && e.status === 1)
    .map((e) => e.userid);
  for (let n = 1; ids.length < count; n += 1) {
    const userid = `sales${String(n).padStart(4, '0')}`;
    if (corp.employees[userid]) continue;
    corp.employees[userid] = {
      userid,
      name: `销售${n}`,
      department: [1],
      main_department: 1,
      position: '销售顾问',
      mobile: `1380000${String(n).padStart(4, '0')}`,
      gender: '0',
      email: `${userid}@example.com`,
      avatar: `https://wework.qpic.cn/wwhead/${deriveChars(24, seed, 'avatar', userid)}/0`,
      status: 1,
      customerContact: true,
      resignedAt: null,
    };
    ids.push(userid);
  }
  return ids.slice(0, count);
}

/**
 * Many customers at once (for imports and benchmarks): WeChat users who each added one of
 * the corp's employees (round robin), with a remark, a state and a corp tag on every follow.
 * No callbacks are pushed: they are customers from before Siyu was connected.
 */
export function seedBulkCustomers(
  state: SandboxState,
  index: IdentityIndex,
  corp: Corp,
  options: BulkSeedOptions,
  now: number,
): BulkSeedResult {
  const employees = contactEmployees(corp, state.seed, options.employees);
  const tagIds = corp.tagGroups.flatMap((g) => g.tag.map((t) => t.id));
  const start = Math.floor(now / 1000) - 90 * 86400;
  let follows = 0;
  const befriend = (externalUserid: string, userid: string, n: number) => {
    (corp.follows[externalUserid] ??= {})[userid] = {
      userid,
      external_userid: externalUserid,
      remark: `客户${n}`,
      description: '',
      createtime: start + n,
      tag_id: tagIds.length > 0 ? [tagIds[n % tagIds.length]!] : [],
      remark_corp_name: '',
      remark_mobiles: [],
      add_way: addWays.qrCode,
      oper_userid: externalUserid,
      state: `bulk_${n % 10}`,
    };
    follows += 1;
  };
  for (let n = 0; n < options.customers; n += 1) {
    const person = createPerson(state, index, {}, now);
    const externalUserid = person.externalUserIds[corp.corpid]!;
    befriend(externalUserid, employees[n % employees.length]!, n);
    if (options.sharedEvery > 0 && n % options.sharedEvery === 0 && employees.length > 1)
      befriend(externalUserid, employees[(n + 1) % employees.length]!, n);
  }
  return { customers: options.customers, follows, employees };
}
