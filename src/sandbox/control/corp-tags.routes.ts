import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import {
  adminCreatesTags,
  adminDeletesTag,
  adminEditsTag,
  employeeTagsCustomer,
} from './corp-tag.actions.js';
import { requireCorp, requireCustomer } from './resolve.js';
import { withDeliveries } from './respond.js';
import { corpBody, deliverySummary, waitQuery } from './schemas.js';

const tags = ['corp tags (changes made in WeCom)'];
const deliveries = { deliveries: z.array(deliverySummary) };
const tagName = z.string().min(1).max(30);
const idParams = z.object({ id: z.string().min(1).describe('a tag id or a tag group id') });
const corpQuery = waitQuery.extend(corpBody);

/**
 * Corp tag changes made in WeCom itself — an admin in the console, an employee in the client.
 * They push the callbacks the platform sends (the same changes through the API push none).
 */
export function registerCorpTagRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.post(
    '/sandbox/corp-tags',
    {
      schema: {
        tags,
        summary:
          'An admin creates tags: change_external_tag create (one tag_group event for a new group)',
        querystring: waitQuery,
        body: z.object({
          ...corpBody,
          groupId: z.string().optional().describe('an existing group; else groupName'),
          groupName: tagName.optional().describe('found by name or created'),
          tags: z.array(z.object({ name: tagName, order: z.number().int().optional() })).min(1),
        }),
        response: {
          200: z.object({ groupId: z.string(), tagIds: z.array(z.string()), ...deliveries }),
        },
      },
    },
    async (request) => {
      const { corpid, ...input } = request.body;
      const { deliveries: pushed, ...result } = adminCreatesTags(
        ctx,
        requireCorp(ctx, corpid),
        input,
      );
      return withDeliveries(ctx, request.query.wait, result, pushed);
    },
  );

  app.patch(
    '/sandbox/corp-tags/:id',
    {
      schema: {
        tags,
        summary: 'An admin renames or reorders a tag or group: change_external_tag update',
        params: idParams,
        querystring: waitQuery,
        body: z.object({
          ...corpBody,
          name: tagName.optional(),
          order: z.number().int().optional(),
        }),
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const { corpid, ...input } = request.body;
      const pushed = adminEditsTag(ctx, requireCorp(ctx, corpid), {
        id: request.params.id,
        ...input,
      });
      return withDeliveries(ctx, request.query.wait, {}, pushed);
    },
  );

  app.delete(
    '/sandbox/corp-tags/:id',
    {
      schema: {
        tags,
        summary:
          'An admin deletes a tag or group (its tags leave every customer): change_external_tag delete',
        params: idParams,
        querystring: corpQuery,
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.query.corpid);
      const pushed = adminDeletesTag(ctx, corp, request.params.id);
      return withDeliveries(ctx, request.query.wait, {}, pushed);
    },
  );

  app.post(
    '/sandbox/employees/:userid/customers/:externalUserId/tags',
    {
      schema: {
        tags,
        summary:
          'The employee tags or untags a customer in the client: edit_external_contact (when it changed)',
        params: z.object({
          userid: z.string().min(1),
          externalUserId: z
            .string()
            .min(1)
            .describe('the external_userid (or c1, a unionid, an openid) of the customer'),
        }),
        querystring: waitQuery,
        body: z.object({
          ...corpBody,
          add: z.array(z.string()).default([]),
          remove: z.array(z.string()).default([]),
        }),
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const { corpid, add, remove } = request.body;
      const corp = requireCorp(ctx, corpid);
      const person = requireCustomer(ctx, request.params.externalUserId);
      const pushed = employeeTagsCustomer(ctx, corp, request.params.userid, person, {
        add,
        remove,
      });
      return withDeliveries(ctx, request.query.wait, {}, pushed);
    },
  );
}
