import { systemClock, type Clock } from '../platform/clock.js';
import type { HttpServer } from '../platform/http/server.js';
import { createLogger, type Logger } from '../platform/log.js';
import { SandboxContext } from './core/context.js';
import { StateFile } from './core/persistence.js';
import { toReceiver, type ReceiverInput } from './core/receivers.js';
import { registerControlApi } from './control/index.js';
import { createSandboxHttp } from './http/server.js';
import { registerWechatApi } from './oa/index.js';
import type { Pusher, PusherOptions } from './pusher/pusher.js';
import { seedDemo } from './seed/demo.js';
import { createEmptyState, type SandboxState } from './state/state.js';
import { registerWecomApi } from './wecom/index.js';

export interface SandboxOptions {
  /** Seeds every derived id (corpid, openids, external_userids, …); default `siyu-sandbox`. */
  seed?: string;
  /** JSON snapshot of the state: loaded at start, saved (debounced) after changes. None by default. */
  stateFile?: string | null;
  saveDebounceMs?: number;
  /** The sandbox's clock (tests pass a ManualClock to move through the 20 s / 48 h windows). */
  clock?: Clock;
  /** Seed the demo world when starting without a saved state (default true). */
  demo?: boolean;
  /** Where the sandbox is reachable; QR code and link URLs point here. Default http://127.0.0.1:3001. */
  publicUrl?: string;
  /** Callback receivers to register at start (per corp / Official Account). */
  receivers?: ReceiverInput[];
  pusher?: Partial<PusherOptions>;
  logger?: Logger;
}

export interface Sandbox {
  /** A standalone Fastify instance, ready, not listening. */
  app: HttpServer;
  /** The live state (replaced on reset, so read it through this property). */
  readonly state: SandboxState;
  readonly context: SandboxContext;
  readonly pusher: Pusher;
  /** Stops the pusher, writes the state file and closes the app. */
  close(): Promise<void>;
}

/**
 * An offline WeCom / Official Account / Mini Program: the platforms' API paths, JSON and XML
 * shapes and error codes, its own state, real callback encryption, and a control API under
 * /sandbox to act as customers and employees. Nothing in the product imports it: Siyu talks
 * to it over HTTP by changing its base URLs.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  let file: StateFile | null = null;
  let ctx: SandboxContext | null = null;
  if (options.stateFile) {
    file = new StateFile(options.stateFile, () => ctx!.state, options.saveDebounceMs);
  }
  const loaded = file?.load();
  const state = loaded ?? createEmptyState(options.seed);
  const clock = options.clock ?? systemClock;
  if (!loaded && options.demo !== false) seedDemo(state, clock.now());
  for (const input of options.receivers ?? []) {
    const receiver = toReceiver(state, input);
    state.receivers[receiver.key] = receiver;
  }
  ctx = new SandboxContext({
    state,
    clock,
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:3001',
    ...(options.pusher ? { pusher: options.pusher } : {}),
    ...(file ? { onChange: () => file.changed() } : {}),
  });
  const app = await createSandboxHttp(options.logger ?? createLogger('warn', 'siyu-sandbox'));
  registerWecomApi(app, ctx);
  registerWechatApi(app, ctx);
  registerControlApi(app, ctx);
  await app.ready();
  if (file && !loaded) await file.flush();
  const context = ctx;
  let closing: Promise<void> | undefined;
  return {
    app,
    get state() {
      return context.state;
    },
    context,
    pusher: context.pusher,
    close: () => {
      closing ??= (async () => {
        await context.pusher.close();
        await app.close();
        await file?.flush();
      })();
      return closing;
    },
  };
}

export interface RunningSandbox {
  sandbox: Sandbox;
  url: string;
  close(): Promise<void>;
}

/** Starts the sandbox listening on its own port (default 127.0.0.1:3001). */
export async function startSandboxServer(
  options: SandboxOptions & { host?: string; port?: number } = {},
): Promise<RunningSandbox> {
  const { host = '127.0.0.1', port = 3001, ...rest } = options;
  const sandbox = await createSandbox(rest);
  const address = await sandbox.app.listen({ host, port });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '[::1]');
  if (!options.publicUrl) sandbox.context.publicUrl = url;
  return { sandbox, url, close: () => sandbox.close() };
}
