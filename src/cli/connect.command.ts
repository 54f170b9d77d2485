import { publicBase } from '../modules/connections/callback-url.js';
import { connectionRowToConnection } from '../modules/connections/connection.mapping.js';
import {
  createConnectionSchema,
  type CreateConnectionInput,
  type UpdateConnectionInput,
} from '../modules/connections/connection.schemas.js';
import {
  createConnection,
  listConnections,
  updateConnectionSettings,
} from '../modules/connections/connection.service.js';
import type { ConnectionKind } from '../modules/connections/connection.table.js';
import type { ConnectionsContext } from '../modules/connections/connections.context.js';
import { setupSteps } from '../modules/connections/setup-steps.js';
import { actingAsSystem } from '../modules/workspace/actor.js';
import { permissions } from '../modules/workspace/permissions.js';
import { findWorkspaceBySlug } from '../modules/workspace/workspace.store.js';
import { loadConfig, type Config } from '../platform/config/config.js';
import { SecretBox } from '../platform/crypto.js';
import { AppError } from '../platform/http/errors.js';
import { resolveSecretKey } from '../platform/secret-key.js';
import { UsageError, type Command, type CommandContext, type OptionSpec } from './command.js';
import { configFlags, databaseOptionHelp, databaseOptions } from './config-flags.js';
import {
  cliActor,
  reportAppErrors,
  requiredFlag,
  withWorkspaceContext,
} from './workspace.command.js';

type Values = CommandContext['values'];

/** Opens the database with what the connection services need, including the secret key. */
export async function withConnectionsContext<T>(
  values: Values,
  fn: (ctx: ConnectionsContext, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, configFlags(values));
  return withWorkspaceContext(values, (ws) => {
    const { key } = resolveSecretKey(config.secretKey, config.dataDir);
    return fn({ ...ws, secretBox: new SecretBox(key) }, config);
  });
}

/** The workspace named by --workspace (default `default`), or a not-found error. */
export async function workspaceOf(ctx: ConnectionsContext, values: Values) {
  const slug = typeof values.workspace === 'string' ? values.workspace : 'default';
  const workspace = await findWorkspaceBySlug(ctx.db, slug);
  if (!workspace) throw new AppError('not_found', `Workspace "${slug}" not found`);
  return workspace;
}

/** The public base URL for printed callback URLs: SIYU_PUBLIC_URL, else this server's address. */
export function cliPublicBase(config: Config) {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return publicBase(config.publicUrl, { protocol: 'http', host: `${host}:${config.port}` });
}

const flagOfField: Record<string, string> = {
  corpId: 'corp-id',
  appId: 'app-id',
  agentId: 'agent-id',
  aesKey: 'aes-key',
  apiBaseUrl: 'api-base-url',
  displayName: 'name',
  secret: 'secret',
  token: 'token',
};

const str = (values: Values, name: string) =>
  typeof values[name] === 'string' ? values[name] : undefined;

/** Every flag checked at once; each problem names its flag and what is expected. */
function parseInput(kind: ConnectionKind, values: Values): CreateConnectionInput {
  const required = {
    wecom: ['corp-id', 'secret', 'token', 'aes-key'],
    oa: ['app-id', 'secret', 'token'],
    miniprogram: ['app-id', 'secret'],
  }[kind];
  for (const flag of required) requiredFlag(values, flag);
  const agentId = str(values, 'agent-id');
  if (agentId !== undefined && !/^\d{1,10}$/.test(agentId)) {
    throw new UsageError('--agent-id: the AgentId is a number, e.g. 1000002');
  }
  const candidate = {
    kind,
    ...(kind === 'wecom' ? { corpId: str(values, 'corp-id') } : { appId: str(values, 'app-id') }),
    secret: str(values, 'secret'),
    ...(kind === 'miniprogram' ? {} : { token: str(values, 'token') }),
    ...(kind === 'miniprogram' ? {} : { aesKey: str(values, 'aes-key') }),
    ...(agentId === undefined ? {} : { agentId: Number(agentId) }),
    apiBaseUrl: str(values, 'api-base-url'),
    displayName: str(values, 'name'),
  };
  const parsed = createConnectionSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    return `--${flagOfField[field] ?? field}: ${issue.message}`;
  });
  throw new UsageError(problems.join('\n'));
}

const appIdOf = (input: CreateConnectionInput) =>
  input.kind === 'wecom' ? input.corpId : input.appId;

/** Re-running connect states the whole configuration: an OA without --aes-key is plaintext. */
function updateOf(input: CreateConnectionInput): UpdateConnectionInput {
  const common = {
    secret: input.secret,
    apiBaseUrl: input.apiBaseUrl,
    displayName: input.displayName,
  };
  switch (input.kind) {
    case 'wecom':
      return { ...common, token: input.token, aesKey: input.aesKey, agentId: input.agentId };
    case 'oa':
      return { ...common, token: input.token, aesKey: input.aesKey ?? null };
    case 'miniprogram':
      return common;
  }
}

/** Creates the connection, or rotates the credentials of the same corp / app. */
async function connect(
  ctx: ConnectionsContext,
  workspaceId: string,
  input: CreateConnectionInput,
): Promise<{ id: string; updated: boolean }> {
  const acting = { ...actingAsSystem(workspaceId, permissions), actor: cliActor };
  const existing = (await listConnections(ctx, workspaceId)).find(
    (c) => c.kind === input.kind && c.app_id === appIdOf(input),
  );
  if (!existing) return { id: (await createConnection(ctx, acting, input)).id, updated: false };
  await updateConnectionSettings(ctx, acting, existing.id, updateOf(input));
  return { id: existing.id, updated: true };
}

const commonOptions: OptionSpec = {
  ...databaseOptions,
  workspace: { type: 'string', default: 'default' },
  secret: { type: 'string' },
  name: { type: 'string' },
  'api-base-url': { type: 'string' },
};

const commonHelp = (secret: string): [string, string][] => [
  ['--workspace <slug>', 'Workspace to connect (default: default)'],
  ['--secret <secret>', `${secret} (required; stored encrypted)`],
  ['--name <name>', 'Display name in the console'],
  ['--api-base-url <url>', 'API base URL (default: the real platform; a sandbox URL in demos)'],
];

function connectCommand(
  kind: ConnectionKind,
  summary: string,
  options: OptionSpec,
  optionHelp: [string, string][],
): Command {
  return {
    path: ['connect', kind],
    summary,
    options: { ...commonOptions, ...options },
    optionHelp: [...optionHelp, ...databaseOptionHelp],
    async run({ values, stdout, stderr }) {
      const input = parseInput(kind, values);
      return withConnectionsContext(values, (ctx, config) =>
        reportAppErrors(stderr, async () => {
          const workspace = await workspaceOf(ctx, values);
          const { id, updated } = await connect(ctx, workspace.id, input);
          const row = (await listConnections(ctx, workspace.id)).find((c) => c.id === id)!;
          const base = cliPublicBase(config);
          const connection = connectionRowToConnection(row, ctx.secretBox, {
            workspaceSlug: workspace.slug,
            base,
          });
          stdout(
            `${updated ? 'Updated' : 'Connected'} ${connection.displayName} in workspace ${workspace.slug} (connection ${id}).`,
          );
          if (connection.callbackUrl) {
            stdout(`Callback URL: ${connection.callbackUrl}`);
            if (connection.callbackUrlWarning) {
              stdout(`  Warning: ${connection.callbackUrlWarning.message}`);
            }
          }
          stdout('');
          for (const line of setupSteps(connection, workspace.slug)) stdout(line);
        }),
      );
    },
  };
}

const wecom = connectCommand(
  'wecom',
  'Connect the WeCom corp (its self-built app) to a workspace',
  {
    'corp-id': { type: 'string' },
    'agent-id': { type: 'string' },
    token: { type: 'string' },
    'aes-key': { type: 'string' },
  },
  [
    ['--corp-id <id>', 'Corp ID, ww… (我的企业 → 企业信息 → 企业ID) (required)'],
    ...commonHelp('The self-built app’s Secret (应用管理 → 自建应用)'),
    [
      '--token <token>',
      'Callback Token, 3-32 letters or digits (接收消息 → 设置API接收) (required)',
    ],
    ['--aes-key <key>', 'Callback EncodingAESKey, 43 letters or digits (required)'],
    ['--agent-id <id>', 'The self-built app’s AgentId, to send app messages to employees'],
  ],
);

const oa = connectCommand(
  'oa',
  'Connect an Official Account (公众号) to a workspace',
  { 'app-id': { type: 'string' }, token: { type: 'string' }, 'aes-key': { type: 'string' } },
  [
    ['--app-id <id>', 'AppID, wx… (设置与开发 → 基本配置) (required)'],
    ...commonHelp('The AppSecret'),
    ['--token <token>', 'Server configuration Token, 3-32 letters or digits (required)'],
    ['--aes-key <key>', 'EncodingAESKey for 安全模式 (omit for 明文模式)'],
  ],
);

const miniprogram = connectCommand(
  'miniprogram',
  'Connect a Mini Program (小程序) to a workspace',
  { 'app-id': { type: 'string' } },
  [
    ['--app-id <id>', 'AppID, wx… (开发管理 → 开发设置) (required)'],
    ...commonHelp('The AppSecret'),
  ],
);

const time = (iso: string | null) => iso ?? 'never';

const list: Command = {
  path: ['connections', 'list'],
  summary: 'List the connections of a workspace with their callback URLs',
  options: { ...databaseOptions, workspace: { type: 'string', default: 'default' } },
  optionHelp: [['--workspace <slug>', 'Workspace (default: default)'], ...databaseOptionHelp],
  async run({ values, stdout, stderr }) {
    return withConnectionsContext(values, (ctx, config) =>
      reportAppErrors(stderr, async () => {
        const workspace = await workspaceOf(ctx, values);
        const rows = await listConnections(ctx, workspace.id);
        if (rows.length === 0) {
          stdout(
            `No connections in workspace ${workspace.slug}. Add one with: siyu connect wecom|oa|miniprogram --help`,
          );
          return;
        }
        const address = { workspaceSlug: workspace.slug, base: cliPublicBase(config) };
        for (const row of rows) {
          const c = connectionRowToConnection(row, ctx.secretBox, address);
          stdout(`${c.kind.padEnd(12)} ${c.appId}  ${c.displayName}  [${c.status}]  ${c.id}`);
          if (c.callbackUrl) stdout(`  callback URL    ${c.callbackUrl}`);
          if (c.kind !== 'miniprogram') {
            stdout(`  URL verified    ${time(c.callbackVerifiedAt)}`);
            stdout(`  last callback   ${time(c.lastCallbackAt)}`);
          }
          stdout(`  secret          ${c.secretMasked}   API ${c.apiBaseUrl}`);
        }
      }),
    );
  },
};

export const connectCommands: Command[] = [wecom, oa, miniprogram, list];
