/**
 * `npm run eval [-- --errors NAME] [--only NAME]`: the inference engine (generic mode, no team
 * terms) over the dev sets in ../shared/data (read in place, never copied: their licences allow
 * evaluation only) and over the project's own labelled examples in tests/inference-examples/.
 * Prints per-class precision, recall and F1, macro-F1 over the stages present, department
 * accuracy and the confusion matrix, per data set.
 *
 * `--errors NAME` lists the wrong answers of one data set, grouped by (gold, predicted) cell,
 * at most `--per N` (default 12) per cell, spread over the cell (for tuning on dev parts only;
 * the held-out examples are for the final figure).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Department, Stage } from '../lib/model';
import { infer } from '../lib/inference';
import { parseCsv } from './classify';

interface Example {
  id: string;
  text: string;
  stage: Stage;
  department: Department;
}

interface DataSet {
  name: string;
  note: string;
  examples: Example[];
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const sharedData = path.resolve(repoRoot, '..', 'shared', 'data');
const ownDir = path.join(repoRoot, 'tests', 'inference-examples');
const STAGES: Stage[] = ['none', 'pre-purchase', 'purchase', 'post-purchase'];
const DEPARTMENTS: Department[] = ['none', 'marketing', 'pr', 'sales', 'service'];
/**
 * First ids of the held-out batches measured before any rule change made after them
 * (tests/inference-examples/README.md), oldest first; each is also reported on its own.
 */
const HELDOUT_BATCHES = [251, 333, 439];
const SHORT: Record<Stage, string> = { none: 'none', 'pre-purchase': 'pre', purchase: 'buy', 'post-purchase': 'post' };

function readCsvObjects(file: string): Array<Record<string, string>> {
  const records = parseCsv(readFileSync(file, 'utf8'));
  const header = records.shift();
  if (!header) return [];
  return records
    .filter((r) => !r.error)
    .map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i] ?? ''])));
}

const INTENT_MAP: Record<string, [Stage, Department]> = {
  BOOKFLT: ['purchase', 'sales'],
  NEWFEAT: ['pre-purchase', 'marketing'],
};
for (const tag of ['DELAY', 'BAGGAGE', 'CHECKIN', 'CHGFLT', 'CUSTSUPP', 'REWARDS', 'INFLIGHTENT', 'INFLIGHTFACS', 'TERMOPS', 'TERMFACS', 'FLIGHTSTAFF']) {
  INTENT_MAP[tag] = ['post-purchase', 'service'];
}

/** The intents set wraps tweets as `<cust__ … __cust>` and replaces handles by placeholders. */
function cleanUtterance(s: string): string {
  return s
    .replace(/^<cust__/, '')
    .replace(/__cust>$/, '')
    .replace(/__company__/g, '@company')
    .replace(/__cust__/g, '@someone')
    .trim();
}

function airlineIntents(): DataSet | string {
  const file = path.join(sharedData, 'airline-intents', 'airlines_labeled_raw.csv');
  if (!existsSync(file)) return `${file} not found`;
  const examples: Example[] = [];
  for (const row of readCsvObjects(file)) {
    const mapped = INTENT_MAP[row.tag ?? ''];
    if (!mapped) continue; // OTHER (and anything unknown) is left out
    examples.push({ id: row.first_tweet_id ?? '', text: cleanUtterance(row.first_utterance ?? ''), stage: mapped[0], department: mapped[1] });
  }
  return { name: 'airline-intents', note: 'first_utterance only; OTHER left out', examples };
}

function airlineSentiment(): DataSet | string {
  const file = path.join(sharedData, 'airline-sentiment', 'tweets.csv');
  if (!existsSync(file)) return `${file} not found`;
  const examples: Example[] = [];
  for (const row of readCsvObjects(file)) {
    const sentiment = row.airline_sentiment;
    const reason = row.negativereason ?? '';
    let label: [Stage, Department] | null = null;
    if (sentiment === 'positive') label = ['post-purchase', 'marketing'];
    else if (sentiment === 'negative' && reason !== "Can't Tell" && reason !== 'Flight Booking Problems' && reason !== '') {
      label = ['post-purchase', 'service'];
    }
    if (!label) continue;
    examples.push({ id: row.tweet_id ?? '', text: row.text ?? '', stage: label[0], department: label[1] });
  }
  return {
    name: 'airline-sentiment',
    note: 'negative (reason not "Can\'t Tell"/"Flight Booking Problems") → post/service; positive → post/marketing; neutral left out',
    examples,
  };
}

function ownExamples(): DataSet[] {
  if (!existsSync(ownDir)) return [];
  return readdirSync(ownDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => ({
      name: `own-${f.replace(/\.jsonl$/, '')}`,
      note: `tests/inference-examples/${f}`,
      examples: readFileSync(path.join(ownDir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Example),
    }));
}

export interface Report {
  name: string;
  n: number;
  macroF1: number;
  departmentAccuracy: number;
  stageAccuracy: number;
  lines: string[];
}

const pct = (x: number): string => x.toFixed(3);

export function evaluate(set: DataSet, showErrors = false, perCell = 12): Report {
  const confusion = new Map<string, number>();
  const departments = new Map<string, number>();
  let deptRight = 0;
  let stageRight = 0;
  const errors = new Map<string, string[]>();
  for (const ex of set.examples) {
    const r = infer(ex.text);
    const key = `${ex.stage}|${r.stage}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    const dkey = `${ex.department}|${r.department}`;
    departments.set(dkey, (departments.get(dkey) ?? 0) + 1);
    if (r.department === ex.department) deptRight++;
    if (r.stage === ex.stage) stageRight++;
    if (showErrors && (r.stage !== ex.stage || r.department !== ex.department)) {
      const cell = `${SHORT[ex.stage]}/${ex.department} → ${SHORT[r.stage]}/${r.department}`;
      const list = errors.get(cell) ?? [];
      list.push(`    ${ex.text.replace(/\s+/g, ' ').slice(0, 160)}  [${r.signals.map((s) => `${s.name}:${s.matched}`).join('; ')}]`);
      errors.set(cell, list);
    }
  }
  const count = (gold: Stage | null, pred: Stage | null): number => {
    let n = 0;
    for (const [k, v] of confusion) {
      const [g, p] = k.split('|');
      if ((gold === null || g === gold) && (pred === null || p === pred)) n += v;
    }
    return n;
  };
  const lines: string[] = [];
  lines.push(`== ${set.name} (${set.examples.length} posts; ${set.note})`);
  lines.push(`  ${'class'.padEnd(14)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)} ${'support'.padStart(8)}`);
  const f1s: number[] = [];
  for (const c of STAGES) {
    const tp = count(c, c);
    const support = count(c, null);
    const predicted = count(null, c);
    const p = predicted ? tp / predicted : 0;
    const r = support ? tp / support : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    if (support > 0) f1s.push(f1);
    if (support === 0 && predicted === 0) continue;
    lines.push(`  ${c.padEnd(14)} ${pct(p).padStart(9)} ${pct(r).padStart(7)} ${pct(f1).padStart(6)} ${String(support).padStart(8)}`);
  }
  const macroF1 = f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length);
  const n = set.examples.length;
  lines.push(`  macro-F1 over the ${f1s.length} stage(s) present: ${pct(macroF1)}   stage accuracy: ${pct(stageRight / n)}   department accuracy: ${pct(deptRight / n)}`);
  lines.push(`  confusion (rows gold, columns predicted):`);
  lines.push(`  ${''.padEnd(6)}${STAGES.map((s) => SHORT[s].padStart(7)).join('')}`);
  for (const g of STAGES) {
    if (count(g, null) === 0) continue;
    lines.push(`  ${SHORT[g].padEnd(6)}${STAGES.map((p) => String(count(g, p)).padStart(7)).join('')}`);
  }
  lines.push(`  departments (rows gold, columns predicted):`);
  lines.push(`  ${''.padEnd(10)}${DEPARTMENTS.map((d) => d.padStart(10)).join('')}`);
  for (const g of DEPARTMENTS) {
    const row = DEPARTMENTS.map((p) => departments.get(`${g}|${p}`) ?? 0);
    if (row.every((v) => v === 0)) continue;
    lines.push(`  ${g.padEnd(10)}${row.map((v) => String(v).padStart(10)).join('')}`);
  }
  if (showErrors) {
    const cells = [...errors].sort((a, b) => b[1].length - a[1].length);
    lines.push(`  wrong answers (${cells.reduce((n, [, l]) => n + l.length, 0)}), by cell:`);
    for (const [cell, list] of cells) {
      lines.push(`  ${cell} (${list.length})`);
      // Spread the sample over the cell rather than taking its first rows.
      const step = Math.max(1, Math.floor(list.length / perCell));
      for (let i = 0, shown = 0; i < list.length && shown < perCell; i += step, shown++) lines.push(list[i] as string);
    }
  }
  return { name: set.name, n, macroF1, departmentAccuracy: deptRight / n, stageAccuracy: stageRight / n, lines };
}

/**
 * Crew, agents, staff, or a first name after "shout out to" / "thanks to" / "kudos to", or before
 * "at/on/from gate|flight|ABC". A rough cut, for the check below only; the engine does not use it.
 */
const STAFF_WORDS = /\b(crew|flight attendants?|FAs?|agents?|pilots?|captain|staff|employees?|reps?|attendants?|team members?|steward(ess)?|baggage handlers?|CSR|supervisor|manager)\b/i;
const STAFF_NAMED = /\b(shout ?-?out to|thank(s| you)( so much)?,? (to )?|kudos to|props to|big thanks to)\s+[A-Z][a-z]+|\b[A-Z][a-z]+ (at|on|from|in) (gate|the gate|flight|[A-Z]{3}\b)/;

/**
 * The two airline sets label the same kind of post in opposite ways: praise for named staff is
 * FLIGHTSTAFF (service) in airline-intents and positive (marketing) in airline-sentiment. This
 * prints what sending such praise to service instead of marketing would do to each set's
 * department accuracy, so that nobody tunes the engine to one set at the other's cost unseen.
 */
function staffPraiseCheck(sets: DataSet[]): string[] {
  const lines = ['staff praise (the engine says post-purchase/marketing, the text names crew, agents or staff):'];
  for (const set of sets) {
    let right = 0;
    let praise = 0;
    let praiseGoldService = 0;
    let rightIfService = 0;
    for (const ex of set.examples) {
      const r = infer(ex.text);
      const staffPraise = r.stage === 'post-purchase' && r.department === 'marketing' && (STAFF_WORDS.test(ex.text) || STAFF_NAMED.test(ex.text));
      if (r.department === ex.department) right++;
      if (staffPraise) {
        praise++;
        if (ex.department === 'service') praiseGoldService++;
      }
      if ((staffPraise ? 'service' : r.department) === ex.department) rightIfService++;
    }
    const n = set.examples.length;
    lines.push(`  ${set.name.padEnd(20)} ${String(praise).padStart(5)} such posts, ${String(praiseGoldService).padStart(4)} labelled service; department accuracy ${pct(right / n)} as is, ${pct(rightIfService / n)} if they went to service`);
  }
  return lines;
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): string | null => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] ?? null) : null;
  };
  const errorsFor = flag('--errors');
  const only = flag('--only');
  const perCell = Number(flag('--per') ?? 12);
  const sets: DataSet[] = [];
  if (!existsSync(sharedData)) {
    console.log(`eval: ${sharedData} is absent: dev sets skipped (own examples only)`);
  } else {
    for (const load of [airlineIntents, airlineSentiment]) {
      const set = load();
      if (typeof set === 'string') console.log(`eval: skipped: ${set}`);
      else sets.push(set);
    }
  }
  const own = ownExamples();
  sets.push(...own);
  // Each held-out batch also on its own: it was measured before any rule change made after it.
  const heldout = own.find((s) => s.name === 'own-heldout');
  if (heldout) {
    HELDOUT_BATCHES.forEach((first, i) => {
      const next = HELDOUT_BATCHES[i + 1] ?? Infinity;
      const batch = heldout.examples.filter((e) => {
        const n = Number(e.id.replace(/^heldout-/, ''));
        return n >= first && n < next;
      });
      if (!batch.length) return;
      const name = next === Infinity ? `own-heldout-${first}on` : `own-heldout-${first}-${next - 1}`;
      const note = next === Infinity ? `heldout-${first}… only` : `heldout-${first}…${next - 1} only`;
      sets.push({ name, note, examples: batch });
    });
  }
  const summary: string[] = [];
  const dev = sets.filter((s) => s.name.startsWith('airline-'));
  if (dev.length > 1 && !only) {
    sets.splice(dev.length, 0, { name: 'dev-sets-pooled', note: 'both airline sets together', examples: dev.flatMap((s) => s.examples) });
  }
  for (const set of sets) {
    if (only && set.name !== only) continue;
    const report = evaluate(set, errorsFor === set.name, perCell);
    console.log(report.lines.join('\n') + '\n');
    summary.push(`  ${report.name.padEnd(20)} ${String(report.n).padStart(6)}   ${pct(report.macroF1).padStart(8)}   ${pct(report.departmentAccuracy).padStart(10)}`);
  }
  console.log(`summary (generic mode, no team terms)\n  ${'set'.padEnd(20)} ${'posts'.padStart(6)}   macro-F1   dept. acc.`);
  console.log(summary.join('\n'));
  if (dev.length > 1 && !only) console.log('\n' + staffPraiseCheck(dev).join('\n'));
}

main();
