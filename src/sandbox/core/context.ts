import type { Clock } from '../../platform/clock.js';
import { FaultInjector } from '../faults/injector.js';
import { Pusher, type PusherOptions } from '../pusher/pusher.js';
import { IdentityIndex } from '../state/identity.js';
import { IdGenerator } from '../state/ids.js';
import type { SandboxState } from '../state/state.js';

export interface SandboxContextOptions {
  state: SandboxState;
  clock: Clock;
  /** How the sandbox is reached from outside (QR code and link URLs point here). */
  publicUrl: string;
  pusher?: Partial<PusherOptions>;
  /** Called after every change of the state (persistence hooks in here). */
  onChange?: () => void;
}

/** What every sandbox function works with: the state, time, ids, faults and the pusher. */
export class SandboxContext {
  state: SandboxState;
  ids: IdGenerator;
  index: IdentityIndex;
  publicUrl: string;
  readonly clock: Clock;
  readonly faults: FaultInjector;
  readonly pusher: Pusher;
  private readonly onChange: (() => void) | undefined;

  constructor(options: SandboxContextOptions) {
    this.state = options.state;
    this.clock = options.clock;
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.onChange = options.onChange;
    this.ids = new IdGenerator(this.state, this.state.seed);
    this.index = new IdentityIndex(this.state);
    this.faults = new FaultInjector(() => this.state.faults);
    this.pusher = new Pusher(this, options.pusher);
  }

  /** Epoch ms on the sandbox clock. */
  now(): number {
    return this.clock.now();
  }

  /** Epoch seconds on the sandbox clock (what the APIs and callbacks show). */
  seconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  replaceState(state: SandboxState): void {
    this.state = state;
    this.ids = new IdGenerator(state, state.seed);
    this.index = new IdentityIndex(state);
    this.faults.restart();
    this.changed();
  }

  changed(): void {
    this.onChange?.();
  }
}
