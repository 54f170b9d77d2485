import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { paginate } from '../http/pagination.js';
import { WxError } from '../http/wx-error.js';
import { wecomRoute } from './common.js';
import { groupChatView } from './group.view.js';

const BASE = '/cgi-bin/externalcontact/groupchat';

/** groupchat/list (doc 92120) and groupchat/get (doc 92122). */
export function registerGroupChatRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/list`,
    z.object({
      status_filter: z.number().int().min(0).max(3).optional(),
      owner_filter: z.object({ userid_list: z.array(z.string()).max(100).optional() }).optional(),
      cursor: z.string().optional(),
      limit: z.number().int().min(1).max(1000),
    }),
    ({ auth: { corp }, input }) => {
      const owners = input.owner_filter?.userid_list;
      const status = input.status_filter ?? 0;
      const groups = Object.values(corp.groups)
        .filter((g) => !g.dismissed)
        .filter((g) => status === 0 || g.status === status)
        .filter((g) => !owners?.length || owners.includes(g.owner))
        .sort((a, b) => a.create_time - b.create_time || a.chat_id.localeCompare(b.chat_id));
      const { page, next_cursor } = paginate(groups, input.cursor, input.limit);
      return {
        group_chat_list: page.map((g) => ({ chat_id: g.chat_id, status: g.status })),
        next_cursor,
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get`,
    z.object({ chat_id: z.string().min(1), need_name: z.number().int().min(0).max(1).optional() }),
    ({ auth: { corp }, input }) => {
      const group = corp.groups[input.chat_id];
      if (!group || group.dismissed) throw new WxError(86001, input.chat_id);
      return { group_chat: groupChatView(group, input.need_name === 1) };
    },
  );
}
