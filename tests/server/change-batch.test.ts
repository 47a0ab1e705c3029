import { describe, expect, it } from 'vitest';
import { ChangeBatch } from '../../server/services/context';

/** The change log holds exactly what pulls may send: each change is checked as it is written. */
const observation = {
  id: '01890000-0000-7000-8000-0000000000a1',
  customerKey: 'x:ann',
  post: { site: 'x', postId: '1', postKey: 'x:1', permalink: 'https://x.com/ann/status/1', text: 'Is it in stock?', postedAt: null },
  stage: 'purchase',
  department: 'sales',
  confidence: 0.8,
  observedAt: '2026-11-23T10:00:00.000Z',
  observedBy: 'sam',
};

describe('ChangeBatch', () => {
  it('keeps a change that matches the pull schema, as parsed', () => {
    const batch = new ChangeBatch();
    batch.change({ kind: 'observation', recordId: observation.id, customerKey: 'x:ann', payload: { ...observation, internalNote: 'not for pulls' } });
    batch.change({ kind: 'customer.erased', recordId: null, customerKey: 'x:bob', payload: { customerKey: 'x:bob' } });
    expect(batch.changes.map((change) => change.payload)).toEqual([observation, { customerKey: 'x:bob' }]);
  });

  it('refuses a change a pull could not send, so the transaction fails instead', () => {
    const batch = new ChangeBatch();
    expect(() =>
      batch.change({ kind: 'observation', recordId: observation.id, customerKey: 'x:ann', payload: { ...observation, stage: 'maybe' } }),
    ).toThrow(/observation change does not match the pull's schema/);
    expect(() => batch.change({ kind: 'customer.erased', recordId: null, customerKey: 'x:bob', payload: {} })).toThrow(/customer.erased/);
    expect(batch.changes).toEqual([]);
  });
});
