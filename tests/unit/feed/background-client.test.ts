import { describe, expect, it } from 'vitest';
import { createBackgroundClient } from '../../../lib/feed/background-client';

describe('background client', () => {
  it('passes the answer through', async () => {
    const ask = createBackgroundClient(async () => ({ ok: true, summaries: {} }));
    expect(await ask('history.summary', { customerKeys: [] })).toEqual({ ok: true, summaries: {} });
  });

  it('turns a reloaded extension into a message the person can act on, never a throw', async () => {
    const ask = createBackgroundClient(async () => {
      throw new Error('Extension context invalidated.');
    });
    expect(await ask('sidepanel.open', { customerKey: 'x:dana' })).toEqual({
      ok: false,
      error: 'Switchboard was updated or reloaded: reload this page to reconnect.',
    });
  });

  it('treats a missing or odd answer as a failure', async () => {
    for (const answer of [undefined, null, 'yes', 42, {}]) {
      const ask = createBackgroundClient(async () => answer);
      expect(await ask('history.summary', { customerKeys: [] })).toMatchObject({ ok: false });
    }
  });
});
