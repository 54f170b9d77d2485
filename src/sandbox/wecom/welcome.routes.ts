import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { deliverWecomContent } from '../core/inbox.js';
import { personByExternalUserid } from '../core/lookup.js';
import { WxError } from '../http/wx-error.js';
import { assertHasContent, messageContentSchema, wecomRoute } from './common.js';

/**
 * send_welcome_msg (doc 92137): the welcome code from add_external_contact works once and
 * only for 20 seconds; afterwards (or on a second use) the platform answers 41051.
 */
export function registerWelcomeRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    '/cgi-bin/externalcontact/send_welcome_msg',
    z.object({ welcome_code: z.string().min(1), ...messageContentSchema }),
    ({ auth: { corp }, input }) => {
      assertHasContent(input);
      const code = corp.welcomeCodes[input.welcome_code];
      const now = ctx.now();
      if (!code || code.usedAt !== null || now - code.issuedAt > ctx.state.rules.welcomeCodeTtlMs) {
        throw new WxError(41051);
      }
      code.usedAt = now;
      const person = personByExternalUserid(ctx, corp, code.external_userid);
      if (person) {
        deliverWecomContent(ctx, person.id, {
          channel: 'wecom_welcome',
          from: { kind: 'employee', corpid: corp.corpid, userid: code.userid },
          content: input,
          ref: code.code,
        });
      }
      return {};
    },
  );
}
