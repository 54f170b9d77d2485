import { actingAsSystem } from '../modules/workspace/actor.js';
import { addMember } from '../modules/workspace/member.service.js';
import { generatePassword, hashPassword } from '../modules/workspace/password.js';
import { permissions, roles, type Role } from '../modules/workspace/permissions.js';
import { deleteSessionsOfUser } from '../modules/workspace/session.store.js';
import { findUserByEmail, updateUser } from '../modules/workspace/user.store.js';
import { emailSchema, nameSchema, passwordSchema } from '../modules/workspace/workspace.schemas.js';
import { findWorkspaceBySlug } from '../modules/workspace/workspace.store.js';
import { AppError } from '../platform/http/errors.js';
import type { Command, CommandContext } from './command.js';
import { databaseOptionHelp, databaseOptions } from './config-flags.js';
import {
  cliActor,
  reportAppErrors,
  requiredFlag,
  withWorkspaceContext,
  zodCheck,
} from './workspace.command.js';

const roleCheck = (value: string) =>
  (roles as readonly string[]).includes(value) ? undefined : `expected one of ${roles.join(', ')}`;

/** --password when given (validated), else a generated one that is printed once. */
function passwordFlag(values: CommandContext['values']): { password: string; generated: boolean } {
  if (values.password === undefined) return { password: generatePassword(), generated: true };
  return { password: requiredFlag(values, 'password', zodCheck(passwordSchema)), generated: false };
}

const create: Command = {
  path: ['user', 'create'],
  summary: 'Create a console user in a workspace (or add an existing one to it)',
  options: {
    ...databaseOptions,
    workspace: { type: 'string', default: 'default' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
  },
  optionHelp: [
    ['--workspace <slug>', 'Workspace to add the user to (default: default)'],
    ['--email <email>', 'Sign-in email (required)'],
    ['--name <name>', 'Display name (required)'],
    ['--role <role>', `One of ${roles.join(', ')} (required)`],
    ['--password <password>', 'At least 10 characters; generated and printed when omitted'],
    ...databaseOptionHelp,
  ],
  async run({ values, stdout, stderr }) {
    const slug = requiredFlag(values, 'workspace');
    const email = requiredFlag(values, 'email', zodCheck(emailSchema));
    const name = requiredFlag(values, 'name', zodCheck(nameSchema)).trim();
    const role = requiredFlag(values, 'role', roleCheck) as Role;
    const { password, generated } = passwordFlag(values);
    return withWorkspaceContext(values, (ctx) =>
      reportAppErrors(stderr, async () => {
        const workspace = await findWorkspaceBySlug(ctx.db, slug);
        if (!workspace) throw new AppError('not_found', `Workspace "${slug}" not found`);
        const existed = (await findUserByEmail(ctx.db, email)) !== undefined;
        const acting = { ...actingAsSystem(workspace.id, permissions), actor: cliActor };
        const member = await addMember(ctx, acting, { email, name, role, password });
        if (existed) {
          stdout(
            `Added existing user ${member.email} to ${slug} as ${role}; their password is unchanged.`,
          );
          return;
        }
        stdout(`Created user ${member.email} (${member.id}) as ${role} of workspace ${slug}.`);
        if (generated)
          stdout(`Password: ${password}\n(shown only this once; change it after signing in)`);
      }),
    );
  },
};

const resetPassword: Command = {
  path: ['user', 'reset-password'],
  summary: "Set a user's password (e.g. a lost owner password) and sign them out everywhere",
  options: { ...databaseOptions, email: { type: 'string' }, password: { type: 'string' } },
  optionHelp: [
    ['--email <email>', 'The user (required)'],
    ['--password <password>', 'At least 10 characters; generated and printed when omitted'],
    ...databaseOptionHelp,
  ],
  async run({ values, stdout, stderr }) {
    const email = requiredFlag(values, 'email', zodCheck(emailSchema));
    const { password, generated } = passwordFlag(values);
    return withWorkspaceContext(values, (ctx) =>
      reportAppErrors(stderr, async () => {
        const user = await findUserByEmail(ctx.db, email);
        if (!user) throw new AppError('not_found', `No user with email ${email}`);
        const passwordHash = await hashPassword(password);
        await ctx.db.transaction().execute(async (trx) => {
          await updateUser(trx, user.id, {
            password_hash: passwordHash,
            updated_at: ctx.clock.now(),
          });
          await deleteSessionsOfUser(trx, user.id);
        });
        stdout(`Password of ${user.email} changed; their sessions were ended.`);
        if (generated) stdout(`Password: ${password}\n(shown only this once)`);
      }),
    );
  },
};

export const userCommands: Command[] = [create, resetPassword];
