import type { HttpServer } from '../../platform/http/server.js';
import { registerContactSubscribers } from './contact.subscribers.js';
import { registerFollowJobs } from './follow.jobs.js';
import { registerLossAlertJobs } from './loss-alert.jobs.js';
import { registerLossAlertRoutes } from './loss-alert.routes.js';
import { registerMiniProgramLoginRoutes } from './miniprogram-login.routes.js';
import { registerOaSubscriptionJobs } from './oa-subscription.jobs.js';
import { registerOaSubscribers } from './oa.subscribers.js';
import type { PeopleContext } from './people.context.js';

/**
 * Relations with customers: WeCom follows and their events, loss alerts, Official Account
 * subscriptions, Mini Program logins (subscribers, jobs and routes).
 */
export function registerFollowHandling(app: HttpServer, ctx: PeopleContext): void {
  registerContactSubscribers(ctx);
  registerFollowJobs(ctx);
  registerLossAlertJobs(ctx);
  registerLossAlertRoutes(app, ctx);
  registerOaSubscribers(ctx);
  registerOaSubscriptionJobs(ctx);
  registerMiniProgramLoginRoutes(app, ctx);
}
