import type { EventDraft } from '../shared/callback-outcome.js';
import type { XmlElement } from '../shared/xml.js';

/** What every WeCom callback mapper receives: the parsed XML and its common header. */
export interface WecomCallback {
  readonly root: XmlElement;
  readonly corpId: string | undefined;
  readonly changeType: string | undefined;
}

/** Maps one kind of WeCom callback; `null` when its ChangeType is not one it knows. */
export type WecomMapper = (callback: WecomCallback) => readonly EventDraft[] | null;
