import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { qrPng } from '../http/qr-image.js';
import { requireOa } from '../http/auth.js';
import { wechatRoute } from './common.js';
import { createQrTicket, ticketExpired } from './qr-tickets.js';

const input = z.object({
  expire_seconds: z.number().int().positive().optional(),
  action_name: z.enum(['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE']),
  action_info: z.object({
    scene: z.object({ scene_id: z.number().int().optional(), scene_str: z.string().optional() }),
  }),
});

/** qrcode/create and showqrcode (parametric QR codes). */
export function registerQrCodeRoutes(app: HttpServer, ctx: SandboxContext): void {
  wechatRoute(app, ctx, {
    method: 'POST',
    path: '/cgi-bin/qrcode/create',
    input,
    envelope: false,
    handler: ({ auth, input }) => {
      const record = createQrTicket(ctx, requireOa(auth), {
        action_name: input.action_name,
        ...(input.action_info.scene.scene_id !== undefined
          ? { scene_id: input.action_info.scene.scene_id }
          : {}),
        ...(input.action_info.scene.scene_str !== undefined
          ? { scene_str: input.action_info.scene.scene_str }
          : {}),
        ...(input.expire_seconds !== undefined ? { expire_seconds: input.expire_seconds } : {}),
      });
      return {
        ticket: record.ticket,
        ...(record.expire_seconds !== null ? { expire_seconds: record.expire_seconds } : {}),
        url: record.url,
      };
    },
  });

  app.get('/cgi-bin/showqrcode', { schema: { hide: true } }, async (request, reply) => {
    const ticket = String((request.query as Record<string, unknown>).ticket ?? '');
    const record = Object.values(ctx.state.officialAccounts)
      .map((oa) => oa.qrTickets[ticket])
      .find((t) => t !== undefined);
    if (!record || ticketExpired(ctx, record))
      return reply.status(404).type('text/plain').send('ticket not found');
    return reply.type('image/png').send(qrPng(record.url));
  });
}
