/** The WeChat sandbox's public surface (for the runtime, the CLI, tests and benchmarks). */
export {
  createSandbox,
  startSandboxServer,
  type RunningSandbox,
  type Sandbox,
  type SandboxOptions,
} from './sandbox.js';
export { seedDemo, type DemoSeed } from './seed/demo.js';
export type { ReceiverInput } from './core/receivers.js';
export type { SandboxState } from './state/state.js';
export type { PusherOptions } from './pusher/pusher.js';
