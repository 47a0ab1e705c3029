/**
 * `node --import tsx scripts/inference-fingerprint.ts [OUT]`: one SHA-256 over every answer of the
 * inference engine (stage, department, confidence, hint, signals) for the project's labelled
 * examples, the dev sets in ../shared/data (read in place when present), 3,000 synthetic posts,
 * hostile posts and a few edge cases, with and without team terms. A change meant to make the
 * engine faster must leave it unchanged; OUT (optional) gets the answers, one JSON line each, to
 * diff when it does not.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { infer } from '../lib/inference';
import { parseCsv } from './classify';

const repoRoot = path.resolve(import.meta.dirname, '..');
const texts: string[] = [];
const own = path.join(repoRoot, 'tests', 'inference-examples');
for (const file of readdirSync(own).filter((f) => f.endsWith('.jsonl')).sort()) {
  for (const line of readFileSync(path.join(own, file), 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
}
const shared = path.resolve(repoRoot, '..', 'shared', 'data');
for (const [file, column] of [['airline-intents/airlines_labeled_raw.csv', 'first_utterance'], ['airline-sentiment/tweets.csv', 'text']] as const) {
  const full = path.join(shared, file);
  if (!existsSync(full)) continue;
  const records = parseCsv(readFileSync(full, 'utf8'));
  const header = records.shift()?.fields ?? [];
  const at = header.indexOf(column);
  for (const r of records) texts.push(r.fields[at] ?? '');
}
const WORDS = ('my order never arrived how much is the price of this in stock ship to canada love my new thanks for the quick help refund ' +
  'still waiting on hold for hours the app keeps crashing where can I buy it which is better thinking about getting one someday good ' +
  'morning everyone happy friday lol the game last night was wild @brand #sale 😍 🙄 ! ? , . new flight delayed customer service not ' +
  'working can you help me please dm me the link worst experience ever').split(' ');
let seed = 7;
const next = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
for (let i = 0; i < 3000; i++) {
  let s = '';
  const length = 20 + Math.floor(next() * 600);
  while (s.length < length) s += (WORDS[Math.floor(next() * WORDS.length)] as string) + (next() < 0.1 ? '. ' : ' ');
  texts.push(s);
}
const N = 100_000;
texts.push(' '.repeat(N), 'a'.repeat(N), 'where can i bu '.repeat(N / 15), 'my order never arrived '.repeat(N / 23), '?!.,;:'.repeat(N / 6),
  '😂🔥👍🏽'.repeat(N / 8), '\ud83d'.repeat(N), 'e\u0301\u0301\u0301'.repeat(N / 4), '这家店的服务太差了'.repeat(N / 9), 'где мой заказ '.repeat(N / 14), '@a #b '.repeat(N / 6));
texts.push('', 'Ça va? Élan — “quoted” ‘curly’ don’t I’m', 'İstanbul ǅ ß ﬁ ΟΔΟΣ my order', 'price $75 and £20 €3 #12345 3k 10k :) :( <3 :-D', 'my new phone is broken 🙃', 'thanks for the 2 hour wait', 'X'.repeat(50));
const terms = { brands: ['Delta', 'acme'], handles: ['@united'], products: ['iphone', 'pixel 8'], competitors: ['@jetblue', 'verizon'] };
const many = { ...terms, products: Array.from({ length: 60 }, (_, i) => `product ${i}`).concat(['iphone']) };
const out: string[] = [];
for (const t of texts) out.push(JSON.stringify(infer(t)));
for (const t of texts.slice(0, 2000)) out.push(JSON.stringify(infer(t, { terms })));
for (const t of texts.slice(0, 500)) out.push(JSON.stringify(infer(t, { terms: many })));
const body = out.join('\n');
if (process.argv[2]) writeFileSync(process.argv[2], body);
console.log(`${texts.length} posts, ${out.length} answers: ${createHash('sha256').update(body).digest('hex')}`);
