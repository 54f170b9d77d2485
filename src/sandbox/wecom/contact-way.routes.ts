import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { paginate } from '../http/pagination.js';
import { WxError } from '../http/wx-error.js';
import type { ContactWay } from '../state/contacts.js';
import type { Corp } from '../state/corp.js';
import { contactEmployee, maxChars, wecomRoute } from './common.js';
import { removeKey } from '../state/records.js';

const BASE = '/cgi-bin/externalcontact';

const editable = {
  style: z.number().int().optional(),
  remark: maxChars(30).optional(),
  skip_verify: z.boolean().optional(),
  state: maxChars(30).optional(),
  user: z.array(z.string()).max(100).optional(),
  party: z.array(z.number().int()).optional(),
  expires_in: z.number().int().positive().optional(),
  chat_expires_in: z.number().int().positive().optional(),
  unionid: z.string().optional(),
  conclusions: z.record(z.string(), z.unknown()).optional(),
};

const addInput = z.object({
  type: z.union([z.literal(1), z.literal(2)]),
  scene: z.union([z.literal(1), z.literal(2)]),
  is_temp: z.boolean().optional(),
  is_exclusive: z.boolean().optional(),
  ...editable,
});

const configIdInput = z.object({ config_id: z.string().min(1) });

export function contactWayQrCode(ctx: SandboxContext, way: ContactWay): string {
  return `${ctx.publicUrl}/sandbox/qr/contact-way/${way.config_id}.png`;
}

function checkMembers(corp: Corp, way: Pick<ContactWay, 'type' | 'user' | 'party'>): void {
  for (const userid of way.user) contactEmployee(corp, userid);
  for (const id of way.party) {
    if (!corp.departments.some((d) => d.id === id)) throw new WxError(60123, String(id));
  }
  if (way.type === 1 && (way.user.length !== 1 || way.party.length > 0)) {
    throw new WxError(40058, 'a single-person contact way needs exactly one user');
  }
  if (way.type === 2 && way.user.length + way.party.length === 0) {
    throw new WxError(40058, 'user or party required');
  }
}

function requireWay(corp: Corp, configId: string): ContactWay {
  const way = corp.contactWays[configId];
  if (!way) throw new WxError(40058, `config_id ${configId} not found`);
  return way;
}

function contactWayView(ctx: SandboxContext, way: ContactWay): Record<string, unknown> {
  return {
    config_id: way.config_id,
    type: way.type,
    scene: way.scene,
    style: way.style,
    remark: way.remark,
    skip_verify: way.skip_verify,
    state: way.state,
    ...(way.scene === 2 ? { qr_code: contactWayQrCode(ctx, way) } : {}),
    user: way.user,
    party: way.party,
    is_temp: way.is_temp,
    expires_in: way.expires_in,
    chat_expires_in: way.chat_expires_in,
    unionid: way.unionid,
    is_exclusive: way.is_exclusive,
    ...(way.conclusions ? { conclusions: way.conclusions } : {}),
  };
}

/** 「联系我」: add/get/update/del/list_contact_way (doc 92572). */
export function registerContactWayRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(app, ctx, 'POST', `${BASE}/add_contact_way`, addInput, ({ auth: { corp }, input }) => {
    const way: ContactWay = {
      config_id: ctx.ids.hex(32),
      type: input.type,
      scene: input.scene,
      style: input.style ?? 1,
      remark: input.remark ?? '',
      skip_verify: input.skip_verify ?? true,
      state: input.state ?? '',
      user: input.user ?? [],
      party: input.party ?? [],
      is_temp: input.is_temp ?? false,
      expires_in: input.expires_in ?? 7 * 86400,
      chat_expires_in: input.chat_expires_in ?? 86400,
      unionid: input.unionid ?? '',
      is_exclusive: input.is_exclusive ?? false,
      conclusions: input.conclusions ?? null,
      createdAt: ctx.now(),
      nextIndex: 0,
    };
    checkMembers(corp, way);
    corp.contactWays[way.config_id] = way;
    return {
      config_id: way.config_id,
      ...(way.scene === 2 ? { qr_code: contactWayQrCode(ctx, way) } : {}),
    };
  });

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get_contact_way`,
    configIdInput,
    ({ auth: { corp }, input }) => ({
      contact_way: contactWayView(ctx, requireWay(corp, input.config_id)),
    }),
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/update_contact_way`,
    z.object({ config_id: z.string().min(1), ...editable }),
    ({ auth: { corp }, input }) => {
      const way = requireWay(corp, input.config_id);
      const next: ContactWay = {
        ...way,
        ...(input.style !== undefined ? { style: input.style } : {}),
        ...(input.remark !== undefined ? { remark: input.remark } : {}),
        ...(input.skip_verify !== undefined ? { skip_verify: input.skip_verify } : {}),
        ...(input.state !== undefined ? { state: input.state } : {}),
        ...(input.user !== undefined ? { user: input.user, nextIndex: 0 } : {}),
        ...(input.party !== undefined ? { party: input.party } : {}),
        ...(input.expires_in !== undefined ? { expires_in: input.expires_in } : {}),
        ...(input.chat_expires_in !== undefined ? { chat_expires_in: input.chat_expires_in } : {}),
        ...(input.unionid !== undefined ? { unionid: input.unionid } : {}),
        ...(input.conclusions !== undefined ? { conclusions: input.conclusions } : {}),
      };
      checkMembers(corp, next);
      corp.contactWays[way.config_id] = next;
      return {};
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/del_contact_way`,
    configIdInput,
    ({ auth: { corp }, input }) => {
      requireWay(corp, input.config_id);
      removeKey(corp.contactWays, input.config_id);
      return {};
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/list_contact_way`,
    z.object({
      start_time: z.number().int().optional(),
      end_time: z.number().int().optional(),
      cursor: z.string().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    ({ auth: { corp }, input }) => {
      const end = (input.end_time ?? ctx.seconds()) * 1000;
      const start = input.start_time !== undefined ? input.start_time * 1000 : end - 90 * 86400_000;
      const ways = Object.values(corp.contactWays)
        .filter((w) => w.createdAt >= start && w.createdAt <= end + 999)
        .sort((a, b) => a.createdAt - b.createdAt);
      const { page, next_cursor } = paginate(ways, input.cursor, input.limit ?? 100);
      return { contact_way: page.map((w) => ({ config_id: w.config_id })), next_cursor };
    },
  );
}
