import type { MessageKey, Messages } from './messages';

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Looks a key up and fills `{name}` placeholders; an unknown placeholder is left as written. */
export function createTranslate(messages: Messages): Translate {
  return (key, params) => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}
