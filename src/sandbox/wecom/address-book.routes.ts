import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { findEmployee } from '../core/lookup.js';
import { WxError } from '../http/wx-error.js';
import { activeEmployees, departmentTree, type Corp, type Employee } from '../state/corp.js';
import { wecomRoute } from './common.js';

function userView(corp: Corp, e: Employee): Record<string, unknown> {
  return {
    userid: e.userid,
    name: e.name,
    department: e.department,
    order: e.department.map(() => 0),
    position: e.position,
    mobile: e.mobile,
    gender: e.gender,
    email: e.email,
    is_leader_in_dept: e.department.map((d) =>
      corp.departments.find((x) => x.id === d)?.department_leader.includes(e.userid) ? 1 : 0,
    ),
    direct_leader: [],
    avatar: e.avatar,
    thumb_avatar: e.avatar,
    telephone: '',
    alias: '',
    status: e.status,
    main_department: e.main_department,
  };
}

const departmentQuery = z.object({
  department_id: z.coerce.number().int().optional(),
  fetch_child: z.coerce.number().int().min(0).max(1).optional(),
});

function membersOf(corp: Corp, input: z.infer<typeof departmentQuery>): Employee[] {
  if (input.department_id === undefined) throw new WxError(40058, 'department_id');
  if (!corp.departments.some((d) => d.id === input.department_id)) throw new WxError(60123);
  const ids =
    input.fetch_child === 1
      ? departmentTree(corp, input.department_id)
      : new Set([input.department_id]);
  return activeEmployees(corp).filter((e) => e.department.some((d) => ids.has(d)));
}

/** Address book reads: department/list, user/get, user/list, user/simplelist. */
export function registerAddressBookRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'GET',
    '/cgi-bin/department/list',
    z.object({ id: z.coerce.number().int().optional() }),
    ({ auth: { corp }, input }) => {
      if (input.id !== undefined && !corp.departments.some((d) => d.id === input.id))
        throw new WxError(60123);
      const ids = input.id === undefined ? null : departmentTree(corp, input.id);
      return { department: corp.departments.filter((d) => ids === null || ids.has(d.id)) };
    },
  );

  wecomRoute(
    app,
    ctx,
    'GET',
    '/cgi-bin/user/get',
    z.object({ userid: z.string().optional() }),
    ({ auth: { corp }, input }) => {
      const employee = input.userid ? findEmployee(corp, input.userid) : undefined;
      if (!employee) throw new WxError(60111, input.userid ?? '');
      return userView(corp, employee);
    },
  );

  wecomRoute(
    app,
    ctx,
    'GET',
    '/cgi-bin/user/list',
    departmentQuery,
    ({ auth: { corp }, input }) => ({
      userlist: membersOf(corp, input).map((e) => userView(corp, e)),
    }),
  );

  wecomRoute(
    app,
    ctx,
    'GET',
    '/cgi-bin/user/simplelist',
    departmentQuery,
    ({ auth: { corp }, input }) => ({
      userlist: membersOf(corp, input).map((e) => ({
        userid: e.userid,
        name: e.name,
        department: e.department,
      })),
    }),
  );
}
