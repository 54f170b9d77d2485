import { auditActorOf, type Acting, type AuditActor } from '../workspace/actor.js';

/** Who acts, as the audit log and the people tables write it. */
export const auditActor = (acting: Acting): AuditActor =>
  'label' in acting.actor ? acting.actor : auditActorOf(acting.actor);

/** May the caller see personal data in the clear? */
export const revealsPii = (acting: Pick<Acting, 'permissions'>): boolean =>
  acting.permissions.includes('customers.pii');
