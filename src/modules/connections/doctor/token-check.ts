import { errcodeOf, explainFailure, type PlatformWords } from './api-failure.js';
import { text, type DraftCheck, type Text } from './check.js';

export interface TokenCheckInput {
  id: string;
  title: Text;
  words: PlatformWords;
  /** Gets an access token (cached or new). */
  verify: () => Promise<void>;
  /** The platform-specific reading of an errcode; undefined falls back to the common one. */
  explain: (errcode: number | null | undefined) => DraftCheck | undefined;
}

/** Can the stored credentials get an access token? Everything else depends on it. */
export async function tokenCheck(input: TokenCheckInput): Promise<DraftCheck> {
  const { id, title, words } = input;
  try {
    await input.verify();
    return {
      id,
      status: 'ok',
      title,
      detail: text(
        `${words.name.en} issued an access token.`,
        `${words.name.zh}已签发 access_token。`,
      ),
      fix: null,
    };
  } catch (error) {
    return input.explain(errcodeOf(error)) ?? explainFailure(id, title, error, words);
  }
}
