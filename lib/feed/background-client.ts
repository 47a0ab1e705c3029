import type { Failure, MessageName, RequestOf, ResponseOf } from '../messaging';

/**
 * The content script's side of the message protocol. It imports only types: the background
 * validates every request with zod, and this keeps the schemas out of the page's bundle.
 */
export type Send = (envelope: { name: MessageName; payload: unknown }) => Promise<unknown>;

export function createBackgroundClient(send: Send) {
  return async function ask<N extends MessageName>(name: N, payload: RequestOf<N>): Promise<ResponseOf<N> | Failure> {
    try {
      const answer = (await send({ name, payload })) as ResponseOf<N> | Failure | undefined;
      if (!answer || typeof answer !== 'object' || !('ok' in answer)) {
        return { ok: false, error: 'Switchboard did not answer: reload the page.' };
      }
      return answer;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/context invalidated|receiving end does not exist|message port closed/i.test(message)) {
        return { ok: false, error: 'Switchboard was updated or reloaded: reload this page to reconnect.' };
      }
      return { ok: false, error: message || 'Switchboard could not be reached.' };
    }
  };
}

export type AskBackground = ReturnType<typeof createBackgroundClient>;
