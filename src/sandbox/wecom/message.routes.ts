import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { WxError } from '../http/wx-error.js';
import { activeEmployees, departmentTree } from '../state/corp.js';
import { wecomRoute } from './common.js';

const split = (value: string | undefined) =>
  (value ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** message/send (doc 90236): an app message to employees, recorded for the control API. */
export function registerMessageRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    '/cgi-bin/message/send',
    z
      .object({
        touser: z.string().optional(),
        toparty: z.string().optional(),
        totag: z.string().optional(),
        msgtype: z.string().min(1),
        agentid: z.coerce.number().int(),
      })
      .catchall(z.unknown()),
    ({ auth: { corp, app: corpApp }, input }) => {
      if (input.agentid !== corpApp.agentid) throw new WxError(40056, String(input.agentid));
      if (typeof input[input.msgtype] !== 'object')
        throw new WxError(40058, `${input.msgtype} body missing`);
      const users = split(input.touser);
      const parties = split(input.toparty);
      if (users.length + parties.length + split(input.totag).length === 0)
        throw new WxError(40058, 'no recipient');
      const active = activeEmployees(corp);
      const recipients = new Set<string>();
      const invalidUsers: string[] = [];
      const invalidParties: string[] = [];
      for (const userid of users) {
        if (userid === '@all') active.forEach((e) => recipients.add(e.userid));
        else if (active.some((e) => e.userid === userid)) recipients.add(userid);
        else invalidUsers.push(userid);
      }
      for (const party of parties) {
        if (!corp.departments.some((d) => String(d.id) === party)) {
          invalidParties.push(party);
          continue;
        }
        const ids = departmentTree(corp, Number(party));
        for (const e of active) if (e.department.some((d) => ids.has(d))) recipients.add(e.userid);
      }
      if (recipients.size === 0) throw new WxError(81013);
      const msgid = ctx.ids.chars('', 40);
      const { touser: _u, toparty: _p, totag: _t, agentid: _a, ...body } = input;
      corp.appMessages.push({
        msgid,
        agentid: corpApp.agentid,
        touser: [...recipients],
        msgtype: input.msgtype,
        body,
        at: ctx.now(),
      });
      return {
        invaliduser: invalidUsers.join('|'),
        invalidparty: invalidParties.join('|'),
        invalidtag: split(input.totag).join('|'),
        unlicenseduser: '',
        msgid,
        ...(input.msgtype === 'template_card' ? { response_code: ctx.ids.chars('', 40) } : {}),
      };
    },
  );
}
