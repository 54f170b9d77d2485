import { readPreference, writePreference } from '../../lib/storage';

const storageKey = 'siyu.workspace';

/** The slug of the workspace last opened on this device, to reopen it at `/`. */
export const readLastWorkspace = (): string | null => readPreference(storageKey);

export const rememberWorkspace = (slug: string): void => writePreference(storageKey, slug);
