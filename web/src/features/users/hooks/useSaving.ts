import { useState } from 'react';

/**
 * Wraps a save action for a form or button: `saving` is true while it runs, and a failure
 * goes to `onError` (the caller knows which message or field it concerns).
 */
export function useSaving<T>(
  save: (values: T) => Promise<void>,
  onError: (error: unknown) => void,
) {
  const [saving, setSaving] = useState(false);
  const submit = async (values: T) => {
    setSaving(true);
    try {
      await save(values);
    } catch (error) {
      onError(error);
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
