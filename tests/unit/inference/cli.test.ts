import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../scripts/classify';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** Runs the real command line tool, as `npm run --silent classify` does. */
function classify(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/classify.ts', ...args], {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = r.stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, lines, stderr: r.stderr };
}

describe('classify command line', () => {
  it('JSON lines in, one JSON line out per post, in order; blank lines skipped; exit 0', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'how much is the blue one?', author: 'ignored' }),
      '',
      JSON.stringify({ id: 'b', text: 'my order never arrived' }),
      '   ',
      JSON.stringify({ id: 'c', text: 'good morning everyone' }),
    ].join('\n');
    const { status, lines, stderr } = classify([], input);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(lines[0]).toMatchObject({ stage: 'purchase', department: 'sales' });
    expect(lines[1]).toMatchObject({ stage: 'post-purchase', department: 'service' });
    expect(lines[2]).toMatchObject({ stage: 'none', department: 'none' });
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['confidence', 'department', 'id', 'signals', 'stage']);
      expect(typeof l.confidence).toBe('number');
      expect(Array.isArray(l.signals) && (l.signals as unknown[]).every((s) => typeof s === 'string')).toBe(true);
    }
    expect(lines[0]!.signals).toContain('price-question');
  });

  it('a malformed line gives an error line with the id when known, the run goes on, exit 1', () => {
    const input = [
      JSON.stringify({ id: 'ok1', text: 'do you ship to Canada' }),
      '{"id": "broken", "text": "unterminated',
      JSON.stringify({ id: 'notext' }),
      '[1,2,3]',
      JSON.stringify({ id: 7, text: 'numbers are fine as ids' }),
      JSON.stringify({ id: 'ok2', text: 'love my new jacket' }),
    ].join('\n');
    const { status, lines } = classify([], input);
    expect(status).toBe(1);
    expect(lines.map((l) => l.id)).toEqual(['ok1', 'broken', 'notext', null, '7', 'ok2']);
    expect(lines[1]!.error).toMatch(/JSON/);
    expect(lines[2]!.error).toMatch(/text/);
    expect(lines[3]!.error).toMatch(/object/);
    expect(lines[4]!.stage).toBeDefined();
    expect(lines[5]).toMatchObject({ stage: 'post-purchase' });
  });

  it('CSV with quoted fields, embedded newlines and "" escapes, custom text column, team terms', () => {
    const input = [
      'id,author,body',
      '1,x,"Is Globex cheaper, or should I wait?"',
      '2,y,"my package',
      'never came, ""tracking"" says delivered"',
      '3,z,plain text with no quotes',
    ].join('\r\n');
    const { status, lines } = classify(['--csv', '--text-column', 'body', '--brand', 'Acme', '--competitor', 'Globex'], input);
    expect(status).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['1', '2', '3']);
    expect(lines[0]!.signals).toContain('competitor-mention');
    expect(lines[1]).toMatchObject({ stage: 'post-purchase', department: 'service' });
  });

  it('bad options: usage on stderr, exit 2, nothing read', () => {
    for (const args of [['--bogus'], ['--brand'], ['--text-column'], ['--csv=yes']]) {
      const { status, stderr, lines } = classify(args, '{"id":"a","text":"x"}\n');
      expect(status, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/usage: npm run --silent classify/);
      expect(lines).toEqual([]);
    }
  });

  it('CSV without the needed columns fails with a clear error line, exit 1', () => {
    const { status, lines } = classify(['--csv'], 'foo,bar\n1,2\n');
    expect(status).toBe(1);
    expect(lines[0]!.error).toMatch(/"id" and "text"/);
  });
});

describe('parseCsv', () => {
  it('handles quotes, escapes, CRLF, embedded newlines, empty fields and a BOM', () => {
    const recs = parseCsv('\ufeffa,b,c\r\n1,"x, ""y""\nz",\n\n2,,"3"\n');
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"\nz', ''],
      ['2', '', '3'],
    ]);
    expect(recs[2]!.line).toBe(5);
  });

  it('reports a quote that never closes and text after a closing quote', () => {
    expect(parseCsv('a,b\n1,"open\n').at(-1)!.error).toMatch(/never closed/);
    expect(parseCsv('a,b\n1,"x"y\n').at(-1)!.error).toMatch(/after a closing quote/);
  });
});
