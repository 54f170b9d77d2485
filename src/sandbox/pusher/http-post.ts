import http from 'node:http';
import https from 'node:https';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export class PostTimeoutError extends Error {}

/**
 * POSTs a text body and reads the answer, through keep-alive agents (node's fetch costs several
 * milliseconds a request here, too slow for hundreds of callbacks a second). The timeout covers
 * the whole exchange; `signal` aborts it from outside.
 */
export function postText(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const agent = agents[url.protocol as keyof typeof agents];
    const request = client.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => request.destroy(new PostTimeoutError(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const abort = () => request.destroy(new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    request.on('error', reject);
    request.on('close', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    });
    request.end(body);
  });
}
