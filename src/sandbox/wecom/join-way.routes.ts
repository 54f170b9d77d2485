import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { WxError } from '../http/wx-error.js';
import type { Corp } from '../state/corp.js';
import type { JoinWay } from '../state/groups.js';
import { maxChars, wecomRoute } from './common.js';
import { removeKey } from '../state/records.js';

const BASE = '/cgi-bin/externalcontact/groupchat';

const fields = {
  scene: z.union([z.literal(1), z.literal(2)]),
  remark: maxChars(30).optional(),
  auto_create_room: z.union([z.literal(0), z.literal(1)]).optional(),
  room_base_name: maxChars(40).optional(),
  room_base_id: z.number().int().min(0).optional(),
  chat_id_list: z.array(z.string()).min(1).max(5),
  state: maxChars(30).optional(),
};

const configIdInput = z.object({ config_id: z.string().min(1) });

export function joinWayQrCode(ctx: SandboxContext, way: JoinWay): string {
  return `${ctx.publicUrl}/sandbox/qr/join-way/${way.config_id}.png`;
}

function requireJoinWay(corp: Corp, configId: string): JoinWay {
  const way = corp.joinWays[configId];
  if (!way) throw new WxError(40058, `config_id ${configId} not found`);
  return way;
}

function checkChats(corp: Corp, chatIds: string[]): void {
  for (const id of chatIds) {
    const group = corp.groups[id];
    if (!group || group.dismissed) throw new WxError(86001, id);
  }
}

function apply(way: JoinWay, input: z.infer<z.ZodObject<typeof fields>>): JoinWay {
  return {
    ...way,
    scene: input.scene,
    remark: input.remark ?? way.remark,
    auto_create_room: input.auto_create_room ?? way.auto_create_room,
    room_base_name: input.room_base_name ?? way.room_base_name,
    room_base_id: input.room_base_id ?? way.room_base_id,
    chat_id_list: input.chat_id_list,
    state: input.state ?? way.state,
  };
}

/** 「加入群聊」: add/get/update/del_join_way (doc 92229). */
export function registerJoinWayRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/add_join_way`,
    z.object(fields),
    ({ auth: { corp }, input }) => {
      checkChats(corp, input.chat_id_list);
      const blank: JoinWay = {
        config_id: ctx.ids.hex(32),
        scene: input.scene,
        remark: '',
        auto_create_room: 1,
        room_base_name: '',
        room_base_id: 1,
        chat_id_list: [],
        state: '',
        createdAt: ctx.now(),
      };
      const way = apply(blank, input);
      corp.joinWays[way.config_id] = way;
      return { config_id: way.config_id };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get_join_way`,
    configIdInput,
    ({ auth: { corp }, input }) => {
      const way = requireJoinWay(corp, input.config_id);
      return {
        join_way: {
          config_id: way.config_id,
          scene: way.scene,
          remark: way.remark,
          auto_create_room: way.auto_create_room,
          room_base_name: way.room_base_name,
          room_base_id: way.room_base_id,
          chat_id_list: way.chat_id_list,
          ...(way.scene === 2 ? { qr_code: joinWayQrCode(ctx, way) } : {}),
          state: way.state,
        },
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/update_join_way`,
    z.object({ config_id: z.string().min(1), ...fields }),
    ({ auth: { corp }, input }) => {
      const way = requireJoinWay(corp, input.config_id);
      checkChats(corp, input.chat_id_list);
      corp.joinWays[way.config_id] = apply(way, input);
      return {};
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/del_join_way`,
    configIdInput,
    ({ auth: { corp }, input }) => {
      requireJoinWay(corp, input.config_id);
      removeKey(corp.joinWays, input.config_id);
      return {};
    },
  );
}
