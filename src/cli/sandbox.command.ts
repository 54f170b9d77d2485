import { loadConfig } from '../platform/config/config.js';
import { createLogger } from '../platform/log.js';
import { SandboxClientError } from '../sandbox/client/control-client.js';
import { startSandboxServer } from '../sandbox/index.js';
import {
  FaultRuleSyntaxError,
  formatCustomer,
  formatMessage,
  parseFaultRules,
} from '../sandbox/client/format.js';
import { UsageError, type Command } from './command.js';
import {
  action,
  client,
  customerHelp,
  customerOption,
  list,
  number,
  print,
  remote,
  remoteHelp,
  required,
  str,
  type Values,
} from './sandbox.flags.js';

const serve: Command = {
  path: ['sandbox', 'serve'],
  summary:
    'Run the offline WeChat sandbox on its own (WeCom, Official Account, Mini Program APIs + control API)',
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'state-file': { type: 'string' },
    seed: { type: 'string' },
    'no-demo': { type: 'boolean' },
    'public-url': { type: 'string' },
  },
  optionHelp: [
    ['-p, --port <port>', 'Port (env SIYU_SANDBOX_PORT, default 3001)'],
    ['--host <host>', 'Address to bind (env SIYU_SANDBOX_HOST, default 127.0.0.1)'],
    [
      '--state-file <file>',
      'Keep the state in this JSON file across restarts (default: memory only)',
    ],
    ['--seed <seed>', 'Seed of every generated id (default siyu-sandbox)'],
    ['--no-demo', 'Start empty instead of with the demo corp, accounts and customers'],
    ['--public-url <url>', 'How others reach the sandbox (QR code and link URLs)'],
  ],
  async run({ values, stdout }) {
    const config = loadConfig(process.env);
    const port = number(values, 'port') ?? config.sandbox.port;
    const stateFile = str(values, 'state-file');
    const seed = str(values, 'seed');
    const publicUrl = str(values, 'public-url');
    const running = await startSandboxServer({
      host: str(values, 'host') ?? config.sandbox.host,
      port,
      demo: values['no-demo'] !== true,
      logger: createLogger(config.logLevel, 'siyu-sandbox'),
      ...(stateFile ? { stateFile } : {}),
      ...(seed ? { seed } : {}),
      ...(publicUrl ? { publicUrl } : {}),
    });
    const { state } = running.sandbox;
    stdout(
      `WeChat sandbox running at ${running.url} (control API docs: ${running.url}/sandbox/docs)`,
    );
    for (const corp of Object.values(state.corps)) {
      const app = corp.apps.find((a) => a.kind === 'app');
      stdout(
        `WeCom corp ${corp.corpid}: agentid ${app?.agentid ?? '-'} secret ${app?.secret ?? '-'} token ${corp.callback.token} EncodingAESKey ${corp.callback.encodingAesKey}`,
      );
    }
    for (const oa of Object.values(state.officialAccounts)) {
      stdout(
        `Official Account ${oa.appid} (${oa.originalId}): secret ${oa.secret} token ${oa.token} EncodingAESKey ${oa.encodingAesKey} (${oa.encryptMode} mode)`,
      );
    }
    for (const mp of Object.values(state.miniPrograms))
      stdout(`Mini Program ${mp.appid}: secret ${mp.secret}`);
    const shutdown = () => {
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    await new Promise<never>(() => {});
  },
};

const customers: Command = {
  path: ['sandbox', 'customers'],
  summary: 'List the simulated WeChat users and their identities',
  options: { ...remote, limit: { type: 'string' }, offset: { type: 'string' } },
  optionHelp: [
    ['--limit <n>', 'How many (default 100)'],
    ['--offset <n>', 'Skip this many'],
    ...remoteHelp,
  ],
  async run({ values, stdout }) {
    const result = await client(values).customers({
      limit: number(values, 'limit') ?? 100,
      offset: number(values, 'offset') ?? 0,
    });
    print(values, stdout, result, () => [
      `${result.total} customers`,
      ...result.customers.map(formatCustomer),
    ]);
  },
};

const addContact = action({
  path: ['sandbox', 'add-contact'],
  summary:
    'A customer scans a contact way or adds an employee (add_external_contact with a welcome code)',
  options: {
    ...customerOption,
    'contact-way': { type: 'string' },
    employee: { type: 'string' },
    corp: { type: 'string' },
  },
  optionHelp: [
    customerHelp,
    ['--contact-way <config_id>', 'Scan this contact way'],
    ['--employee <userid>', 'Or add this employee directly'],
    ['--corp <corpid>', 'Defaults to the only corp'],
  ],
  run: (api, values) => {
    const configId = str(values, 'contact-way');
    const userid = str(values, 'employee');
    if ((configId === undefined) === (userid === undefined))
      throw new UsageError('give --contact-way or --employee');
    const corpid = str(values, 'corp');
    return api.addContact(
      required(values, 'customer'),
      configId ? { configId } : { userid: userid! },
      {
        wait: values.wait === true,
        ...(corpid ? { corpid } : {}),
      },
    );
  },
  describe: (r) =>
    `Added ${String(r.userid)} as ${String(r.externalUserid)}${r.state ? ` (state ${String(r.state)})` : ''}; welcome code ${String(r.welcomeCode ?? '-')}`,
});

const followOa = action({
  path: ['sandbox', 'follow-oa'],
  summary:
    'A customer follows the Official Account, optionally through a QR scene (subscribe / SCAN)',
  options: {
    ...customerOption,
    scene: { type: 'string' },
    ticket: { type: 'string' },
    appid: { type: 'string' },
  },
  optionHelp: [
    customerHelp,
    ['--scene <scene>', 'Through a parametric QR code with this scene'],
    ['--ticket <ticket>', 'Through this QR ticket'],
    ['--appid <appid>', 'Defaults to the only Official Account'],
  ],
  run: (api, values) => {
    const [scene, ticket, appid] = [
      str(values, 'scene'),
      str(values, 'ticket'),
      str(values, 'appid'),
    ];
    return api.followOa(required(values, 'customer'), {
      wait: values.wait === true,
      ...(scene ? { scene } : {}),
      ...(ticket ? { ticket } : {}),
      ...(appid ? { appid } : {}),
    });
  },
  describe: (r) => `${String(r.event)} pushed for openid ${String(r.openid)}`,
});

const unfollowOa = action({
  path: ['sandbox', 'unfollow-oa'],
  summary: 'A customer unfollows the Official Account (unsubscribe)',
  options: { ...customerOption, appid: { type: 'string' } },
  optionHelp: [customerHelp, ['--appid <appid>', 'Defaults to the only Official Account']],
  run: (api, values) => {
    const appid = str(values, 'appid');
    return api.unfollowOa(required(values, 'customer'), {
      wait: values.wait === true,
      ...(appid ? { appid } : {}),
    });
  },
  describe: (r) => `unsubscribe pushed for openid ${String(r.openid)}`,
});

const joinGroup = action({
  path: ['sandbox', 'join-group'],
  summary: 'A customer joins a customer group (invited, or through a join way)',
  options: { ...customerOption, chat: { type: 'string' }, 'join-way': { type: 'string' } },
  optionHelp: [
    customerHelp,
    ['--chat <chat_id>', 'Join this group (invited by its owner)'],
    ['--join-way <config_id>', 'Or scan this group join way'],
  ],
  run: (api, values) => {
    const chatId = str(values, 'chat');
    const configId = str(values, 'join-way');
    if ((chatId === undefined) === (configId === undefined))
      throw new UsageError('give --chat or --join-way');
    return api.joinGroup(
      required(values, 'customer'),
      chatId ? { chatId } : { configId: configId! },
      { wait: values.wait === true },
    );
  },
  describe: (r) => `Joined ${String(r.chatId)}${r.created ? ' (a new group was created)' : ''}`,
});

const kfMessage = action({
  path: ['sandbox', 'kf-message'],
  summary: 'A customer writes to WeChat Customer Service (kf_msg_or_event)',
  options: { ...customerOption, text: { type: 'string' } },
  optionHelp: [customerHelp, ['--text <text>', 'What the customer writes']],
  run: (api, values) =>
    api.kfMessage(required(values, 'customer'), required(values, 'text'), {
      wait: values.wait === true,
    }),
  describe: (r) => `Message ${String(r.msgid)} to ${String(r.openKfid)}`,
});

const inbox: Command = {
  path: ['sandbox', 'inbox'],
  summary: 'What a customer received (welcome, mass send, OA, kf, group and moments messages)',
  options: { ...remote, ...customerOption },
  optionHelp: [customerHelp, ...remoteHelp],
  async run({ values, stdout }) {
    const messages = await client(values).inbox(required(values, 'customer'));
    print(values, stdout, messages, () =>
      messages.length === 0 ? ['Nothing received yet.'] : messages.map(formatMessage),
    );
  },
};

function faultRules(values: Values) {
  try {
    return parseFaultRules(list(values, 'api'), list(values, 'latency'));
  } catch (error) {
    if (error instanceof FaultRuleSyntaxError) throw new UsageError(error.message);
    throw error;
  }
}

const faultsSet: Command = {
  path: ['sandbox', 'faults', 'set'],
  summary:
    'Inject faults: API errcodes at a rate, latency, duplicate and out-of-order callbacks (replaces the settings)',
  options: {
    ...remote,
    api: { type: 'string', multiple: true },
    latency: { type: 'string', multiple: true },
    'duplicate-rate': { type: 'string' },
    'reorder-rate': { type: 'string' },
    'hold-ms': { type: 'string' },
    seed: { type: 'string' },
  },
  optionHelp: [
    [
      '--api <PATH=ERRCODE@RATE>',
      'e.g. /cgi-bin/externalcontact/send_welcome_msg=45033@0.1, *=-1@0.01 (repeatable)',
    ],
    ['--latency <PATH=MS>', 'Added delay, e.g. /cgi-bin/*=200 (repeatable)'],
    ['--duplicate-rate <0..1>', 'Deliver callbacks twice at this rate'],
    ['--reorder-rate <0..1>', 'Hold callbacks back behind the next one at this rate'],
    ['--hold-ms <ms>', 'Longest a held callback waits'],
    ['--seed <seed>', 'Seed of the fault decisions'],
    ...remoteHelp,
  ],
  async run({ values, stdout }) {
    const seed = str(values, 'seed');
    const [duplicateRate, reorderRate, holdMs] = [
      number(values, 'duplicate-rate'),
      number(values, 'reorder-rate'),
      number(values, 'hold-ms'),
    ];
    const result = await client(values).setFaults({
      api: faultRules(values),
      callbacks: {
        ...(duplicateRate !== undefined ? { duplicateRate } : {}),
        ...(reorderRate !== undefined ? { reorderRate } : {}),
        ...(holdMs !== undefined ? { holdMs } : {}),
      },
      ...(seed ? { seed } : {}),
    });
    stdout(JSON.stringify(result, null, 2));
  },
};

const faultsShow: Command = {
  path: ['sandbox', 'faults'],
  summary: 'Show the fault injection settings',
  options: remote,
  optionHelp: remoteHelp,
  async run({ values, stdout }) {
    stdout(JSON.stringify(await client(values).faults(), null, 2));
  },
};

/** A sandbox that answers with an error (or not at all) is reported in one line, exit code 1. */
function reportingSandboxErrors(command: Command): Command {
  return {
    ...command,
    async run(ctx) {
      try {
        return await command.run(ctx);
      } catch (error) {
        if (!(error instanceof SandboxClientError)) throw error;
        ctx.stderr(
          error.status
            ? `Sandbox answered ${error.status} ${error.code}: ${error.message}`
            : error.message,
        );
        return 1;
      }
    },
  };
}

export const sandboxCommands: Command[] = [
  serve,
  ...[
    customers,
    addContact,
    followOa,
    unfollowOa,
    joinGroup,
    kfMessage,
    inbox,
    faultsShow,
    faultsSet,
  ].map(reportingSandboxErrors),
];
