import { z } from 'zod';

/**
 * The actions the console may take in the sandbox, as customers and as employees. Each
 * forwards to `/sandbox/<who>/:id/<action>` with the corp (or Official Account) of the
 * workspace's connection added, so the console never names them.
 */
export interface SandboxAction {
  summary: string;
  body: z.ZodType;
  /** What the proxy adds to the body: the connection's corp ID or Official Account AppID. */
  scope: 'corp' | 'oa' | 'none';
}

const id = z.string().trim().min(1).max(128);
const text = z.string().min(1).max(2048);
const oneOf = (a: string, b: string) => (body: Record<string, unknown>) =>
  (body[a] === undefined) !== (body[b] === undefined);
/** A body that may be left out (no body, or JSON null, is `{}`). */
const optionalBody = <S extends z.ZodType>(schema: S) => z.preprocess((v) => v ?? {}, schema);
const qrTicket = { ticket: id.optional(), scene: id.optional() };

export const customerActions = {
  'add-contact': {
    summary: 'The customer adds an employee: through a contact way (configId) or directly (userid)',
    scope: 'corp',
    body: z
      .strictObject({
        userid: id.optional(),
        configId: id.optional(),
        welcomeCode: z.boolean().optional(),
      })
      .refine(oneOf('userid', 'configId'), {
        message: 'give configId or userid',
        path: ['userid'],
      }),
  },
  'open-acquisition-link': {
    summary: 'The customer opens an acquisition link (获客链接)',
    scope: 'corp',
    body: z
      .strictObject({
        linkId: id.optional(),
        url: z.url().optional(),
        customerChannel: id.optional(),
      })
      .refine((b) => b.linkId !== undefined || b.url !== undefined, {
        message: 'give linkId or url',
        path: ['linkId'],
      }),
  },
  'delete-employee': {
    summary: 'The customer deletes the employee from their WeChat contacts',
    scope: 'corp',
    body: z.strictObject({ userid: id }),
  },
  'join-group': {
    summary: 'The customer joins a customer group: by a join way (configId) or invited (chatId)',
    scope: 'corp',
    body: z
      .strictObject({ configId: id.optional(), chatId: id.optional(), invitor: id.optional() })
      .refine(oneOf('configId', 'chatId'), {
        message: 'give configId or chatId',
        path: ['chatId'],
      }),
  },
  'leave-group': {
    summary: 'The customer leaves a customer group',
    scope: 'corp',
    body: z.strictObject({ chatId: id }),
  },
  'kf-message': {
    summary: 'The customer writes to WeChat Customer Service (微信客服)',
    scope: 'corp',
    body: z.strictObject({ openKfid: id.optional(), text }),
  },
  'kf-enter-session': {
    summary: 'The customer opens the WeChat Customer Service chat',
    scope: 'corp',
    body: z.strictObject({
      openKfid: id.optional(),
      scene: id.optional(),
      sceneParam: id.optional(),
    }),
  },
  'follow-oa': {
    summary: 'The customer follows the Official Account, optionally through a parametric QR code',
    scope: 'oa',
    body: optionalBody(z.strictObject(qrTicket)),
  },
  'scan-oa-qr': {
    summary: 'The customer scans an Official Account QR code (a ticket or a scene)',
    scope: 'oa',
    body: z.strictObject(qrTicket).refine((b) => b.ticket !== undefined || b.scene !== undefined, {
      message: 'give ticket or scene',
      path: ['scene'],
    }),
  },
  'unfollow-oa': {
    summary: 'The customer unfollows the Official Account',
    scope: 'oa',
    body: optionalBody(z.strictObject({})),
  },
  'oa-message': {
    summary: 'The follower sends a text message to the Official Account',
    scope: 'oa',
    body: z.strictObject({ text }),
  },
  'oa-menu-click': {
    summary: 'The follower clicks a menu button of the Official Account',
    scope: 'oa',
    body: z.strictObject({ key: z.string().min(1).max(128) }),
  },
  'open-link': {
    summary: 'The customer opens a link in WeChat (recorded, and fetched like the in-app browser)',
    scope: 'none',
    body: z.strictObject({
      url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2000),
      fetch: z.boolean().optional(),
    }),
  },
} as const satisfies Record<string, SandboxAction>;

export const employeeActions = {
  'delete-customer': {
    summary: 'The employee deletes a customer',
    scope: 'corp',
    body: z.strictObject({ customer: id }),
  },
  'create-group': {
    summary: 'The employee creates a customer group and invites customers',
    scope: 'corp',
    body: z.strictObject({
      name: z.string().trim().min(1).max(60),
      customers: z.array(id).max(499).default([]),
    }),
  },
  leave: {
    summary: 'The employee leaves the company; their customers become unassigned',
    scope: 'corp',
    body: optionalBody(z.strictObject({})),
  },
} as const satisfies Record<string, SandboxAction>;
