import { z } from 'zod';
import { contactEvents } from './contact.events.js';
import { departmentEvents } from './department.events.js';
import { employeeEvents } from './employee.events.js';
import { groupEvents } from './group.events.js';
import { kfEvents } from './kf.events.js';
import { oaEvents } from './oa.events.js';
import { personEvents } from './person.events.js';
import { tagEvents } from './tag.events.js';

/**
 * The domain-event catalog: the contract between channels (producers) and modules
 * (consumers). Nothing here names a platform field; channels translate into these shapes.
 */
export const eventSchemas = [
  ...contactEvents,
  ...groupEvents,
  ...tagEvents,
  ...employeeEvents,
  ...departmentEvents,
  ...kfEvents,
  ...oaEvents,
  ...personEvents,
] as const;

export const domainEventSchema = z.discriminatedUnion('type', eventSchemas);

export type DomainEvent = z.infer<typeof domainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export type EventData<T extends DomainEventType> = EventOf<T>['data'];

export const domainEventTypes = eventSchemas.map(
  (schema) => schema.shape.type.value,
) as readonly DomainEventType[];
