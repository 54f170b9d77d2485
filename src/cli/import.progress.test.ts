import { describe, expect, it } from 'vitest';
import type { ImportRun } from '../modules/people/import/import-run.schemas.js';
import { formatDuration, progressBar, summaryLine } from './import.progress.js';

const run: ImportRun = {
  id: 'run-1',
  source: 'wecom',
  status: 'running',
  phase: 'contacts',
  counts: {
    employees: 50,
    tags: 12,
    contacts: 41_230,
    follows: 41_230,
    personsCreated: 40_100,
    merged: 3,
    errors: 2,
  },
  progress: {
    employeesDone: 20,
    employeesTotal: 50,
    fraction: 0.4,
    contactsPerSecond: 1718.5,
    etaSeconds: 36,
  },
  lastError: null,
  startedBy: 'cli',
  createdAt: '2026-11-25T16:00:00.000Z',
  updatedAt: '2026-11-25T16:00:24.000Z',
  finishedAt: null,
};

describe('import progress', () => {
  it('draws the terminal bar with phase, contacts, employees, rate, ETA and retried errors', () => {
    expect(progressBar(run, 10)).toBe(
      '[####------]  40% contacts · 41,230 contacts (20/50 employees) · 1,718.5/s · ETA 0:36 · 2 errors retried',
    );
    expect(
      progressBar(
        {
          ...run,
          phase: 'employees',
          progress: {
            ...run.progress,
            employeesTotal: null,
            fraction: 0,
            contactsPerSecond: null,
            etaSeconds: null,
          },
          counts: { ...run.counts, contacts: 0, errors: 0 },
        },
        10,
      ),
    ).toBe('[----------]   0% employees · 0 contacts');
  });

  it('sums up a finished run', () => {
    expect(summaryLine({ ...run, status: 'succeeded' }, 3725)).toBe(
      'Import run-1 succeeded in 1:02:05: 50 employees, 12 tags, 41,230 contacts, 41,230 follows, 40,100 customers created, 3 merged, 2 errors.',
    );
    expect(formatDuration(59.6)).toBe('1:00');
  });
});
