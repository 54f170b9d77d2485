import { Input, type InputProps } from 'antd';
import { useEffect, useState } from 'react';

type Props = Omit<InputProps, 'value' | 'onChange'> & {
  value: string;
  /** Called once typing is done: on Enter or when the field loses focus. */
  onCommit(value: string): void;
};

/** A text field whose value reaches the list view (and the URL) when typing is done. */
export function DraftInput({ value, onCommit, ...props }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <Input
      {...props}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onPressEnter={commit}
    />
  );
}
