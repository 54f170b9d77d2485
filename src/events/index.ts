export * from './catalog.js';
export * from './contact.events.js';
export * from './employee.events.js';
export * from './group.events.js';
export * from './kf.events.js';
export * from './oa.events.js';
export * from './person.events.js';
export * from './tag.events.js';
export { platformId } from './envelope.js';
