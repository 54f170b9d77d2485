/** Test helpers for the connections module: the official vector and seeded connections. */
import type { TestApp } from '../../testing/app.js';
import { actingAsSystem } from '../workspace/actor.js';
import { permissions } from '../workspace/permissions.js';
import { seedWorkspace } from '../workspace/workspace.testing.js';
import type { CreateConnectionInput } from './connection.schemas.js';
import { createConnection } from './connection.service.js';
import type { ConnectionRow } from './connection.table.js';

/** The official WeCom sample vector (docs/wechat-protocol.md §1). */
export const vector = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  aesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
  urlVerification: {
    msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
    timestamp: '1476416373',
    nonce: '47744683',
    echostr:
      'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
    plaintext: '1288432023552776189',
  },
  message: {
    query: {
      msg_signature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
      timestamp: '1476422779',
      nonce: '1597212914',
    },
    body: '<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>',
  },
} as const;

export const wecomInput = {
  kind: 'wecom',
  corpId: vector.corpId,
  agentId: 1000002,
  secret: 'wecomAppSecret-0123456789abcdefghijklmnopq',
  token: vector.token,
  aesKey: vector.aesKey,
} as const satisfies CreateConnectionInput;

export const oaAppId = 'wx5823bf96d3bd56c7';

export const oaInput = {
  kind: 'oa',
  appId: oaAppId,
  secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  token: 'oaToken2026',
} as const satisfies CreateConnectionInput;

/** Creates a connection in a workspace (created when missing) as the system. */
export async function seedConnection(
  t: TestApp,
  input: CreateConnectionInput,
  workspace = 'default',
): Promise<ConnectionRow> {
  const ws = await seedWorkspace(t, workspace);
  return createConnection(
    { db: t.database.db, clock: t.clock, secretBox: t.secretBox },
    actingAsSystem(ws.id, permissions),
    input,
  );
}
