import type { PeopleContext } from './people.context.js';
import { markPersonTagChange } from './wecom-tags.mark.js';
import { markSubscriber } from './wecom-tags.queues.js';

/**
 * The corp-tag sync with WeCom: marks Siyu's changes of persons' corp tags on WeCom
 * (`person.tag_added/removed` not from WeCom).
 */
export function registerWecomTagSync(ctx: PeopleContext): void {
  ctx.bus.subscribe(
    ['person.tag_added', 'person.tag_removed'],
    markSubscriber,
    async (event) => markPersonTagChange(ctx, event.workspaceId, event),
    { maxAttempts: 8 },
  );
}
