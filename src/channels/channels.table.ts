/** Tables owned by the channel adapters (WeCom, Official Account, Mini Program). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChannelsTables {}
