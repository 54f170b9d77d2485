import { App } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from './useApiErrorText';

export interface ApiActionOptions<R> {
  /** What to say when it worked (nothing when it returns undefined). */
  success?(result: R): string | undefined;
  onDone?(result: R): void;
  /** How failures read; by default the generic text for the error code. */
  errorText?(error: unknown): string | undefined;
}

/**
 * A request behind a button: `running` while it runs, a message saying how it went
 * (`success`, or the error), then `onDone` with the result.
 */
export function useApiAction<A extends unknown[], R>(
  call: (...args: A) => Promise<R>,
  options: ApiActionOptions<R> = {},
) {
  const defaultErrorText = useApiErrorText();
  const { message } = App.useApp();
  const [running, setRunning] = useState(false);

  const run = async (...args: A): Promise<void> => {
    setRunning(true);
    try {
      const result = await call(...args);
      const text = options.success?.(result);
      if (text) void message.success(text);
      options.onDone?.(result);
    } catch (error) {
      void message.error(options.errorText?.(error) ?? defaultErrorText(error));
    } finally {
      setRunning(false);
    }
  };
  return { running, run };
}
