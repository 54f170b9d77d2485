import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allMigrations } from '../migrations.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { AppError } from '../platform/http/errors.js';
import type { AuditActor } from '../modules/workspace/actor.js';
import { ensureDefaultWorkspace } from '../modules/workspace/bootstrap.js';
import type { WorkspaceContext } from '../modules/workspace/workspace.context.js';
import { nameSchema, slugSchema } from '../modules/workspace/workspace.schemas.js';
import { createWorkspace } from '../modules/workspace/workspace.service.js';
import { listAllWorkspaces } from '../modules/workspace/workspace.store.js';
import { UsageError, type Command, type CommandContext } from './command.js';
import { configFlags, databaseOptionHelp, databaseOptions } from './config-flags.js';

/** How changes made from the command line appear in the audit log. */
export const cliActor: AuditActor = { type: 'system', id: null, label: 'cli' };

/** Opens (and migrates) the configured database, with the default workspace in place. */
export async function withWorkspaceContext<T>(
  values: CommandContext['values'],
  fn: (ctx: WorkspaceContext) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, configFlags(values));
  const handle = openDatabase<Database>(config.database);
  try {
    await migrateToLatest(handle.db, allMigrations);
    const ctx = { db: handle.db, clock: systemClock };
    await ensureDefaultWorkspace(ctx);
    return await fn(ctx);
  } finally {
    await handle.close();
  }
}

/** A string flag that must be present; `check` turns a bad value into a usage error. */
export function requiredFlag(
  values: CommandContext['values'],
  name: string,
  check?: (value: string) => string | undefined,
): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${name} is required`);
  const problem = check?.(value);
  if (problem) throw new UsageError(`--${name}: ${problem}`);
  return value;
}

/** A Zod schema as a flag check: its first issue message, or undefined when valid. */
export function zodCheck(schema: {
  safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } };
}) {
  return (value: string) => {
    const result = schema.safeParse(value);
    return result.success ? undefined : (result.error?.issues[0]?.message ?? 'invalid value');
  };
}

/** Expected failures (taken slug, unknown workspace…) print a line and exit 1. */
export async function reportAppErrors(
  stderr: (line: string) => void,
  fn: () => Promise<void>,
): Promise<number> {
  try {
    await fn();
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    stderr(`Error: ${error.message}`);
    return 1;
  }
}

const create: Command = {
  path: ['workspace', 'create'],
  summary: 'Create a workspace',
  options: { ...databaseOptions, slug: { type: 'string' }, name: { type: 'string' } },
  optionHelp: [
    ['--slug <slug>', 'URL name: 2-39 lowercase letters, digits or hyphens (required)'],
    ['--name <name>', 'Display name (required)'],
    ...databaseOptionHelp,
  ],
  async run({ values, stdout, stderr }) {
    const slug = requiredFlag(values, 'slug', zodCheck(slugSchema));
    const name = requiredFlag(values, 'name', zodCheck(nameSchema)).trim();
    return withWorkspaceContext(values, (ctx) =>
      reportAppErrors(stderr, async () => {
        const workspace = await createWorkspace(ctx, cliActor, { slug, name });
        stdout(`Created workspace ${workspace.slug} (${workspace.id}).`);
        stdout(
          `Add users with: siyu user create --workspace ${workspace.slug} --email … --name … --role owner`,
        );
      }),
    );
  },
};

async function memberCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('membership')
    .select(['workspace_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('workspace_id')
    .execute();
  return new Map(rows.map((r) => [r.workspace_id, Number(r.n)]));
}

const list: Command = {
  path: ['workspace', 'list'],
  summary: 'List every workspace',
  options: databaseOptions,
  optionHelp: databaseOptionHelp,
  async run({ values, stdout }) {
    await withWorkspaceContext(values, async (ctx) => {
      const workspaces = await listAllWorkspaces(ctx.db);
      const counts = await memberCounts(ctx.db);
      const rows = workspaces.map((w) => [
        w.slug,
        w.name,
        String(counts.get(w.id) ?? 0),
        new Date(w.created_at).toISOString(),
        w.id,
      ]);
      const header = ['SLUG', 'NAME', 'USERS', 'CREATED', 'ID'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const cells of [header, ...rows]) {
        stdout(
          cells
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        );
      }
    });
  },
};

export const workspaceCommands: Command[] = [create, list];
