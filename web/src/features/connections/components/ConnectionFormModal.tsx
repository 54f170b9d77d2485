import { Alert, App, Form, Typography } from 'antd';
import { failedPaths, isApiError } from '../../../api/client';
import { useT } from '../../../i18n';
import { FormModal } from '../../users/components/FormModal';
import { useSaving } from '../../users/hooks/useSaving';
import { createConnection, updateConnection, type Connection, type ConnectionKind } from '../api';
import {
  connectionToForm,
  formToChanges,
  formToNewConnection,
  type ConnectionFormValues,
  type FreshCredentials,
} from '../connectionForm';
import { useConnectionErrorText } from '../hooks/useConnectionErrorText';
import { useKindLabel } from '../hooks/useKindLabel';
import { ConnectionFields } from './ConnectionFields';

/** Adding a connection of one kind, or editing one. */
export type FormTarget =
  { kind: ConnectionKind; editing: null } | { kind: ConnectionKind; editing: Connection };

interface Props {
  slug: string;
  target: FormTarget | null;
  onClose(): void;
  /** After saving; `fresh` carries the Token / EncodingAESKey just typed, to show them once. */
  onSaved(connection: Connection, fresh: FreshCredentials | null): void;
}

const formFields = [
  'displayName',
  'appId',
  'agentId',
  'secret',
  'token',
  'aesKey',
  'apiBaseUrl',
] as const satisfies (keyof ConnectionFormValues)[];

/** The form field a server error names (the corp ID and the AppID share one field). */
function formFieldOf(path: string): (typeof formFields)[number] | undefined {
  const field = path.replace(/^body\//, '').split('/')[0];
  const name = field === 'corpId' ? 'appId' : field;
  return formFields.find((f) => f === name);
}

/** Each opening gets its own form, so nothing of the last one lingers. */
export function ConnectionFormModal(props: Props) {
  const { target } = props;
  if (!target) return null;
  return (
    <ConnectionFormDialog
      key={target.editing ? target.editing.id : target.kind}
      {...props}
      target={target}
    />
  );
}

function ConnectionFormDialog({ slug, target, onClose, onSaved }: Props & { target: FormTarget }) {
  const t = useT();
  const kindLabel = useKindLabel();
  const errorText = useConnectionErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConnectionFormValues>();
  const editing = target.editing;

  const { saving, submit } = useSaving(
    async (values: ConnectionFormValues) => {
      if (target.editing) {
        const saved = await updateConnection(
          slug,
          target.editing.id,
          formToChanges(target.editing, values),
        );
        void message.success(t('connections.saved'));
        const rotated = values.token?.trim() || values.aesKey?.trim();
        onSaved(
          saved,
          rotated ? { token: values.token?.trim(), aesKey: values.aesKey?.trim() } : null,
        );
      } else {
        const input = formToNewConnection(target.kind, values);
        const created = await createConnection(slug, input);
        void message.success(t('connections.created', { name: created.displayName }));
        onSaved(created, {
          token: 'token' in input ? input.token : undefined,
          aesKey: 'aesKey' in input ? input.aesKey : undefined,
        });
      }
      onClose();
    },
    (error) => {
      const fields = isApiError(error, 'validation_failed')
        ? [...failedPaths(error)].map(formFieldOf).filter((f) => f !== undefined)
        : [];
      if (fields.length > 0) {
        form.setFields(fields.map((name) => ({ name, errors: [t('connections.form.rejected')] })));
      } else if (isApiError(error, 'conflict') && !target.editing) {
        form.setFields([{ name: 'appId', errors: [errorText(error, target.kind)] }]);
      } else {
        void message.error(errorText(error, target.kind));
      }
    },
  );

  const title = target.editing
    ? t('connections.form.editTitle', { name: target.editing.displayName })
    : t('connections.form.createTitle', { kind: kindLabel(target.kind) });

  return (
    <FormModal
      title={title}
      open
      okText={editing ? t('common.save') : t('connections.form.connect')}
      saving={saving}
      form={form}
      onClose={onClose}
    >
      <Form<ConnectionFormValues>
        form={form}
        layout="vertical"
        name="connection"
        preserve={false}
        onFinish={submit}
        initialValues={editing ? connectionToForm(editing) : { encryptMode: 'safe' }}
      >
        {!editing && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(`connections.form.intro.${target.kind}`)}
          />
        )}
        {editing && (
          <Typography.Paragraph type="secondary">
            {t('connections.form.editIntro')}
          </Typography.Paragraph>
        )}
        <ConnectionFields kind={target.kind} editing={editing} />
      </Form>
    </FormModal>
  );
}
