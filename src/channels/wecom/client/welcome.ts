import type { ApiCaller } from '../../shared/api-call.js';
import { attachmentsToWire, textToWire, type Attachment } from './attachments.js';

export interface WelcomeMessage {
  /** From the add-contact event; valid for 20 seconds and usable once. */
  welcomeCode: string;
  text?: string;
  /** Up to 9. */
  attachments?: Attachment[];
}

/**
 * Sends the welcome message of a new contact. Errors worth telling apart: kind `already_done`
 * (41051, the code was used: do not retry) and `conflict` (41096, another app is sending: a
 * retry may work while the code is valid).
 *
 * Retried even after a timeout: the platform accepts a welcome code once, so a repeat of a
 * send that did go through answers 41051 instead of sending twice.
 */
export function welcomeApi(api: ApiCaller) {
  return {
    async send(message: WelcomeMessage): Promise<void> {
      await api.post('/cgi-bin/externalcontact/send_welcome_msg', {
        welcome_code: message.welcomeCode,
        text: textToWire(message.text),
        attachments: attachmentsToWire(message.attachments),
      });
    },
  };
}

export type WelcomeApi = ReturnType<typeof welcomeApi>;
