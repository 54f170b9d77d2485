/**
 * Cached platform access tokens. Keyed by credential, not by workspace: a token belongs to a
 * (corp, secret) or (app, secret) pair whoever uses it. The key holds a hash, never the secret.
 */
export interface ChannelAccessTokenTable {
  cache_key: string;
  /** Empty until the first refresh completes. */
  token: string;
  /** Epoch ms when the platform stops accepting the token; 0 once invalidated. */
  expires_at: number;
  /** Epoch ms until which one process holds the right to refresh; null when free. */
  refresh_lock_until: number | null;
  updated_at: number;
}

/** Requests counted per (corp or app, fixed time window). */
export interface ChannelRateLimitTable {
  bucket_key: string;
  window_start: number;
  count: number;
}

/** Tables owned by the channel adapters (WeCom, Official Account, Mini Program). */
export interface ChannelsTables {
  channel_access_token: ChannelAccessTokenTable;
  channel_rate_limit: ChannelRateLimitTable;
}
