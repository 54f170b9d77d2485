/** The whole schema as Kysely sees it: each module contributes the tables it owns. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
