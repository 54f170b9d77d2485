import { loadConfig } from '../platform/config/config.js';
import { SandboxClient, type DeliverySummary } from '../sandbox/client/control-client.js';
import { formatDeliveries } from '../sandbox/client/format.js';
import { UsageError, type Command, type CommandContext, type OptionSpec } from './command.js';

/** Flag parsing and printing shared by the `siyu sandbox …` commands. */
export type Values = CommandContext['values'];

export const str = (values: Values, name: string) =>
  typeof values[name] === 'string' ? (values[name] as string) : undefined;
export const list = (values: Values, name: string) =>
  Array.isArray(values[name]) ? (values[name] as string[]) : [];

export function required(values: Values, name: string): string {
  const value = str(values, name);
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

export function number(values: Values, name: string): number | undefined {
  const value = str(values, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number (got "${value}")`);
  return n;
}

/** The control API of a running sandbox: --url, else the configured sandbox host and port. */
export function client(values: Values): SandboxClient {
  const url = str(values, 'url');
  if (url) return new SandboxClient(url);
  const { host, port } = loadConfig(process.env).sandbox;
  return new SandboxClient(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`);
}

export const remote: OptionSpec = { url: { type: 'string' }, json: { type: 'boolean' } };
export const remoteHelp: [string, string][] = [
  ['--url <url>', 'Sandbox control API (default http://SIYU_SANDBOX_HOST:SIYU_SANDBOX_PORT)'],
  ['--json', 'Print the raw JSON answer'],
];
const waitHelp: [string, string] = [
  '--wait',
  'Return after the callbacks this action pushed were delivered',
];
export const customerOption: OptionSpec = { customer: { type: 'string' } };
export const customerHelp: [string, string] = [
  '--customer <id>',
  'c1, c2, … or any unionid / openid / external_userid',
];

export function print(
  values: Values,
  stdout: (line: string) => void,
  result: unknown,
  lines: () => string[],
): void {
  if (values.json === true) stdout(JSON.stringify(result, null, 2));
  else for (const line of lines()) stdout(line);
}

/** Runs one remote action, printing its result and the callbacks it pushed. */
export function action(spec: {
  path: string[];
  summary: string;
  options: OptionSpec;
  optionHelp: [string, string][];
  run: (api: SandboxClient, values: Values) => Promise<{ deliveries?: DeliverySummary[] } & object>;
  describe: (result: Record<string, unknown>) => string;
}): Command {
  return {
    path: spec.path,
    summary: spec.summary,
    options: { ...remote, wait: { type: 'boolean' }, ...spec.options },
    optionHelp: [...spec.optionHelp, waitHelp, ...remoteHelp],
    async run({ values, stdout }) {
      const result = await spec.run(client(values), values);
      print(values, stdout, result, () => [
        spec.describe(result as Record<string, unknown>),
        ...formatDeliveries(result.deliveries),
      ]);
    },
  };
}
