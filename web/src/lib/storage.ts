/**
 * Preferences kept on this device. Storage can be disabled (private mode, policies); then
 * reads find nothing and writes are dropped, so a preference lasts for the page only.
 */
export function readPreference(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // See above: nothing to do.
  }
}
