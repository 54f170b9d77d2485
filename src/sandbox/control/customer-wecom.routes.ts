import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { addContact, customerDeletesEmployee, type AddContactVia } from './contact.actions.js';
import { joinGroup, leaveGroup } from './group.actions.js';
import { enterKfSession, sendKfMessage } from './kf.actions.js';
import { requireCorp, requireCustomer } from './resolve.js';
import { withDeliveries } from './respond.js';
import { corpBody, customerParams, deliverySummary, waitQuery } from './schemas.js';

const tags = ['customer actions: WeCom'];
const deliveries = { deliveries: z.array(deliverySummary) };

const addContactResult = z.object({
  externalUserid: z.string(),
  userid: z.string(),
  state: z.string(),
  welcomeCode: z.string().nullable(),
  ...deliveries,
});

const kfResult = z.object({
  openKfid: z.string(),
  externalUserid: z.string(),
  msgid: z.string(),
  token: z.string(),
  welcomeCode: z.string().nullable(),
  ...deliveries,
});

/** An acquisition link URL → its id and the customer_channel appended to it. */
function parseLinkUrl(url: string): { linkId: string; customerChannel?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('bad_request', 'url is not a valid URL');
  }
  const linkId = parsed.pathname.split('/').filter(Boolean).at(-1);
  if (!linkId) throw new AppError('bad_request', 'url does not name an acquisition link');
  const channel = parsed.searchParams.get('customer_channel');
  return channel === null ? { linkId } : { linkId, customerChannel: channel };
}

/** Acting as a WeChat user towards the WeCom corp. */
export function registerCustomerWecomRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.post(
    '/sandbox/customers/:customer/add-contact',
    {
      schema: {
        tags,
        summary:
          'The customer scans a contact way (or adds an employee directly): add_external_contact with State and WelcomeCode',
        params: customerParams,
        querystring: waitQuery,
        body: z
          .object({
            ...corpBody,
            configId: z.string().optional().describe('contact way config_id'),
            userid: z.string().optional().describe('add this employee directly (no contact way)'),
            welcomeCode: z
              .boolean()
              .default(true)
              .describe('false: as if the admin set a welcome message in WeCom (no WelcomeCode)'),
          })
          .refine((b) => (b.configId === undefined) !== (b.userid === undefined), {
            message: 'give configId or userid',
          }),
        response: { 200: addContactResult },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const corp = requireCorp(ctx, request.body.corpid);
      const via: AddContactVia = request.body.configId
        ? { configId: request.body.configId }
        : { userid: request.body.userid! };
      const { delivery, ...result } = addContact(ctx, person, corp, via, {
        welcomeCode: request.body.welcomeCode,
      });
      return withDeliveries(ctx, request.query.wait, result, [delivery]);
    },
  );

  app.post(
    '/sandbox/customers/:customer/open-acquisition-link',
    {
      schema: {
        tags,
        summary:
          'The customer opens an acquisition link (获客链接); customer_channel comes back as State',
        params: customerParams,
        querystring: waitQuery,
        body: z
          .object({
            ...corpBody,
            linkId: z.string().optional(),
            url: z
              .string()
              .optional()
              .describe('the link URL, optionally with ?customer_channel=…'),
            customerChannel: z.string().optional(),
          })
          .refine((b) => b.linkId !== undefined || b.url !== undefined, {
            message: 'give linkId or url',
          }),
        response: { 200: addContactResult },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const corp = requireCorp(ctx, request.body.corpid);
      const fromUrl = request.body.url ? parseLinkUrl(request.body.url) : undefined;
      const linkId = request.body.linkId ?? fromUrl!.linkId;
      const channel = request.body.customerChannel ?? fromUrl?.customerChannel;
      const { delivery, ...result } = addContact(ctx, person, corp, {
        linkId,
        ...(channel !== undefined ? { customerChannel: channel } : {}),
      });
      return withDeliveries(ctx, request.query.wait, result, [delivery]);
    },
  );

  app.post(
    '/sandbox/customers/:customer/delete-employee',
    {
      schema: {
        tags,
        summary: 'The customer deletes the employee: del_follow_user',
        params: customerParams,
        querystring: waitQuery,
        body: z.object({ ...corpBody, userid: z.string().min(1) }),
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const corp = requireCorp(ctx, request.body.corpid);
      return withDeliveries(ctx, request.query.wait, {}, [
        customerDeletesEmployee(ctx, person, corp, request.body.userid),
      ]);
    },
  );

  app.post(
    '/sandbox/customers/:customer/join-group',
    {
      schema: {
        tags,
        summary:
          'The customer joins a group via a join way (QR, 200 per group) or an employee invitation (500): add_member',
        params: customerParams,
        querystring: waitQuery,
        body: z
          .object({
            ...corpBody,
            configId: z.string().optional().describe('join way config_id'),
            chatId: z.string().optional().describe('join this group on invitation'),
            invitor: z.string().optional().describe('inviting employee (defaults to the owner)'),
          })
          .refine((b) => (b.configId === undefined) !== (b.chatId === undefined), {
            message: 'give configId or chatId',
          }),
        response: { 200: z.object({ chatId: z.string(), created: z.boolean(), ...deliveries }) },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const corp = requireCorp(ctx, request.body.corpid);
      const { configId, chatId, invitor } = request.body;
      const { deliveries: pushed, ...result } = joinGroup(
        ctx,
        person,
        corp,
        configId ? { configId } : { chatId: chatId!, ...(invitor ? { invitor } : {}) },
      );
      return withDeliveries(ctx, request.query.wait, result, pushed);
    },
  );

  app.post(
    '/sandbox/customers/:customer/leave-group',
    {
      schema: {
        tags,
        summary: 'The customer leaves a group: del_member',
        params: customerParams,
        querystring: waitQuery,
        body: z.object({ ...corpBody, chatId: z.string().min(1) }),
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const corp = requireCorp(ctx, request.body.corpid);
      return withDeliveries(ctx, request.query.wait, {}, [
        leaveGroup(ctx, person, corp, request.body.chatId),
      ]);
    },
  );

  app.post(
    '/sandbox/customers/:customer/kf-message',
    {
      schema: {
        tags,
        summary:
          'The customer writes to WeChat Customer Service: kf_msg_or_event (5 replies within 48 h)',
        params: customerParams,
        querystring: waitQuery,
        body: z.object({
          ...corpBody,
          openKfid: z.string().optional(),
          text: z.string().min(1).max(2048),
        }),
        response: { 200: kfResult },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const corp = requireCorp(ctx, request.body.corpid);
      const { delivery, ...result } = sendKfMessage(
        ctx,
        person,
        corp,
        request.body.openKfid,
        request.body.text,
      );
      return withDeliveries(ctx, request.query.wait, result, [delivery]);
    },
  );

  app.post(
    '/sandbox/customers/:customer/kf-enter-session',
    {
      schema: {
        tags,
        summary:
          'The customer opens the customer-service chat: enter_session event with a welcome code',
        params: customerParams,
        querystring: waitQuery,
        body: z.object({
          ...corpBody,
          openKfid: z.string().optional(),
          scene: z.string().optional(),
          sceneParam: z.string().optional(),
        }),
        response: { 200: kfResult },
      },
    },
    async (request) => {
      const person = requireCustomer(ctx, request.params.customer);
      const corp = requireCorp(ctx, request.body.corpid);
      const { corpid: _c, ...options } = request.body;
      const { delivery, ...result } = enterKfSession(ctx, person, corp, options);
      return withDeliveries(ctx, request.query.wait, result, [delivery]);
    },
  );
}
