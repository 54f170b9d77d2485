/**
 * The formats the server accepts (src/modules/connections/connection.schemas.ts), checked in
 * the form so a typo is caught before saving, and random Token / EncodingAESKey values.
 */
export const credentialPatterns = {
  corpId: /^w[wx][0-9A-Za-z]{16}$/,
  appId: /^wx[0-9A-Za-z]{16}$/,
  secret: /^[0-9A-Za-z_-]{16,128}$/,
  token: /^[0-9A-Za-z]{3,32}$/,
  aesKey: /^[0-9A-Za-z]{43}$/,
} as const;

export const maxAgentId = 2_147_483_647;

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` letters and digits from the browser's cryptographic random source. */
function randomAlphanumeric(length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** A callback Token: 32 letters and digits (the admin consoles accept up to 32). */
export const generateToken = (): string => randomAlphanumeric(32);

/** An EncodingAESKey: exactly 43 letters and digits. */
export const generateAesKey = (): string => randomAlphanumeric(43);
