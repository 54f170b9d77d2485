import { Form } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n';
import { FormModal } from '../../users/components/FormModal';
import { useSaving } from '../../users/hooks/useSaving';

type Values = Record<string, unknown>;

interface Props {
  title: string;
  open: boolean;
  initialValues?: Values;
  onClose(): void;
  /** Resolves true when done (the dialog closes), false to keep it open. */
  onSubmit(values: Values): Promise<boolean>;
  children: ReactNode;
}

/** A dialog around the form of one sandbox action. */
export function ActionModal({ title, open, initialValues, onClose, onSubmit, children }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useSaving(
    async (values: Values) => {
      if (await onSubmit(values)) onClose();
    },
    () => undefined,
  );
  return (
    <FormModal
      title={title}
      open={open}
      okText={t('sandbox.run')}
      saving={saving}
      form={form}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={initialValues}
      >
        {children}
      </Form>
    </FormModal>
  );
}
