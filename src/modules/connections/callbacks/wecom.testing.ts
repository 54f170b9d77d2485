/** Test helpers for the WeCom receiver: the official vector's crypt and a callback fixture. */
import { readFileSync } from 'node:fs';
import { WxBizMsgCrypt } from '../../../channels/shared/wxbiz-crypto.js';
import { vector } from '../connections.testing.js';

/** The add_external_contact sample, addressed to the vector's corp. */
export const addExternalContact = readFileSync(
  new URL(
    '../../../channels/wecom/fixtures/wecom-callback-add_external_contact.xml',
    import.meta.url,
  ),
  'utf8',
).replace('toUser', vector.corpId);

/** Seals callbacks as the platform does for the vector's corp. */
export const vectorCrypt = new WxBizMsgCrypt({
  token: vector.token,
  encodingAesKey: vector.aesKey,
  receiveId: vector.corpId,
});
