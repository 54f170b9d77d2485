import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import { requirePermission } from '../workspace/access.js';
import { errorResponses, slugParams } from '../workspace/workspace.schemas.js';
import { loginWithMiniProgramCode } from './miniprogram-login.service.js';
import type { PeopleContext } from './people.context.js';

const loginBody = z.object({
  code: z.string().min(1).max(256).describe('the code from wx.login() (valid once, 5 minutes)'),
  appId: z.string().min(1).optional().describe('the Mini Program; default: the workspace’s first'),
});

const loginResult = z.object({
  personId: z.string(),
  openId: z.string(),
  unionId: z.string().nullable(),
  created: z.boolean().describe('a new customer was created for this user'),
});

/** For the enterprise's Mini Program backend: who is this user? */
export function registerMiniProgramLoginRoutes(app: HttpServer, ctx: PeopleContext): void {
  app.post(
    '/api/workspaces/:slug/miniprogram/login',
    {
      onRequest: requirePermission('customers.write'),
      schema: {
        tags: ['mini program'],
        summary: 'Log a Mini Program user in with a wx.login() code: the customer they are',
        description:
          'Exchanges the code with WeChat (code2session) and finds or creates the customer by openid and unionid. The session key is never returned. invalid_login_code (400): the code is invalid, expired or used; too_many_requests (429): WeChat limits this user; login_refused (403): WeChat flagged the user; conflict (409): no Mini Program connected.',
        params: slugParams,
        body: loginBody,
        response: { 200: loginResult, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => loginWithMiniProgramCode(ctx, request.auth.workspace.id, request.body),
  );
}
