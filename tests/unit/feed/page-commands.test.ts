import { describe, expect, it } from 'vitest';
import { isPageCommand } from '../../../lib/feed/page-commands';

describe('page commands', () => {
  it('accepts the three commands in their shapes and nothing else', () => {
    expect(isPageCommand({ name: 'badges.toggle' })).toBe(true);
    expect(isPageCommand({ name: 'history.changed' })).toBe(true);
    expect(isPageCommand({ name: 'presence.changed', postKeys: ['x:1'] })).toBe(true);
    for (const bad of [null, 'badges.toggle', {}, { name: 'presence.changed' }, { name: 'presence.changed', postKeys: [1] }, { name: 'db.drop' }]) {
      expect(isPageCommand(bad)).toBe(false);
    }
  });
});
