/**
 * `npm run --silent classify -- [--brand NAME]... [--handle NAME]... [--competitor NAME]...
 *   [--product NAME]... [--csv] [--text-column NAME] [--id-column NAME]`
 *
 * Posts in on standard input (JSON lines `{"id","text"}`, or CSV with a header row), one JSON line
 * out per post, in input order (CONTRACT section 4). A malformed line gives
 * `{"id": <id or null>, "error": "..."}` and the run goes on. Exit status: 0 when every line was
 * read, 1 when any failed, 2 on bad options.
 */
import { pathToFileURL } from 'node:url';
import { TeamTermsSchema, type TeamTerms } from '../lib/model';
import { infer } from '../lib/inference';

const USAGE = `usage: npm run --silent classify -- [--brand NAME]... [--handle NAME]... [--competitor NAME]... [--product NAME]... [--csv] [--text-column NAME] [--id-column NAME]
  reads JSON lines {"id": "...", "text": "..."} (or CSV with a header row when --csv is given) on standard input
  writes one JSON line per post: {"id", "stage", "department", "confidence", "signals"}`;

export interface Options {
  terms: TeamTerms;
  csv: boolean;
  textColumn: string;
  idColumn: string;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Options {
  const raw = { brands: [] as string[], handles: [] as string[], products: [] as string[], competitors: [] as string[] };
  let csv = false;
  let textColumn = 'text';
  let idColumn = 'id';
  const lists: Record<string, string[]> = {
    '--brand': raw.brands,
    '--handle': raw.handles,
    '--product': raw.products,
    '--competitor': raw.competitors,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      i++;
      return value;
    };
    if (name in lists) {
      const value = takeValue().trim();
      if (value.length === 0) throw new UsageError(`${name} needs a non-empty value`);
      (lists[name] as string[]).push(value);
    } else if (name === '--csv') {
      if (eq > 0) throw new UsageError('--csv takes no value');
      csv = true;
    } else if (name === '--text-column') {
      textColumn = takeValue();
    } else if (name === '--id-column') {
      idColumn = takeValue();
    } else if (name === '--help' || name === '-h') {
      throw new UsageError('');
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  const parsed = TeamTermsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`bad team terms: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { terms: parsed.data, csv, textColumn, idColumn };
}

/** One CSV record with the line it started on (1-based), or an error for a broken record. */
export interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

/**
 * RFC 4180 CSV: quoted fields with embedded commas, newlines and `""` escapes; CRLF or LF.
 * A quote that opens a field and never closes makes one error record at the end of the input.
 */
export function parseCsv(input: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedField = false;
  let junkAfterQuote = false;
  const n = input.length;
  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !quotedField;
    if (!blank) {
      const rec: CsvRecord = { line: recordLine, fields };
      if (junkAfterQuote) rec.error = 'text after a closing quote';
      records.push(rec);
    }
    fields = [];
    field = '';
    quotedField = false;
    junkAfterQuote = false;
  };
  let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < n; i++) {
    const c = input[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.length === 0 && !quotedField) {
      inQuotes = true;
      quotedField = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (quotedField) junkAfterQuote = true;
      field += c;
    }
  }
  if (inQuotes) {
    records.push({ line: recordLine, fields: [], error: 'a quoted field is never closed' });
  } else if (field.length > 0 || fields.length > 0 || quotedField) {
    endRecord();
  }
  return records;
}

export interface Post {
  id: string | null;
  text?: string;
  error?: string;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function postsFromJsonLines(input: string): Post[] {
  const posts: Post[] = [];
  const lines = input.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim().length === 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // Rescue the id for the error line when it is visible in the broken JSON.
      const m = /"id"\s{0,20}:\s{0,20}"([^"\\]{0,200})"/.exec(line.slice(0, 1000));
      posts.push({ id: m ? (m[1] as string) : null, error: `line ${i + 1}: not valid JSON` });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      posts.push({ id: null, error: `line ${i + 1}: expected a JSON object` });
      continue;
    }
    const obj = value as Record<string, unknown>;
    const id = idOf(obj.id);
    if (id === null) {
      posts.push({ id: null, error: `line ${i + 1}: "id" must be a string or a number` });
    } else if (typeof obj.text !== 'string') {
      posts.push({ id, error: `line ${i + 1}: "text" must be a string` });
    } else {
      posts.push({ id, text: obj.text });
    }
  }
  return posts;
}

export function postsFromCsv(input: string, idColumn: string, textColumn: string): Post[] | string {
  const records = parseCsv(input);
  const header = records.shift();
  if (!header) return 'empty input: a CSV header row is needed';
  if (header.error) return `header: ${header.error}`;
  const idAt = header.fields.indexOf(idColumn);
  const textAt = header.fields.indexOf(textColumn);
  if (idAt < 0 || textAt < 0) {
    return `the CSV header needs columns "${idColumn}" and "${textColumn}" (found: ${header.fields.join(', ')})`;
  }
  return records.map((rec): Post => {
    const id = rec.fields[idAt] ?? null;
    if (rec.error) return { id, error: `line ${rec.line}: ${rec.error}` };
    if (rec.fields.length !== header.fields.length) {
      return { id, error: `line ${rec.line}: ${rec.fields.length} fields, the header has ${header.fields.length}` };
    }
    return { id, text: rec.fields[textAt] as string };
  });
}

export function classifyLine(post: Post, terms: TeamTerms): string {
  if (post.error !== undefined || post.text === undefined) {
    return JSON.stringify({ id: post.id, error: post.error ?? 'no text' });
  }
  const r = infer(post.text, { terms });
  const names: string[] = [];
  for (const s of r.signals) if (!names.includes(s.name)) names.push(s.name);
  return JSON.stringify({ id: post.id, stage: r.stage, department: r.department, confidence: r.confidence, signals: names });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) process.stderr.write(`classify: ${error.message}\n`);
      process.stderr.write(USAGE + '\n');
      return 2;
    }
    throw error;
  }
  const input = await readStdin();
  const posts = options.csv ? postsFromCsv(input, options.idColumn, options.textColumn) : postsFromJsonLines(input);
  if (typeof posts === 'string') {
    process.stdout.write(JSON.stringify({ id: null, error: posts }) + '\n');
    return 1;
  }
  let failed = false;
  const out: string[] = [];
  for (const post of posts) {
    if (post.error !== undefined) failed = true;
    out.push(classifyLine(post, options.terms));
    if (out.length >= 1000) {
      process.stdout.write(out.join('\n') + '\n');
      out.length = 0;
    }
  }
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
  return failed ? 1 : 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`classify: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
