import type { CueStage, LanguagePack } from './types';
import { ASKER, CLAUSE_BREAKER, FOREIGN, LEAD_IN, NOT_ASKING_NEXT, QUESTION_STARTER, SOFT_STARTER, STOPWORD, stem, SUBJECT_VERB, tokenize, WordCache, type Keyer } from './tokenize';

export const STAGE_PRE = 0;
export const STAGE_BUY = 1;
export const STAGE_POST = 2;
export const NO_STAGE = -1;

/** Cue flags as bits (see `CueRow`). */
export const F = {
  question: 1,
  negatable: 2,
  context: 4,
  reputation: 8,
  media: 16,
  positive: 32,
  negative: 64,
  problem: 128,
  urgent: 256,
  churn: 512,
  praise: 1024,
  intent: 2048,
  chatter: 4096,
  sarcasm: 8192,
  acquired: 16384,
} as const;

const FLAG_LETTERS: Record<string, number> = {
  q: F.question,
  n: F.negatable,
  c: F.context,
  p: F.reputation,
  m: F.media,
  '+': F.positive,
  '-': F.negative,
  x: F.problem,
  u: F.urgent,
  h: F.churn,
  r: F.praise,
  i: F.intent,
  z: F.chatter,
  a: F.acquired,
};

/** Word-class bits, one lookup per distinct word instead of a Set per list per token. */
export const W = {
  clauseBreaker: CLAUSE_BREAKER,
  questionStarter: QUESTION_STARTER,
  stopword: STOPWORD,
  foreign: FOREIGN,
  negator: 16,
  blocker: 32,
  possessive: 64,
  possessiveSkip: 128,
  notOwned: 256,
  newWord: 512,
  oldWord: 1024,
  timeUnit: 2048,
  again: 4096,
  intentVerb: 8192,
  /** On the key: a verb of buying ("book", "order"). */
  purchaseVerb: 16384,
  contrast: 32768,
  concessive: 65536,
  waitContext: 131072,
  leadIn: LEAD_IN,
  asker: ASKER,
  /** On the key: a number (`0`). */
  number: 524288,
  newThingDay: 1048576,
  softStarter: SOFT_STARTER,
  notAskingNext: NOT_ASKING_NEXT,
  subjectVerb: SUBJECT_VERB,
  /** A brand's own post or account ("photo", "caption", "admin"): talk about it is a fan's reply. */
  content: 16777216,
  /** "or", "vs": between two choices. */
  alternative: 33554432,
  /** "until": a refusal that waits for something. */
  until: 67108864,
} as const;

/** Cue names the engine treats specially, as small integers (`Cue.special`). */
export const S = {
  other: 0,
  thanks: 1,
  gratitude: 2,
  blockedAttempt: 3,
  usageHelp: 4,
  usageTopic: 5,
  goingPublic: 6,
  resolved: 7,
  press: 8,
  bookingChange: 9,
  churn: 10,
  bought: 11,
} as const;

const SPECIAL: Record<string, number> = {
  thanks: S.thanks,
  gratitude: S.gratitude,
  'blocked-attempt': S.blockedAttempt,
  'usage-help': S.usageHelp,
  'usage-topic': S.usageTopic,
  'going-public': S.goingPublic,
  resolved: S.resolved,
  press: S.press,
  'booking-change': S.bookingChange,
  'churn-risk': S.churn,
  bought: S.bought,
};

/** Cues saying the author already owns or used something (a problem then is not a blocked purchase). */
const OWNERSHIP_CUES = new Set(['bought', 'order-status', 'refund-return', 'praise', 'booking-change', 'loyalty', 'churn-risk']);

export interface Cue {
  name: string;
  stage: number;
  weight: number;
  flags: number;
  /** One of `S`. */
  special: number;
  /** Says the author already owns or used something. */
  ownership: boolean;
}

/** What the engine asks of the cues ending at one trie node, computed once. */
export const N = {
  /** A thanking cue ("thanks", "thank you for"). */
  thanks: 1,
  /** Neither places the author nor says how they feel ("hours" as urgency). */
  incidental: 2,
  /** Names a problem or a bad feeling. */
  complains: 4,
} as const;

/**
 * The phrase trie, flattened into arrays. Node 0 is the root; `rootNext[id]` is the node after a
 * first word of vocabulary id `id` (0 when none). The children of node `k` are
 * `childIds/childNodes[childStart[k] … childStart[k+1])`, sorted by id; the cues ending at `k`
 * are `cueList[cueStart[k] … cueStart[k+1])`.
 */
export interface Trie {
  rootNext: Int32Array;
  childStart: Int32Array;
  childIds: Int32Array;
  childNodes: Int32Array;
  cueStart: Int32Array;
  cueList: Int32Array;
  /** `N` bits per node. */
  nodeBits: Uint8Array;
  /** The strongest weight among the node's cues. */
  nodeWeight: Float64Array;
}

export interface CompiledPack {
  code: string;
  keyer: Keyer;
  cues: Cue[];
  trie: Trie;
  maxPhraseTokens: number;
  ownedNouns: Map<string, string>;
  /** Hashtag pieces with their sentiment: negative ones first (so `unhappy` is not `happy`). */
  hashtagSentiment: Array<[string, number]>;
  /** Hashtag pieces of everyday chatter (`giveaway`). */
  hashtagChatter: string[];
  /** Whole hashtags of a creator's paid or gifted post. */
  hashtagMedia: Set<string>;
}

interface BuildNode {
  next: Map<number, BuildNode> | null;
  cues: number[] | null;
}

function flatten(root: BuildNode, vocabSize: number, cues: Cue[]): Trie {
  // Number the nodes breadth first; the root is 0.
  const order: BuildNode[] = [root];
  for (let k = 0; k < order.length; k++) {
    const next = (order[k] as BuildNode).next;
    if (!next) continue;
    for (const id of [...next.keys()].sort((a, b) => a - b)) order.push(next.get(id) as BuildNode);
  }
  const index = new Map(order.map((node, k) => [node, k]));
  const count = order.length;
  const childStart = new Int32Array(count + 1);
  const cueStart = new Int32Array(count + 1);
  const childIds: number[] = [];
  const childNodes: number[] = [];
  const cueList: number[] = [];
  const nodeBits = new Uint8Array(count);
  const nodeWeight = new Float64Array(count);
  const rootNext = new Int32Array(vocabSize);
  for (let k = 0; k < count; k++) {
    const node = order[k] as BuildNode;
    childStart[k] = childIds.length;
    cueStart[k] = cueList.length;
    if (node.next) {
      for (const id of [...node.next.keys()].sort((a, b) => a - b)) {
        const child = index.get(node.next.get(id) as BuildNode) as number;
        if (k === 0) rootNext[id] = child;
        else {
          childIds.push(id);
          childNodes.push(child);
        }
      }
    }
    if (node.cues) {
      let incidental = true;
      for (const ci of node.cues) {
        cueList.push(ci);
        const cue = cues[ci] as Cue;
        if (cue.special === S.thanks || cue.special === S.gratitude) nodeBits[k] = (nodeBits[k] as number) | N.thanks;
        if (cue.stage !== NO_STAGE || cue.flags & (F.positive | F.negative | F.problem)) incidental = false;
        if (cue.flags & (F.problem | F.negative)) nodeBits[k] = (nodeBits[k] as number) | N.complains;
        nodeWeight[k] = Math.max(nodeWeight[k] as number, cue.weight);
      }
      if (incidental) nodeBits[k] = (nodeBits[k] as number) | N.incidental;
    }
  }
  childStart[count] = childIds.length;
  cueStart[count] = cueList.length;
  return {
    rootNext,
    childStart,
    childIds: Int32Array.from(childIds),
    childNodes: Int32Array.from(childNodes),
    cueStart,
    cueList: Int32Array.from(cueList),
    nodeBits,
    nodeWeight,
  };
}

/** The node after `node` on the word of vocabulary id `id`, 0 when none. */
export function childOf(trie: Trie, node: number, id: number): number {
  if (node === 0) return trie.rootNext[id] as number;
  const ids = trie.childIds;
  for (let k = trie.childStart[node] as number, end = trie.childStart[node + 1] as number; k < end; k++) {
    const c = ids[k] as number;
    if (c === id) return trie.childNodes[k] as number;
    if (c > id) return 0;
  }
  return 0;
}

const words = (s: string): string[] => s.split(' ').filter((w) => w.length > 0);

function stageIndex(s: CueStage): number {
  return s === 'pre' ? STAGE_PRE : s === 'buy' ? STAGE_BUY : s === 'post' ? STAGE_POST : NO_STAGE;
}

/** Turns a language pack into lookup tables; runs once per pack when the module loads. */
export function compilePack(pack: LanguagePack): CompiledPack {
  const aliases = new Map<string, string>();
  for (const pair of words(pack.aliases)) {
    const [from, to] = pair.split('>');
    if (from && to) aliases.set(from, to);
  }
  const wordClasses = new Map<string, number>();
  const mark = (list: string, bit: number): void => {
    for (const w of words(list)) wordClasses.set(w, (wordClasses.get(w) ?? 0) | bit);
  };
  mark(pack.clauseBreakers, W.clauseBreaker);
  mark(pack.questionStarters, W.questionStarter);
  mark(pack.questionLeadIns, W.leadIn);
  mark(pack.questionAskers, W.asker);
  mark(pack.softQuestionStarters, W.softStarter);
  mark(pack.notAskingNext, W.notAskingNext);
  mark(pack.subjectVerbs, W.subjectVerb);
  mark(pack.contentWords, W.content);
  mark(pack.stopwords, W.stopword);
  mark(pack.foreignStopwords, W.foreign);
  mark(pack.negators, W.negator);
  mark(pack.blockers, W.blocker);
  mark(pack.possessives, W.possessive);
  mark(pack.possessiveSkips, W.possessiveSkip);
  mark(pack.notOwned, W.notOwned);
  mark(pack.newWords, W.newWord);
  mark(pack.newThingDays, W.newThingDay);
  mark(pack.oldWords, W.oldWord);
  mark(pack.timeUnits, W.timeUnit);
  mark(pack.againWords, W.again);
  mark(pack.intentVerbs, W.intentVerb);
  mark(pack.contrasts, W.contrast);
  mark(pack.concessives, W.concessive);
  mark(pack.waitContext, W.waitContext);
  mark(pack.alternatives, W.alternative);
  mark(pack.untilWords, W.until);
  const purchaseKeys = new Set(words(pack.purchaseVerbs).map(stem));
  const vocab = new Map<string, number>();
  const keyer: Keyer = {
    aliases,
    numberWords: new Set(words(pack.numberWords)),
    vocab,
    classify: (word, key) => (wordClasses.get(word) ?? 0) | (purchaseKeys.has(key) ? W.purchaseVerb : 0) | (key === '0' ? W.number : 0),
    cache: new WordCache(),
  };
  const cues: Cue[] = [];
  const trie: BuildNode = { next: new Map(), cues: null };
  let maxPhraseTokens = 1;
  for (const [name, stage, weight, flagLetters, list] of pack.cues) {
    let flags = 0;
    for (const letter of flagLetters) flags |= FLAG_LETTERS[letter] ?? 0;
    if (name === 'sarcasm') flags |= F.sarcasm;
    const index = cues.push({ name, stage: stageIndex(stage), weight, flags, special: SPECIAL[name] ?? S.other, ownership: OWNERSHIP_CUES.has(name) }) - 1;
    for (const phrase of list.split('|')) {
      const doc = tokenize(phrase, keyer);
      const keys: string[] = [];
      for (let k = 0; k < doc.n; k++) keys.push((doc.info[k] as { key: string }).key);
      if (keys.length === 0) continue;
      let node = trie;
      for (const key of keys) {
        let id = vocab.get(key);
        if (id === undefined) {
          id = vocab.size;
          vocab.set(key, id);
        }
        node.next ??= new Map();
        let child: BuildNode | undefined = node.next.get(id);
        if (!child) {
          child = { next: null, cues: null };
          node.next.set(id, child);
        }
        node = child;
      }
      node.cues ??= [];
      if (!node.cues.includes(index)) node.cues.push(index);
      maxPhraseTokens = Math.max(maxPhraseTokens, keys.length);
    }
  }
  // Words read while compiling were cached without their vocabulary ids.
  keyer.cache.clear();
  const owned = new Map<string, string>();
  for (const pair of words(pack.ownedNouns)) {
    const [noun, signal] = pair.split(':');
    if (noun && signal) owned.set(stem(noun), signal);
  }
  const hashtagSentiment: Array<[string, number]> = [];
  for (const pair of words(pack.hashtagSentiment)) {
    const [piece, sign] = pair.split(':');
    if (piece && sign) hashtagSentiment.push([piece, sign === '-' ? -1 : 1]);
  }
  hashtagSentiment.sort((a, b) => a[1] - b[1]);
  const hashtagChatter = words(pack.hashtagChatter);
  const hashtagMedia = new Set(words(pack.hashtagMedia));
  return { code: pack.code, keyer, cues, trie: flatten(trie, vocab.size, cues), maxPhraseTokens, ownedNouns: owned, hashtagSentiment, hashtagChatter, hashtagMedia };
}
