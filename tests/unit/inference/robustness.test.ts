import { describe, expect, it } from 'vitest';
import { InferenceSchema } from '../../../lib/model';
import { infer } from '../../../lib/inference';

/** Generous: the engine takes well under a millisecond; this catches blow-ups, not slowness. */
const BOUND_MS = 500;

/**
 * The best of a few runs: a blow-up is slow every time, while a garbage collection or the process
 * waiting for a core on a busy machine lands on one run only.
 */
function timed(text: string, runs = 3): { ms: number; ok: boolean } {
  let ms = Infinity;
  let ok = true;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const r = infer(text);
    ms = Math.min(ms, performance.now() - t0);
    ok &&= InferenceSchema.safeParse(r).success;
  }
  return { ms, ok };
}

const N = 100_000;
const adversarial: Array<[string, string]> = [
  ['100,000 spaces', ' '.repeat(N)],
  ['spaces then a cue', ' '.repeat(N - 20) + 'how much is it?'],
  ['one 100,000-letter word', 'a'.repeat(N)],
  ['repeated near-matches of a phrase', 'where can i bu '.repeat(N / 15)],
  ['repeated full phrases', 'where can i buy '.repeat(N / 16)],
  ['repeated negations', 'not not never no '.repeat(N / 17)],
  ['repeated possessives', 'my my my new '.repeat(N / 13)],
  ['punctuation storm', '?!.,;:'.repeat(N / 6)],
  ['emoji only', '😂🔥👍🏽'.repeat(N / 8)],
  ['lone high surrogates', '\ud83d'.repeat(N)],
  ['lone low surrogates', '\ude00a'.repeat(N / 2)],
  ['alternating surrogate halves', '\udc00\ud800'.repeat(N / 2)],
  ['combining marks', 'e\u0301\u0301\u0301'.repeat(N / 4)],
  ['zero-width joiners', 'a\u200d'.repeat(N / 2)],
  ['mentions and hashtags', '@a #b '.repeat(N / 6)],
  ['apostrophes', "'a'".repeat(N / 3)],
  ['numbers and money', '$1 2 hours #3 '.repeat(N / 14)],
  ['emoticons', ':) :( <3 '.repeat(N / 9)],
  ['newlines', '\n\r'.repeat(N / 2)],
  ['CJK', '这家店的服务太差了'.repeat(N / 9)],
  ['RTL and bidi controls', 'أين\u202eطلبي\u202c '.repeat(N / 10)],
];

describe('infer: hostile input', () => {
  it.each(adversarial)('%s: answers in linear time, never throws', (_name, text) => {
    expect(text.length).toBeGreaterThan(N * 0.9);
    const { ms, ok } = timed(text);
    expect(ok).toBe(true);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \t\n '],
    ['emoji only', '🙌🙌🙌'],
    ['a lone surrogate', '\ud83d'],
    ['NUL bytes', '\u0000\u0000'],
  ])('%s → none', (_name, text) => {
    const r = infer(text);
    expect(r.stage).toBe('none');
    expect(r.department).toBe('none');
    expect(InferenceSchema.safeParse(r).success).toBe(true);
  });

  it('non-strings do not throw', () => {
    for (const bad of [undefined, null, 42, {}, [], Symbol('x')]) {
      expect(infer(bad as unknown as string).stage).toBe('none');
    }
  });

  it('every Unicode code point, in one post and one at a time in blocks', () => {
    const parts: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) parts.push(String.fromCharCode(cp));
      else parts.push(String.fromCodePoint(cp));
    }
    const all = parts.join('');
    const t0 = performance.now();
    for (let i = 0; i < all.length; i += 5_000) {
      const r = infer(all.slice(i, i + 5_000));
      expect(r.stage).toBe('none');
    }
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('reads only the start of a huge post, so time does not grow with its length', () => {
    const cue = 'my order never arrived. ';
    const small = timed(cue.repeat(400), 5);
    const huge = timed(cue.repeat(40_000), 5);
    expect(huge.ms).toBeLessThan(Math.max(50, small.ms * 20));
    expect(infer(cue.repeat(40_000)).stage).toBe('post-purchase');
  });

  it('does not change the text it reads', () => {
    const text = 'how much is it? 😍';
    const copy = `${text}`;
    infer(text);
    expect(text).toBe(copy);
  });
});
