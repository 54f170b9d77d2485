import { Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n';

interface Props {
  title: ReactNode;
  open: boolean;
  okText: string;
  saving: boolean;
  /** OK submits this form; its `onFinish` does the work. */
  form: FormInstance;
  onClose(): void;
  children: ReactNode;
}

/** A dialog around one form: OK submits it, Cancel closes; the form starts afresh each time. */
export function FormModal({ title, open, okText, saving, form, onClose, children }: Props) {
  const t = useT();
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}
