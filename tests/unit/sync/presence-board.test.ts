import { describe, expect, it } from 'vitest';
import { createPresenceBoard, PRESENCE_TTL_MS } from '../../../lib/sync/presence';

describe('presence board', () => {
  it('keeps the latest activity per member and post, newest first, for a minute', () => {
    let now = 1_000_000;
    const board = createPresenceBoard({ now: () => now });
    const at = '2026-01-01T10:00:00.000Z';
    board.record({ memberHandle: 'sam', postKey: 'x:1', activity: 'viewing', at });
    now += 1000;
    board.record({ memberHandle: 'lee', postKey: 'x:1', activity: 'viewing', at });
    now += 1000;
    board.record({ memberHandle: 'sam', postKey: 'x:1', activity: 'answering', at });
    expect(board.at('x:1').map((p) => [p.memberHandle, p.activity])).toEqual([
      ['sam', 'answering'],
      ['lee', 'viewing'],
    ]);
    expect(board.at('x:1', 'sam').map((p) => p.memberHandle)).toEqual(['lee']);
    expect(board.at('x:2')).toEqual([]);
    board.record({ memberHandle: 'lee', postKey: 'x:1', activity: 'left', at });
    expect(board.at('x:1').map((p) => p.memberHandle)).toEqual(['sam']);
    now += PRESENCE_TTL_MS + 1;
    expect(board.at('x:1')).toEqual([]);
  });
});
