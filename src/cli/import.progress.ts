import type { ImportRun } from '../modules/people/import/import-run.schemas.js';

/** How `siyu import` shows a run: a redrawn bar on a terminal, plain lines elsewhere. */

const number = (n: number) => n.toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

const phaseLabels: Record<ImportRun['phase'], string> = {
  employees: 'employees: syncing the directory',
  tags: 'tags: pulling corp tags',
  contacts: 'contacts: importing customers and follows',
  done: 'done',
};

export const phaseLine = (phase: ImportRun['phase']) => phaseLabels[phase];

/** `12,345 contacts (37/50 employees) · 1,234/s · ETA 0:35` */
export function progressDetail(run: ImportRun): string {
  const { progress, counts } = run;
  const parts = [`${number(counts.contacts)} contacts`];
  if (progress.employeesTotal !== null)
    parts[0] += ` (${progress.employeesDone}/${progress.employeesTotal} employees)`;
  if (progress.contactsPerSecond !== null) parts.push(`${number(progress.contactsPerSecond)}/s`);
  if (progress.etaSeconds !== null) parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  if (counts.errors > 0) parts.push(`${counts.errors} errors retried`);
  return parts.join(' · ');
}

/** One terminal line: `[########------------]  42% contacts · 12,345 contacts · …`. */
export function progressBar(run: ImportRun, width = 24): string {
  const filled = Math.round(run.progress.fraction * width);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  const percent = `${Math.floor(run.progress.fraction * 100)}%`.padStart(4);
  return `${bar} ${percent} ${run.phase} · ${progressDetail(run)}`;
}

export function summaryLine(run: ImportRun, seconds: number): string {
  const c = run.counts;
  return (
    `Import ${run.id} ${run.status} in ${formatDuration(seconds)}: ${number(c.employees)} employees, ` +
    `${number(c.tags)} tags, ${number(c.contacts)} contacts, ${number(c.follows)} follows, ` +
    `${number(c.personsCreated)} customers created, ${number(c.merged)} merged, ${number(c.errors)} errors.`
  );
}
