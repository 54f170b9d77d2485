import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import type { Delivery } from '../state/platform.js';
import { employeeDeletesCustomer, employeeEditsCustomer } from './contact.actions.js';
import { employeeLeaves } from './employee.actions.js';
import { createGroup, joinGroup } from './group.actions.js';
import { confirmMassSend } from './mass-send.actions.js';
import { requireCorp, requireCustomer } from './resolve.js';
import { withDeliveries } from './respond.js';
import { corpBody, deliverySummary, userParams, waitQuery } from './schemas.js';

const tags = ['employee actions'];
const deliveries = { deliveries: z.array(deliverySummary) };

const employeeView = z.object({
  userid: z.string(),
  name: z.string(),
  department: z.array(z.number()),
  position: z.string(),
  status: z.number().int(),
  customerContact: z.boolean(),
  customers: z.number().int(),
});

/** Acting as employees of the corp: delete or edit a customer, leave, confirm a mass send, build a group. */
export function registerEmployeeRoutes(app: HttpServer, ctx: SandboxContext): void {
  app.get(
    '/sandbox/employees',
    {
      schema: {
        tags,
        summary: 'Employees of the corp with their customer counts',
        querystring: z.object(corpBody),
        response: { 200: z.object({ corpid: z.string(), employees: z.array(employeeView) }) },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.query.corpid);
      const counts = new Map<string, number>();
      for (const byUser of Object.values(corp.follows)) {
        for (const userid of Object.keys(byUser)) counts.set(userid, (counts.get(userid) ?? 0) + 1);
      }
      return {
        corpid: corp.corpid,
        employees: Object.values(corp.employees).map((e) => ({
          ...e,
          customers: counts.get(e.userid) ?? 0,
        })),
      };
    },
  );

  app.get(
    '/sandbox/employees/:userid/messages',
    {
      schema: {
        tags,
        summary: 'App messages (message/send) the employee received',
        params: userParams,
        querystring: z.object(corpBody),
        response: {
          200: z.object({
            messages: z.array(
              z.object({
                msgid: z.string(),
                agentid: z.number(),
                msgtype: z.string(),
                body: z.record(z.string(), z.unknown()),
                at: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.query.corpid);
      return { messages: corp.appMessages.filter((m) => m.touser.includes(request.params.userid)) };
    },
  );

  app.post(
    '/sandbox/employees/:userid/delete-customer',
    {
      schema: {
        tags,
        summary: 'The employee deletes a customer: del_external_contact',
        params: userParams,
        querystring: waitQuery,
        body: z.object({ ...corpBody, customer: z.string().min(1) }),
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.body.corpid);
      const person = requireCustomer(ctx, request.body.customer);
      return withDeliveries(ctx, request.query.wait, {}, [
        employeeDeletesCustomer(ctx, corp, request.params.userid, person),
      ]);
    },
  );

  app.post(
    '/sandbox/employees/:userid/edit-customer',
    {
      schema: {
        tags,
        summary: 'The employee edits a customer in the client: edit_external_contact',
        params: userParams,
        querystring: waitQuery,
        body: z.object({
          ...corpBody,
          customer: z.string().min(1),
          remark: z.string().max(20).optional(),
          description: z.string().max(150).optional(),
        }),
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.body.corpid);
      const person = requireCustomer(ctx, request.body.customer);
      const { remark, description } = request.body;
      const delivery = employeeEditsCustomer(ctx, corp, request.params.userid, person, {
        ...(remark !== undefined ? { remark } : {}),
        ...(description !== undefined ? { description } : {}),
      });
      return withDeliveries(ctx, request.query.wait, {}, [delivery]);
    },
  );

  app.post(
    '/sandbox/employees/:userid/leave',
    {
      schema: {
        tags,
        summary:
          'The employee leaves the company: change_contact delete_user; customers become unassigned',
        params: userParams,
        querystring: waitQuery,
        body: z.object(corpBody).default({}),
        response: { 200: z.object(deliveries) },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.body.corpid);
      return withDeliveries(ctx, request.query.wait, {}, [
        employeeLeaves(ctx, corp, request.params.userid),
      ]);
    },
  );

  app.post(
    '/sandbox/employees/:userid/confirm-mass-send',
    {
      schema: {
        tags,
        summary:
          'The employee confirms a mass send in the client; recipients over quota get status 3, non-friends 2',
        params: userParams,
        body: z.object({ ...corpBody, msgid: z.string().min(1) }),
        response: {
          200: z.object({
            msgid: z.string(),
            userid: z.string(),
            sent: z.number(),
            notFriends: z.number(),
            quotaExceeded: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.body.corpid);
      return confirmMassSend(ctx, corp, request.params.userid, request.body.msgid);
    },
  );

  app.post(
    '/sandbox/employees/:userid/create-group',
    {
      schema: {
        tags,
        summary:
          'The employee creates a customer group and invites customers: create, then add_member each',
        params: userParams,
        querystring: waitQuery,
        body: z.object({
          ...corpBody,
          name: z.string().min(1).max(60),
          customers: z.array(z.string()).max(499).default([]),
        }),
        response: { 200: z.object({ chatId: z.string(), ...deliveries }) },
      },
    },
    async (request) => {
      const corp = requireCorp(ctx, request.body.corpid);
      const people = request.body.customers.map((ref) => requireCustomer(ctx, ref));
      const employee = corp.employees[request.params.userid];
      if (!employee || employee.status === 5)
        throw new AppError('not_found', `employee ${request.params.userid} not found`);
      const { group, delivery } = createGroup(ctx, corp, employee.userid, request.body.name);
      const pushed: Delivery[] = [delivery];
      for (const person of people)
        pushed.push(
          ...joinGroup(ctx, person, corp, { chatId: group.chat_id, invitor: employee.userid })
            .deliveries,
        );
      return withDeliveries(ctx, request.query.wait, { chatId: group.chat_id }, pushed);
    },
  );
}
