import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { toReceiver } from '../core/receivers.js';
import { verifyReceiverUrl } from '../pusher/verify-url.js';
import { deliveryRecord, ok, receiverView } from './schemas.js';
import { removeKey } from '../state/records.js';

const tags = ['callbacks'];

const verification = z.object({
  ok: z.boolean(),
  status: z.number().nullable(),
  body: z.string().nullable(),
  expected: z.string(),
  error: z.string().nullable(),
});

const receiverKey = z.object({
  key: z
    .string()
    .regex(/^(wecom|oa):.+$/)
    .describe('wecom:<corpid> or oa:<appid>'),
});

/** Where callbacks go (like saving the callback URL in the admin console) and what was pushed. */
export function registerReceiverRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.get(
    '/sandbox/receivers',
    {
      schema: {
        tags,
        summary: 'Registered callback receivers',
        response: { 200: z.object({ receivers: z.array(receiverView) }) },
      },
    },
    async () => ({ receivers: Object.values(ctx.state.receivers) }),
  );

  app.put(
    '/sandbox/receivers/:key',
    {
      schema: {
        tags,
        summary:
          'Register the callback URL of a corp or Official Account (token and key default to its own); verified first unless verify is false',
        params: receiverKey,
        body: z.object({
          url: z.url({ protocol: /^https?$/ }),
          token: z.string().min(1).optional(),
          encodingAesKey: z.string().length(43).optional(),
          receiveId: z.string().min(1).optional().describe('defaults to the corpid / appid'),
          agentId: z.string().nullable().optional(),
          verify: z.boolean().default(true),
        }),
        response: {
          200: z.object({ receiver: receiverView, verification: verification.nullable() }),
        },
      },
    },
    async (request) => {
      const [kind, id] = [
        request.params.key.split(':')[0],
        request.params.key.slice(request.params.key.indexOf(':') + 1),
      ];
      const { verify, url, token, encodingAesKey, receiveId, agentId } = request.body;
      const common = {
        url,
        ...(token ? { token } : {}),
        ...(encodingAesKey ? { encodingAesKey } : {}),
        ...(receiveId ? { receiveId } : {}),
      };
      const receiver = toReceiver(
        ctx.state,
        kind === 'wecom'
          ? { corpid: id, ...common, ...(agentId !== undefined ? { agentId } : {}) }
          : { appid: id, ...common },
      );
      let result: z.infer<typeof verification> | null = null;
      if (verify) {
        result = await verifyReceiverUrl(receiver, String(ctx.seconds()));
        if (!result.ok)
          throw new AppError(
            'bad_request',
            `URL verification failed: ${result.error ?? 'no answer'}`,
            result,
          );
      }
      ctx.state.receivers[receiver.key] = receiver;
      ctx.changed();
      return { receiver, verification: result };
    },
  );

  app.delete(
    '/sandbox/receivers/:key',
    {
      schema: {
        tags,
        summary: 'Stop pushing callbacks for this corp or app',
        params: receiverKey,
        response: { 200: ok },
      },
    },
    async (request) => {
      if (!ctx.state.receivers[request.params.key])
        throw new AppError('not_found', `receiver ${request.params.key} not found`);
      removeKey(ctx.state.receivers, request.params.key);
      ctx.changed();
      return { ok: true as const };
    },
  );

  app.post(
    '/sandbox/receivers/:key/verify',
    {
      schema: {
        tags,
        summary: 'Run the URL verification (echostr) against a registered receiver',
        params: receiverKey,
        response: { 200: verification },
      },
    },
    async (request) => {
      const receiver = ctx.state.receivers[request.params.key];
      if (!receiver) throw new AppError('not_found', `receiver ${request.params.key} not found`);
      return verifyReceiverUrl(receiver, String(ctx.seconds()));
    },
  );

  app.get(
    '/sandbox/deliveries',
    {
      schema: {
        tags,
        summary: 'Callback deliveries, newest last, with every attempt',
        querystring: z.object({
          receiver: z.string().optional(),
          status: deliveryRecord.shape.status.optional(),
          event: z.string().optional().describe('prefix of the event label'),
          limit: z.coerce.number().int().min(1).max(10_000).default(100),
        }),
        response: {
          200: z.object({ total: z.number().int(), deliveries: z.array(deliveryRecord) }),
        },
      },
    },
    async (request) => {
      const { receiver, status, event, limit } = request.query;
      const matching = ctx.state.deliveries.filter(
        (d) =>
          (receiver === undefined || d.receiver === receiver) &&
          (status === undefined || d.status === status) &&
          (event === undefined || d.event.startsWith(event)),
      );
      return { total: matching.length, deliveries: matching.slice(-limit) };
    },
  );

  app.post(
    '/sandbox/deliveries/wait',
    {
      schema: {
        tags,
        summary: 'Wait until no callback is in flight or held back',
        body: z
          .object({ timeoutMs: z.number().int().min(0).max(600_000).default(30_000) })
          .default({ timeoutMs: 30_000 }),
        response: { 200: z.object({ idle: z.boolean() }) },
      },
    },
    async (request) => {
      let timer: NodeJS.Timeout | undefined;
      const idle = await Promise.race([
        ctx.pusher.idle().then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), request.body.timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      return { idle };
    },
  );

  app.get(
    '/sandbox/clicks',
    {
      schema: {
        tags: ['customers'],
        summary: 'Links the simulated people opened',
        querystring: z.object({ customer: z.string().optional() }),
        response: {
          200: z.object({
            clicks: z.array(
              z.object({
                personId: z.string(),
                url: z.string(),
                at: z.number(),
                status: z.number().nullable(),
                error: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      clicks: ctx.state.clicks.filter(
        (c) => !request.query.customer || c.personId === request.query.customer,
      ),
    }),
  );
}
