/**
 * A lean HTTP/1.1 client for the valid-callback phases: each request is serialized into one
 * buffer before the clock starts and written on a keep-alive socket with one request in flight
 * (as WeChat sends: no pipelining); the answer is read by its status line and Content-Length.
 * node:http's client costs about as much CPU per request as a bare server route, and the load
 * generator shares the machine's two cores with the server it measures; this one costs a few µs.
 */
import net from 'node:net';
import type { BenchRequest } from './callbacks.fixtures.js';
import type { Answer } from './callbacks.client.js';

const headerEnd = Buffer.from('\r\n\r\n');

/** The request as bytes on the wire. */
export function serialize(base: URL, request: BenchRequest): Buffer {
  const head =
    `${request.method} ${request.path} HTTP/1.1\r\n` +
    `host: ${base.host}\r\n` +
    Object.entries(request.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    `content-length: ${request.body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), request.body]);
}

/** One keep-alive connection; `send` must not be called again before its answer arrived. */
export class WireConnection {
  private socket: net.Socket | undefined;
  private received: Buffer = Buffer.alloc(0);
  private pending: ((answer: Answer) => void) | undefined;

  constructor(private readonly base: URL) {}

  send(bytes: Buffer): Promise<Answer> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.received = Buffer.alloc(0);
      (this.socket ??= this.connect()).write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): net.Socket {
    const socket = net.connect({ host: this.base.hostname, port: Number(this.base.port) });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const lost = (code: string) => {
      if (this.socket === socket) this.socket = undefined;
      this.answer({ status: `error:${code}`, body: '' });
    };
    socket.on('error', (error: NodeJS.ErrnoException) => lost(error.code ?? error.message));
    socket.on('close', () => lost('ECONNRESET'));
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const end = this.received.indexOf(headerEnd);
    if (end < 0) return;
    const head = this.received.toString('latin1', 0, end);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.answer({ status: 'error:no_content_length', body: head });
      this.close();
      return;
    }
    const bodyStart = end + headerEnd.length;
    const bodyEnd = bodyStart + Number(length[1]);
    if (this.received.length < bodyEnd) return;
    this.answer({
      status: head.slice(9, 12),
      body: this.received.toString('utf8', bodyStart, bodyEnd),
    });
  }

  private answer(answer: Answer): void {
    const resolve = this.pending;
    this.pending = undefined;
    this.received = Buffer.alloc(0);
    resolve?.(answer);
  }
}

/** `size` connections handed out one request at a time; callers beyond that wait in order. */
export class WirePool {
  private readonly all: readonly WireConnection[];
  private readonly idle: WireConnection[];
  private readonly waiting: ((connection: WireConnection) => void)[] = [];

  constructor(base: URL, size: number) {
    this.all = Array.from({ length: size }, () => new WireConnection(base));
    this.idle = [...this.all];
  }

  async send(bytes: Buffer): Promise<Answer> {
    const connection =
      this.idle.pop() ?? (await new Promise<WireConnection>((r) => this.waiting.push(r)));
    try {
      return await connection.send(bytes);
    } finally {
      const next = this.waiting.shift();
      if (next) next(connection);
      else this.idle.push(connection);
    }
  }

  close(): void {
    for (const connection of this.all) connection.close();
  }
}
