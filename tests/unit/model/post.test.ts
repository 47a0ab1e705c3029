import { describe, expect, it } from 'vitest';
import { capText, customerKey, PostRefSchema } from '../../../lib/model';

describe('model', () => {
  it('caps text without splitting a surrogate pair', () => {
    const text = 'a'.repeat(999) + '😀';
    expect(capText(text)).toBe('a'.repeat(999));
    expect(capText('short')).toBe('short');
  });

  it('keys customers in lower case', () => {
    expect(customerKey('x', 'Dana_R')).toBe('x:dana_r');
  });

  it('rejects a post whose author handle is not a handle', () => {
    const result = PostRefSchema.safeParse({
      site: 'x', postId: '1', permalink: null, author: '<img src=x>', authorName: '', text: '',
      postedAt: null, repostedBy: null, flags: {},
    });
    expect(result.success).toBe(false);
  });
});
