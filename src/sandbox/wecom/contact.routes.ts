import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { findEmployee } from '../core/lookup.js';
import { paginate } from '../http/pagination.js';
import { WxError } from '../http/wx-error.js';
import type { Follow } from '../state/contacts.js';
import type { Corp } from '../state/corp.js';
import { contactEmployee, externalPerson, followsOf, requireFollow, wecomRoute } from './common.js';
import { externalContactView, followInfoView, followUserView } from './contact.view.js';

const BASE = '/cgi-bin/externalcontact';

/** The corp is bound to the open platform (self-built app): unionid is returned. */
const unionidBound = (corp: Corp) => corp.apps.some((a) => a.kind === 'app');

function followsByUser(corp: Corp, userids: string[]): Follow[] {
  const wanted = new Set(userids);
  const found: Follow[] = [];
  for (const byUser of Object.values(corp.follows)) {
    for (const follow of Object.values(byUser)) if (wanted.has(follow.userid)) found.push(follow);
  }
  const order = new Map(userids.map((u, i) => [u, i]));
  // Code-unit order for ties (localeCompare took seconds on 100,000 follows).
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return found.sort(
    (a, b) =>
      order.get(a.userid)! - order.get(b.userid)! ||
      a.createtime - b.createtime ||
      byId(a.external_userid, b.external_userid),
  );
}

/**
 * The follows a batch/get_by_user traversal pages through: computed on its first page and
 * kept while its cursor is followed (a snapshot, like the platform's cursors), so paging
 * through 100k customers does not sort them all again for every page.
 */
const traversals = new WeakMap<Corp, Map<string, Follow[]>>();

function traversal(corp: Corp, userids: string[], cursor: string | undefined): Follow[] {
  let byUsers = traversals.get(corp);
  if (!byUsers) traversals.set(corp, (byUsers = new Map()));
  const key = userids.join('\n');
  let follows = cursor ? byUsers.get(key) : undefined;
  if (!follows) {
    follows = followsByUser(corp, userids);
    byUsers.delete(key);
    byUsers.set(key, follows);
    if (byUsers.size > 16) byUsers.delete(byUsers.keys().next().value!);
  }
  return follows;
}

/** externalcontact get / batch/get_by_user / list / get_follow_user_list / remark. */
export function registerContactRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'GET',
    `${BASE}/get`,
    z.object({ external_userid: z.string().min(1), cursor: z.string().optional() }),
    ({ auth: { corp }, input }) => {
      const person = externalPerson(ctx, corp, input.external_userid);
      const follows = followsOf(corp, input.external_userid).sort(
        (a, b) => a.createtime - b.createtime,
      );
      if (follows.length === 0) throw new WxError(84061);
      const { page, next_cursor } = paginate(follows, input.cursor, 500);
      return {
        external_contact: externalContactView(corp, person, unionidBound(corp)),
        follow_user: page.map((f) => followUserView(corp, f)),
        next_cursor,
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/batch/get_by_user`,
    z.object({
      userid_list: z.array(z.string()).min(1).max(100).optional(),
      userid: z.string().optional(),
      cursor: z.string().optional(),
      limit: z.number().int().min(1).optional(),
    }),
    ({ auth: { corp }, input }) => {
      const userids = input.userid_list ?? (input.userid ? [input.userid] : []);
      if (userids.length === 0) throw new WxError(40058, 'userid_list');
      for (const userid of userids) {
        if (!corp.employees[userid]) throw new WxError(60111, userid);
      }
      const limit = Math.min(input.limit ?? 50, 100);
      const { page, next_cursor } = paginate(
        traversal(corp, userids, input.cursor),
        input.cursor,
        limit,
      );
      // A follow removed since the traversal began is not returned.
      const live = page.filter((f) => corp.follows[f.external_userid]?.[f.userid] === f);
      return {
        external_contact_list: live.map((follow) => ({
          external_contact: externalContactView(
            corp,
            externalPerson(ctx, corp, follow.external_userid),
            unionidBound(corp),
          ),
          follow_info: followInfoView(follow),
        })),
        next_cursor,
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'GET',
    `${BASE}/list`,
    z.object({ userid: z.string().min(1) }),
    ({ auth: { corp }, input }) => {
      contactEmployee(corp, input.userid);
      const ids = followsByUser(corp, [input.userid]).map((f) => f.external_userid);
      if (ids.length === 0) throw new WxError(84061);
      return { external_userid: ids };
    },
  );

  wecomRoute(
    app,
    ctx,
    'GET',
    `${BASE}/get_follow_user_list`,
    z.object({}),
    ({ auth: { corp } }) => ({
      follow_user: Object.values(corp.employees)
        .filter((e) => e.customerContact && e.status === 1)
        .map((e) => e.userid),
    }),
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/remark`,
    z.object({
      userid: z.string().min(1),
      external_userid: z.string().min(1),
      remark: z.string().max(20).optional(),
      description: z.string().max(150).optional(),
      remark_company: z.string().max(20).optional(),
      remark_mobiles: z.array(z.string()).max(5).optional(),
      remark_pic_mediaid: z.string().optional(),
    }),
    ({ auth: { corp }, input }) => {
      if (!findEmployee(corp, input.userid)) throw new WxError(60111, input.userid);
      externalPerson(ctx, corp, input.external_userid);
      const follow = requireFollow(corp, input.external_userid, input.userid);
      if (input.remark !== undefined) follow.remark = input.remark;
      if (input.description !== undefined) follow.description = input.description;
      if (input.remark_company !== undefined) follow.remark_corp_name = input.remark_company;
      if (input.remark_mobiles !== undefined) follow.remark_mobiles = input.remark_mobiles;
      return {};
    },
  );
}
