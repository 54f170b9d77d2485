import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import type { OfficialAccount } from '../state/oa.js';
import type { WechatUser } from '../state/people.js';
import { openLink, openMiniProgram } from './misc.actions.js';
import {
  clickOaMenu,
  followOa,
  resolveTicket,
  sendOaText,
  unfollowOa,
  type OaActionResult,
} from './oa.actions.js';
import { requireCustomer, requireMiniProgram, requireOfficialAccount } from './resolve.js';
import { withDeliveries } from './respond.js';
import { appidBody, customerParams, deliverySummary, waitQuery } from './schemas.js';

const tags = ['customer actions: Official Account and Mini Program'];
const oaResult = z.object({
  openid: z.string(),
  event: z.string(),
  deliveries: z.array(deliverySummary),
});
const ticketFields = {
  ticket: z.string().optional().describe('a ticket from qrcode/create'),
  scene: z
    .string()
    .optional()
    .describe('or a scene: its latest live ticket (a permanent one is created if none)'),
};

/** One "the person does X with the Official Account" route: resolve, act, answer with deliveries. */
function oaAction<B extends z.ZodType<{ appid?: string | undefined }>>(
  app: HttpServer,
  ctx: SandboxContext,
  action: string,
  summary: string,
  body: B,
  act: (person: WechatUser, oa: OfficialAccount, body: z.infer<B>) => OaActionResult,
): void {
  app.post(
    `/sandbox/customers/:customer/${action}`,
    {
      schema: {
        tags,
        summary,
        params: customerParams,
        querystring: waitQuery,
        body,
        response: { 200: oaResult },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const input = request.body as z.infer<B>;
      const oa = requireOfficialAccount(ctx, input.appid);
      const { delivery, ...result } = act(person, oa, input);
      return withDeliveries(ctx, request.query.wait, result, [delivery]);
    },
  );
}

/** Acting as a WeChat user towards the Official Account and the Mini Program. */
export function registerCustomerWechatRoutes(app: HttpServer, ctx: SandboxContext): void {
  oaAction(
    app,
    ctx,
    'follow-oa',
    'Follow the Official Account, optionally through a parametric QR code (subscribe + qrscene_); a follower scanning gets SCAN',
    z.object({ ...appidBody, ...ticketFields }).default({}),
    (person, oa, body) => followOa(ctx, person, oa, resolveTicket(ctx, oa, body)),
  );
  oaAction(
    app,
    ctx,
    'scan-oa-qr',
    'Scan an Official Account QR code: SCAN for a follower, subscribe with qrscene_ otherwise',
    z
      .object({ ...appidBody, ...ticketFields })
      .refine((b) => b.ticket !== undefined || b.scene !== undefined, {
        message: 'give ticket or scene',
      }),
    (person, oa, body) => followOa(ctx, person, oa, resolveTicket(ctx, oa, body)),
  );
  oaAction(
    app,
    ctx,
    'unfollow-oa',
    'Unfollow the Official Account: unsubscribe',
    z.object(appidBody).default({}),
    (person, oa) => unfollowOa(ctx, person, oa),
  );
  oaAction(
    app,
    ctx,
    'oa-message',
    'The follower sends a text message to the Official Account (opens the 48 h / 5-message window)',
    z.object({ ...appidBody, text: z.string().min(1).max(2048) }),
    (person, oa, body) => sendOaText(ctx, person, oa, body.text),
  );
  oaAction(
    app,
    ctx,
    'oa-menu-click',
    'The follower clicks a menu button: CLICK (opens the 1-minute / 3-message window)',
    z.object({ ...appidBody, key: z.string().min(1).max(128) }),
    (person, oa, body) => clickOaMenu(ctx, person, oa, body.key),
  );

  app.post(
    '/sandbox/customers/:customer/open-mini-program',
    {
      schema: {
        tags,
        summary:
          'The person opens the Mini Program: returns the js_code wx.login would give (jscode2session, once)',
        params: customerParams,
        body: z.object({ appid: z.string().optional() }).default({}),
        response: { 200: z.object({ jsCode: z.string(), openid: z.string() }) },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      return openMiniProgram(ctx, person, requireMiniProgram(ctx, request.body.appid));
    },
  );

  app.post(
    '/sandbox/customers/:customer/open-link',
    {
      schema: {
        tags,
        summary:
          'The person opens a link (recorded; fetched like the in-app browser unless fetch is false)',
        params: customerParams,
        body: z.object({ url: z.string().min(1), fetch: z.boolean().default(true) }),
        response: {
          200: z.object({
            url: z.string(),
            at: z.number(),
            status: z.number().nullable(),
            error: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      if (!/^https?:\/\//.test(request.body.url))
        throw new AppError('bad_request', 'url must be http(s)');
      return openLink(ctx, person, request.body.url, request.body.fetch);
    },
  );
}
