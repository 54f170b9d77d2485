/**
 * The callback opener's thread: verifies, decrypts and parses batches of encrypted WeCom
 * callbacks (callback-opener.ts), off the thread that serves HTTP and writes the database.
 */
import { parentPort } from 'node:worker_threads';
import { CryptCache, openWecom, type WecomOpenRequest } from './wecom-opening.js';

const crypts = new CryptCache();

parentPort!.on('message', (message: { id: number; requests: WecomOpenRequest[] }) => {
  const results = message.requests.map((request) => {
    try {
      return openWecom(crypts.get(request), request);
    } catch (error) {
      // A bug or a bad stored key, not a bad request: the receiver answers 500.
      return { status: 'failed' as const, message: String(error) };
    }
  });
  parentPort!.postMessage({ id: message.id, results });
});
