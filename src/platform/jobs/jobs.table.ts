/** Tables owned by the durable job queue. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobsTables {}
