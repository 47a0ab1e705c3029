import { describe, expect, it } from 'vitest';
import { formatClock, formatTime } from '../../../components/sidepanel/format';

describe('formatClock', () => {
  it('writes the time of day as the panel writes it in a date, and nothing for no time', () => {
    const iso = '2026-11-23T19:47:00.000Z';
    expect(formatClock(iso)).not.toBe('');
    expect(formatTime(iso).endsWith(formatClock(iso))).toBe(true);
    expect(formatClock(null)).toBe('');
    expect(formatClock('not a time')).toBe('');
  });
});
