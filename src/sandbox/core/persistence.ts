import fs from 'node:fs';
import path from 'node:path';
import type { SandboxState } from '../state/state.js';

/**
 * The sandbox state as a JSON snapshot on disk: loaded at start, written (debounced) after
 * changes, atomically (temporary file + rename) so a crash never leaves half a file.
 */
export class StateFile {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly snapshot: () => SandboxState,
    private readonly debounceMs = 500,
  ) {}

  load(): SandboxState | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const state = JSON.parse(text) as SandboxState;
    if (state.version !== 1)
      throw new Error(`${this.file}: unsupported sandbox state version ${String(state.version)}`);
    return state;
  }

  /** Schedules a write; many changes within the debounce window make one write. */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes the current state now (and cancels a scheduled write). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.then(async () => {
      const text = JSON.stringify(this.snapshot());
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await fs.promises.writeFile(tmp, text);
      await fs.promises.rename(tmp, this.file);
    });
    return this.writing;
  }
}
