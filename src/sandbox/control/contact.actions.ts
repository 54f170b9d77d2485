import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { externalContactXml, pushWecom } from '../pusher/wecom-events.js';
import { addWays, type Follow } from '../state/contacts.js';
import { activeEmployees, departmentTree, type Corp, type Employee } from '../state/corp.js';
import { externalUseridOf } from '../state/identity.js';
import type { WechatUser } from '../state/people.js';
import type { Delivery } from '../state/platform.js';
import { removeKey, sweepOccasionally } from '../state/records.js';

export type AddContactVia =
  { configId: string } | { userid: string } | { linkId: string; customerChannel?: string };

export interface AddContactResult {
  externalUserid: string;
  userid: string;
  state: string;
  welcomeCode: string | null;
  delivery: Delivery;
}

/** Employees reachable through a user list and department list, in a stable order. */
function servingEmployees(corp: Corp, users: string[], departments: number[]): Employee[] {
  const inDepartments = new Set(departments.flatMap((d) => [...departmentTree(corp, d)]));
  const eligible = activeEmployees(corp).filter((e) => e.customerContact);
  const named = users.flatMap((u) => eligible.filter((e) => e.userid === u));
  const byDepartment = eligible.filter(
    (e) => !users.includes(e.userid) && e.department.some((d) => inDepartments.has(d)),
  );
  return [...named, ...byDepartment];
}

function pickRoundRobin(holder: { nextIndex: number }, employees: Employee[]): Employee {
  if (employees.length === 0)
    throw new AppError(
      'conflict',
      'nobody can take this customer (no active employee with customer contact)',
    );
  const employee = employees[holder.nextIndex % employees.length]!;
  holder.nextIndex += 1;
  return employee;
}

function resolve(
  corp: Corp,
  via: AddContactVia,
): { employee: Employee; state: string; addWay: number } {
  if ('configId' in via) {
    const way = corp.contactWays[via.configId];
    if (!way) throw new AppError('not_found', `contact way ${via.configId} not found`);
    return {
      employee: pickRoundRobin(way, servingEmployees(corp, way.user, way.party)),
      state: way.state,
      addWay: addWays.qrCode,
    };
  }
  if ('linkId' in via) {
    const link = corp.links[via.linkId];
    if (!link) throw new AppError('not_found', `acquisition link ${via.linkId} not found`);
    const channel = via.customerChannel ?? '';
    if (Buffer.byteLength(channel) > 64)
      throw new AppError('bad_request', 'customer_channel is at most 64 bytes');
    return {
      employee: pickRoundRobin(
        link,
        servingEmployees(corp, link.range.user_list, link.range.department_list),
      ),
      state: channel,
      addWay: addWays.acquisitionLink,
    };
  }
  const employee = corp.employees[via.userid];
  if (!employee || employee.status === 5)
    throw new AppError('not_found', `employee ${via.userid} not found`);
  if (!employee.customerContact)
    throw new AppError('conflict', `${via.userid} has no customer-contact permission`);
  return { employee, state: '', addWay: addWays.phoneSearch };
}

function pruneWelcomeCodes(ctx: SandboxContext, corp: Corp): void {
  const cutoff = ctx.now() - 86400_000;
  sweepOccasionally(corp.welcomeCodes, ctx.now(), 60_000, (record) => record.issuedAt < cutoff);
}

/**
 * The customer adds an employee (scanning a contact way, opening an acquisition link, or
 * directly): a follow is created, a welcome code issued (valid 20 s, once) and
 * add_external_contact pushed with State and WelcomeCode.
 */
export function addContact(
  ctx: SandboxContext,
  person: WechatUser,
  corp: Corp,
  via: AddContactVia,
  options: { welcomeCode?: boolean } = {},
): AddContactResult {
  const { employee, state, addWay } = resolve(corp, via);
  const externalUserid = externalUseridOf(ctx.state, ctx.index, person, corp.corpid);
  const byUser = (corp.follows[externalUserid] ??= {});
  if (byUser[employee.userid]) {
    throw new AppError('conflict', `${person.id} is already a customer of ${employee.userid}`);
  }
  const follow: Follow = {
    userid: employee.userid,
    external_userid: externalUserid,
    remark: '',
    description: '',
    createtime: ctx.seconds(),
    tag_id: [],
    remark_corp_name: '',
    remark_mobiles: [],
    add_way: addWay,
    oper_userid: externalUserid,
    state,
  };
  byUser[employee.userid] = follow;
  if ('linkId' in via) {
    corp.links[via.linkId]!.customers.push({
      external_userid: externalUserid,
      userid: employee.userid,
      state,
      chat_status: 0,
    });
  }
  let welcomeCode: string | null = null;
  if (options.welcomeCode !== false) {
    pruneWelcomeCodes(ctx, corp);
    welcomeCode = ctx.ids.chars('', 43);
    corp.welcomeCodes[welcomeCode] = {
      code: welcomeCode,
      userid: employee.userid,
      external_userid: externalUserid,
      issuedAt: ctx.now(),
      usedAt: null,
    };
  }
  const delivery = pushWecom(
    ctx,
    corp,
    'change_external_contact/add_external_contact',
    externalContactXml(corp, ctx.seconds(), {
      changeType: 'add_external_contact',
      userid: employee.userid,
      externalUserid,
      ...(state ? { state } : {}),
      ...(welcomeCode ? { welcomeCode } : {}),
    }),
  );
  ctx.changed();
  return { externalUserid, userid: employee.userid, state, welcomeCode, delivery };
}

/** The friendship of the employee and the person, or 404. */
export function followOf(corp: Corp, person: WechatUser, userid: string): Follow {
  const externalUserid = person.externalUserIds[corp.corpid];
  const follow = externalUserid ? corp.follows[externalUserid]?.[userid] : undefined;
  if (!follow) throw new AppError('not_found', `${person.id} is not a customer of ${userid}`);
  return follow;
}

/** Pushes one of the change_external_contact events that only name the pair. */
export function pushPairChange(
  ctx: SandboxContext,
  corp: Corp,
  follow: Follow,
  changeType: 'del_follow_user' | 'del_external_contact' | 'edit_external_contact',
): Delivery {
  ctx.changed();
  return pushWecom(
    ctx,
    corp,
    `change_external_contact/${changeType}`,
    externalContactXml(corp, ctx.seconds(), {
      changeType,
      userid: follow.userid,
      externalUserid: follow.external_userid,
    }),
  );
}

/** The customer deletes the employee (流失): del_follow_user. */
export function customerDeletesEmployee(
  ctx: SandboxContext,
  person: WechatUser,
  corp: Corp,
  userid: string,
): Delivery {
  const follow = followOf(corp, person, userid);
  removeKey(corp.follows[follow.external_userid]!, userid);
  return pushPairChange(ctx, corp, follow, 'del_follow_user');
}

/** The employee deletes the customer: del_external_contact. */
export function employeeDeletesCustomer(
  ctx: SandboxContext,
  corp: Corp,
  userid: string,
  person: WechatUser,
): Delivery {
  const follow = followOf(corp, person, userid);
  removeKey(corp.follows[follow.external_userid]!, userid);
  return pushPairChange(ctx, corp, follow, 'del_external_contact');
}

/** The employee edits the customer's remark or description in the client: edit_external_contact. */
export function employeeEditsCustomer(
  ctx: SandboxContext,
  corp: Corp,
  userid: string,
  person: WechatUser,
  changes: { remark?: string; description?: string },
): Delivery {
  const follow = followOf(corp, person, userid);
  if (changes.remark !== undefined) follow.remark = changes.remark;
  if (changes.description !== undefined) follow.description = changes.description;
  return pushPairChange(ctx, corp, follow, 'edit_external_contact');
}
