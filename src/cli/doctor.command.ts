import type { DoctorLang } from '../modules/connections/doctor/check.js';
import {
  diagnoseWorkspace,
  type DoctorReport,
} from '../modules/connections/doctor/doctor.service.js';
import { listAllWorkspaces } from '../modules/workspace/workspace.store.js';
import { UsageError, type Command } from './command.js';
import { databaseOptionHelp, databaseOptions } from './config-flags.js';
import { cliPublicBase, withConnectionsContext, workspaceOf } from './connect.command.js';
import { reportAppErrors } from './workspace.command.js';

const marks = { ok: '✓', warn: '!', fail: '✗' } as const;

function langOf(value: unknown): DoctorLang {
  if (value === undefined || value === 'en') return 'en';
  if (value === 'zh-CN' || value === 'zh') return 'zh-CN';
  throw new UsageError(`--lang must be en or zh-CN (got "${String(value)}")`);
}

function printReport(report: DoctorReport, stdout: (line: string) => void): void {
  stdout(`${marks[report.status]} ${report.displayName} (${report.kind} ${report.appId})`);
  for (const check of report.checks) {
    stdout(`    ${marks[check.status]} ${check.title}`);
    stdout(`        ${check.detail}`);
    if (check.fix) stdout(`        → ${check.fix}`);
  }
}

const doctor: Command = {
  path: ['doctor'],
  summary: 'Check every connection for real: credentials, permissions, trusted IP, callbacks',
  options: { ...databaseOptions, workspace: { type: 'string' }, lang: { type: 'string' } },
  optionHelp: [
    ['--workspace <slug>', 'Only this workspace (default: every workspace)'],
    ['--lang <en|zh-CN>', 'Language of the report (default: en)'],
    ...databaseOptionHelp,
  ],
  async run({ values, stdout, stderr }) {
    const lang = langOf(values.lang);
    let failed = false;
    const code = await withConnectionsContext(values, (ctx, config) =>
      reportAppErrors(stderr, async () => {
        const workspaces =
          values.workspace === undefined
            ? await listAllWorkspaces(ctx.db)
            : [await workspaceOf(ctx, values)];
        const base = cliPublicBase(config);
        for (const workspace of workspaces) {
          stdout(`Workspace ${workspace.slug}`);
          const reports = await diagnoseWorkspace(
            ctx,
            workspace.id,
            { workspaceSlug: workspace.slug, base },
            lang,
          );
          if (reports.length === 0) {
            stdout('    No connections. Add one with: siyu connect wecom|oa|miniprogram --help');
          }
          for (const report of reports) {
            printReport(report, stdout);
            failed ||= report.status === 'fail';
          }
        }
      }),
    );
    // 1 when a check failed, so scripts and CI can gate on the doctor.
    return code !== 0 ? code : failed ? 1 : 0;
  },
};

export const doctorCommands: Command[] = [doctor];
