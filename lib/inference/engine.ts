import type { Department, Inference, Signal, Stage, TeamTerms } from '../model';
import * as compiled from './compile';
import type { CompiledPack, TrieNode } from './compile';
import { personaHint } from './hints';
import { findTerms } from './terms';
import { tokenize, type Doc, type Token } from './tokenize';

// Plain local copies: module bindings can be accessors once transpiled, and these are read per token.
const FL = { ...compiled.F };
const WC = { ...compiled.W };
const PRE: number = compiled.STAGE_PRE;
const BUY: number = compiled.STAGE_BUY;
const POST: number = compiled.STAGE_POST;
const NONE_: number = compiled.NO_STAGE;

/** A stage needs at least this much evidence; everyday chatter raises the bar. */
const STAGE_THRESHOLD = 1.0;
/** Writing to a brand's account is itself a sign of a relationship: a little less is needed. */
const ADDRESSED_THRESHOLD = 0.8;
const CHATTER_PENALTY = 0.5;
/** PR owns a post once reputation or press cues reach this. */
const PR_THRESHOLD = 1.8;
/** A cue inside a question counts this much more (when the cue is question-sensitive). */
const QUESTION_BOOST = 1.5;
/** Words before a cue that can negate it. */
const NEGATION_REACH = 3;
const MAX_SIGNALS = 12;
/** Feelings on the conceded side of a contrast ("great phone, but …", "despite the delay, …") count this much. */
const CONCEDED = 0.5;
/** A problem this many words after "thanks for" makes the thanks sarcastic ("thanks for the 2 hour wait"). */
const SARCASTIC_THANKS_REACH = 4;
const MAX_EXCERPT = 60;

const STAGES: readonly Stage[] = ['pre-purchase', 'purchase', 'post-purchase'];
/** Cues saying the author already owns or used something (a problem then is not a blocked purchase). */
const OWNERSHIP_CUES = new Set(['bought', 'order-status', 'refund-return', 'praise', 'booking-change', 'loyalty']);

interface Hit {
  start: number;
  end: number;
  cues: number[];
}

/** Longest phrase at each token, then the longest non-overlapping ones, in text order. */
function matchPhrases(doc: Doc, pack: CompiledPack): { hits: Hit[]; covered: Uint8Array } {
  const t = doc.tokens;
  const n = t.length;
  const found: Hit[] = [];
  const roots = pack.trie.next as Map<number, TrieNode>;
  for (let i = 0; i < n; i++) {
    const first = t[i] as Token;
    if (first.id < 0) continue;
    let node = roots.get(first.id);
    let bestEnd = -1;
    let bestCues: number[] | null = null;
    let j = i;
    while (node) {
      if (node.cues) {
        bestEnd = j;
        bestCues = node.cues;
      }
      j++;
      if (j >= n || node.next === null) break;
      const next = t[j] as Token;
      if (next.sentence !== first.sentence || next.id < 0) break;
      node = node.next.get(next.id);
    }
    if (bestCues) found.push({ start: i, end: bestEnd, cues: bestCues });
  }
  const covered = new Uint8Array(n);
  if (found.length === 0) return { hits: found, covered };
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const hits: Hit[] = [];
  for (const h of found) {
    let free = true;
    for (let k = h.start; k <= h.end; k++) {
      if (covered[k]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    for (let k = h.start; k <= h.end; k++) covered[k] = 1;
    hits.push(h);
  }
  hits.sort((a, b) => a.start - b.start);
  return { hits, covered };
}

function excerpt(doc: Doc, from: number, to: number): string {
  const a = doc.tokens[from];
  const b = doc.tokens[to];
  if (!a || !b) return '';
  const s = doc.source.slice(a.start, b.end);
  return s.length > MAX_EXCERPT ? s.slice(0, MAX_EXCERPT - 1) + '…' : s;
}

/** `neg` when a negator precedes token `at` in the same clause, `block` for "can't", else null. */
function negation(doc: Doc, pack: CompiledPack, at: number, covered?: Uint8Array): 'neg' | 'block' | null {
  const t = doc.tokens;
  const clause = (t[at] as Token).clause;
  for (let k = at - 1; k >= 0 && k >= at - NEGATION_REACH; k--) {
    const tok = t[k] as Token;
    if (tok.clause !== clause) break;
    // A negator inside another cue ("isn't working") belongs to that cue.
    if (covered && covered[k]) continue;
    if (tok.cls & WC.negator) return 'neg';
    if (tok.cls & WC.blocker) return 'block';
  }
  return null;
}

/** Whether the post is in the language of the pack that tokenised it (its stopwords), or has no letters. */
export function languageOf(doc: Doc): 'yes' | 'no' | 'empty' {
  const letters = doc.asciiLetters + doc.latinLetters + doc.otherLetters;
  if (letters === 0) return 'empty';
  if (doc.otherLetters / letters > 0.3) return 'no';
  let own = 0;
  let foreign = 0;
  let words = 0;
  for (const tok of doc.tokens) {
    if (tok.kind !== 0) continue;
    words++;
    if (tok.cls & WC.stopword) own++;
    else if (tok.cls & WC.foreign) foreign++;
  }
  if (foreign >= 2 && foreign > 2 * own) return 'no';
  if (words >= 4 && own === 0 && doc.latinLetters / letters > 0.04) return 'no';
  return 'yes';
}

/**
 * Per token, how much its feelings count: half on the conceded side of a contrast (before "but" in
 * the same sentence; in a clause opened by "despite" or "although"), in full elsewhere.
 */
function feelingWeights(doc: Doc): Float32Array | null {
  const t = doc.tokens;
  const n = t.length;
  let any = false;
  for (let i = 0; i < n && !any; i++) any = ((t[i] as Token).cls & (WC.contrast | WC.concessive)) !== 0;
  if (!any) return null;
  const weights = new Float32Array(n).fill(1);
  let lastContrast = -1;
  for (let i = n - 1; i >= 0; i--) {
    const tok = t[i] as Token;
    if (i + 1 < n && (t[i + 1] as Token).sentence !== tok.sentence) lastContrast = -1;
    if (lastContrast >= 0) weights[i] = CONCEDED;
    if (tok.cls & WC.contrast) lastContrast = i;
  }
  let concededClause = -1;
  for (let i = 0; i < n; i++) {
    const tok = t[i] as Token;
    if (tok.cls & WC.concessive) concededClause = tok.clause;
    if (tok.clause === concededClause) weights[i] = CONCEDED;
  }
  return weights;
}

interface Scores {
  stage: [number, number, number];
  /** Contextual weight per stage, counted in full only when the post addresses someone. */
  context: [number, number, number];
  top: [string | null, string | null, string | null];
  topWeight: [number, number, number];
  pr: number;
  prTopic: string | null;
  prTopWeight: number;
  media: number;
  positive: number;
  negative: number;
  problem: number;
  chatter: number;
  urgent: boolean;
  /** The words of the first problem (or failed attempt), for the blocked-purchase signal. */
  problemText: string;
  /** The words that made the post urgent. */
  urgentText: string;
  churn: boolean;
  blocked: boolean;
  sarcasm: boolean;
  helpRequest: boolean;
  /** Weight of cues saying the author already owns or used something (blocks the "blocked purchase" reading). */
  ownership: number;
  intent: boolean;
  /** Problem weight that went to post-purchase, movable to purchase when the problem blocks buying. */
  problemStage: number;
  /** Feelings on the conceded side of a contrast, taken off when choosing the owner (not the stage). */
  concededPositive: number;
  concededNegative: number;
  concededProblem: number;
}

function conceded(s: Scores, flags: number, w: number): void {
  if (flags & FL.positive) s.concededPositive += w;
  if (flags & FL.negative) s.concededNegative += w;
  if (flags & FL.problem) s.concededProblem += w;
}

function addStage(s: Scores, stage: number, weight: number, name: string, contextual: boolean): void {
  if (stage === NONE_) return;
  if (contextual) s.context[stage] = (s.context[stage] as number) + weight;
  else s.stage[stage] = (s.stage[stage] as number) + weight;
  if (weight > (s.topWeight[stage] as number)) {
    s.topWeight[stage] = weight;
    s.top[stage] = name;
  }
}

export function analyse(text: string, terms: Partial<TeamTerms> | undefined, pack: CompiledPack): Inference {
  const doc = tokenize(text, pack.keyer);
  const signals: Signal[] = [];
  const language = languageOf(doc);
  if (language !== 'yes') {
    if (language === 'no') signals.push({ name: 'not-english', matched: doc.source.slice(0, 30), weight: 0 });
    const notEnglish = language === 'no';
    return {
      stage: 'none',
      department: 'none',
      confidence: notEnglish ? 0.15 : 0.9,
      personaHint: personaHint({
        stage: 'none', department: 'none', topic: null, urgent: false, churn: false, blocked: false,
        notEnglish, competitor: null,
      }),
      signals,
    };
  }

  const s: Scores = {
    stage: [0, 0, 0],
    context: [0, 0, 0],
    top: [null, null, null],
    topWeight: [0, 0, 0],
    pr: 0,
    prTopic: null,
    prTopWeight: 0,
    media: 0,
    positive: 0,
    negative: 0,
    problem: 0,
    chatter: 0,
    urgent: false,
    urgentText: '',
    problemText: '',
    churn: false,
    blocked: false,
    sarcasm: doc.emojiSarcasm > 0,
    helpRequest: false,
    ownership: 0,
    intent: false,
    problemStage: 0,
    concededPositive: 0,
    concededNegative: 0,
    concededProblem: 0,
  };
  const anyQuestion = doc.questions.some((q) => q);
  const t = doc.tokens;
  const { hits, covered } = matchPhrases(doc, pack);
  let againWord = false;
  for (const tok of t) if (tok.cls & WC.again) againWord = true;
  const termHits = findTerms(doc.source, terms);
  const addressed = doc.mentions > 0 || termHits.brand !== null || termHits.product !== null;
  let boosted = false;
  let goingPublic = false;
  const negatedIntents: Hit[] = [];
  let press = false;
  let resolved = false;

  const feeling = feelingWeights(doc);
  // "thanks for" waiting for the next cue: a problem right after it makes the thanks sarcastic.
  let thanksFor = -1;
  let thanksStart = -1;

  // The same cue again adds less each time: five travel words are not five times the evidence.
  const repeats = new Uint8Array(pack.cues.length);
  for (const h of hits) {
    const matched = excerpt(doc, h.start, h.end);
    const inQuestion = doc.questions[(t[h.start] as Token).sentence] === true;
    const neg = negation(doc, pack, h.start, covered);
    const fw = feeling ? (feeling[h.start] as number) : 1;
    if (thanksFor >= 0 && !incidental(pack, h)) {
      const sameSentence = (t[thanksFor] as Token).sentence === (t[h.start] as Token).sentence;
      if (sameSentence && h.start - thanksFor <= SARCASTIC_THANKS_REACH && neg !== 'neg' && complains(pack, h)) {
        s.sarcasm = true;
        signals.push({ name: 'sarcasm', matched: excerpt(doc, thanksStart, h.end), weight: -round(cueWeight(pack, h)) });
      }
      thanksFor = -1;
    }
    if (isThanks(pack, h)) {
      const last = t[h.end] as Token;
      const next = t[h.end + 1];
      if (last.word === 'for') thanksFor = h.end;
      else if (next && next.word === 'for' && next.sentence === last.sentence) thanksFor = h.end + 1;
      thanksStart = h.start;
    }
    for (const ci of h.cues) {
      const cue = pack.cues[ci];
      if (!cue) continue;
      const seen = repeats[ci] as number;
      if (seen < 255) repeats[ci] = seen + 1;
      let w = seen === 0 ? cue.weight : cue.weight / (2 * seen);
      const f = cue.flags;
      // "Thanks" closing a question is politeness, not praise.
      if (cue.name === 'thanks' && anyQuestion) w *= 0.3;
      if (f & FL.question && inQuestion) {
        w *= QUESTION_BOOST;
        boosted = true;
      }
      if (neg === 'neg' && f & FL.negatable) {
        negatedIntents.push(h);
        signals.push({ name: cue.stage === BUY ? 'negated-purchase' : 'negated-interest', matched: excerpt(doc, Math.max(0, h.start - 2), h.end), weight: -w });
        continue;
      }
      if (neg === 'neg' && f & FL.problem) continue; // "didn't break", "doesn't address the issue": no evidence either way
      if (neg === 'neg' && f & FL.positive) {
        s.negative += w;
        signals.push({ name: 'negated-positive', matched: excerpt(doc, Math.max(0, h.start - 1), h.end), weight: w });
        continue;
      }
      if (neg === 'neg' && f & FL.negative) continue; // "not bad": neither praise nor complaint
      if (neg === 'block' && f & FL.intent) {
        s.blocked = true;
        signals.push({ name: 'blocked-purchase', matched: excerpt(doc, Math.max(0, h.start - 1), h.end), weight: w });
      }
      addStage(s, cue.stage, w, cue.name, (f & FL.context) !== 0);
      if (f & FL.intent) s.intent = true;
      if (cue.name === 'blocked-attempt') {
        s.blocked = true;
        if (!s.problemText) s.problemText = matched;
      }
      if (f & FL.problem && !s.problemText) s.problemText = matched;
      if (f & FL.problem && cue.stage === POST) s.problemStage += w;
      if (OWNERSHIP_CUES.has(cue.name)) s.ownership += w;
      if (f & (FL.reputation | FL.media)) {
        s.pr += w;
        if (f & FL.media) s.media += w;
        if (w > s.prTopWeight) {
          s.prTopWeight = w;
          s.prTopic = cue.name;
        }
      }
      if (f & FL.positive) s.positive += w;
      if (f & FL.negative) s.negative += w;
      if (f & FL.problem) s.problem += w;
      if (fw < 1 && f & (FL.positive | FL.negative | FL.problem)) conceded(s, f, w * (1 - fw));
      if (f & FL.urgent) {
        s.urgent = true;
        if (!s.urgentText) s.urgentText = matched;
      }
      if (f & FL.churn) s.churn = true;
      if (f & FL.chatter) s.chatter += w;
      if (f & FL.sarcasm) s.sarcasm = true;
      if (cue.name === 'usage-help' || (cue.name === 'usage-topic' && inQuestion)) s.helpRequest = true;
      if (cue.name === 'going-public') goingPublic = true;
      if (cue.name === 'resolved') resolved = true;
      if (cue.name === 'press') press = true;
      if (cue.stage !== NONE_ || f & (FL.reputation | FL.media | FL.churn)) {
        signals.push({ name: cue.name, matched, weight: round(w) });
      } else if (f & (FL.positive | FL.negative | FL.urgent | FL.sarcasm)) {
        signals.push({ name: cue.name, matched, weight: round(w * 0.5) });
      }
    }
  }

  // A negated intent after a purchase ("never buying from them again") is churn, not purchase.
  if (negatedIntents.length > 0 && (againWord || s.churn)) {
    s.churn = true;
    const h = negatedIntents[0] as Hit;
    addStage(s, POST, 1.2, 'churn-risk', false);
    signals.push({ name: 'churn-risk', matched: excerpt(doc, Math.max(0, h.start - 2), h.end), weight: 1.2 });
  }

  structural(doc, pack, covered, s, signals);

  // Emoji count as sentiment, at most one point each way.
  if (doc.emojiPositive > 0) s.positive += Math.min(1, 0.7 * doc.emojiPositive);
  if (doc.emojiNegative > 0) s.negative += Math.min(1, 0.7 * doc.emojiNegative);
  // 🙃 and 🙄 are irony whatever the words; a sarcastic phrase needs something to complain about.
  if (doc.emojiSarcasm > 0 || (s.sarcasm && (s.negative > 0 || s.problem > 0))) {
    // A sarcastic phrase already has its signal; the emoji gets one here.
    if (s.positive > 0 && doc.emojiSarcasm > 0) signals.push({ name: 'sarcasm', matched: sarcasmEmoji(doc), weight: -round(s.positive) });
    s.negative += s.positive;
    s.positive = 0;
  }

  // Team terms: the brand makes the post relevant; a competitor makes it an opportunity.
  if (termHits.brand) {
    addStage(s, PRE, 0.5, 'brand-mention', false);
    signals.push({ name: 'brand-mention', matched: termHits.brand, weight: 0.5 });
  }
  if (termHits.product) {
    addStage(s, PRE, 0.5, 'product-mention', false);
    signals.push({ name: 'product-mention', matched: termHits.product, weight: 0.5 });
  }
  if (termHits.competitor) {
    addStage(s, PRE, 0.6, 'competitor-mention', false);
    signals.push({ name: 'competitor-mention', matched: termHits.competitor, weight: 0.6 });
  }

  // Going public in anger is a reputation risk even without stronger words.
  if (goingPublic && s.negative >= 1) s.pr += 0.5;
  const reputation = s.pr >= PR_THRESHOLD;

  // Context-dependent cues count in full when the post speaks to someone or has firm evidence
  // (but outrage at a brand is not by itself a sign of being its customer).
  const firm = Math.max(s.stage[0], s.stage[1], s.stage[2]);
  const contextFactor = (addressed && !reputation) || firm >= STAGE_THRESHOLD ? 1 : 0.5;
  for (let k = 0; k < 3; k++) s.stage[k] = (s.stage[k] as number) + (s.context[k] as number) * contextFactor;

  // Speaking to a brand with feeling, from someone with an experience to tell: a customer.
  // Only a fallback: a question or wish to a brand is what it is, however polite or cross.
  const otherFirm = Math.max(s.stage[PRE] as number, s.stage[BUY] as number) >= STAGE_THRESHOLD;
  if (addressed && s.media === 0 && !reputation && !otherFirm) {
    if (s.negative >= 0.7 || s.problem > 0) {
      addStage(s, POST, 1, 'complaint-to-brand', false);
      signals.push({ name: 'complaint-to-brand', matched: mentionExcerpt(doc), weight: 1 });
    } else if (s.positive >= 0.7) {
      addStage(s, POST, 1, 'praise-to-brand', false);
      signals.push({ name: 'praise-to-brand', matched: mentionExcerpt(doc), weight: 1 });
    }
  }

  // Press and creators are not (yet) customers: their buying words are about a story or a deal.
  if (s.media >= 2) {
    s.stage[BUY] = 0;
    s.stage[POST] = 0;
    if (press) s.stage[PRE] = 0;
  }

  if (boosted) signals.push({ name: 'question', matched: questionExcerpt(doc), weight: 0 });
  if (s.urgent && !signals.some((x) => x.name === 'urgency')) signals.push({ name: 'urgency', matched: s.urgentText, weight: 0 });

  // Stage.
  // A problem met while trying to buy (and nothing owned yet) is a blocked purchase.
  if (s.intent && s.problemStage > 0 && s.ownership === 0) {
    s.stage[POST] = Math.max(0, (s.stage[POST] as number) - s.problemStage);
    s.stage[BUY] = (s.stage[BUY] as number) + s.problemStage;
    if (!s.blocked) signals.push({ name: 'blocked-purchase', matched: s.problemText, weight: round(s.problemStage) });
    s.blocked = true;
  }

  const threshold = (addressed ? ADDRESSED_THRESHOLD : STAGE_THRESHOLD) + CHATTER_PENALTY * s.chatter;
  let best = POST;
  for (const k of [BUY, PRE]) if ((s.stage[k] as number) > (s.stage[best] as number)) best = k;
  const bestScore = s.stage[best] as number;
  let second = 0;
  for (let k = 0; k < 3; k++) if (k !== best) second = Math.max(second, s.stage[k] as number);
  const stage: Stage = bestScore >= threshold ? (STAGES[best] as Stage) : 'none';

  // Department.
  let department: Department;
  if (reputation) department = 'pr';
  else if (stage === 'pre-purchase') department = 'marketing';
  else if (stage === 'purchase') department = s.blocked || s.problem > 0 ? 'service' : 'sales';
  else if (stage === 'post-purchase') {
    // The side of a contrast that wins decides ("great phone, but the battery …" needs service).
    const raw = s.positive - s.concededPositive;
    const positive = s.helpRequest ? raw - 1 : raw;
    const negative = s.negative - s.concededNegative;
    const problem = s.problem - s.concededProblem;
    // A problem they say was fixed is a reason to thank, not to troubleshoot.
    const happy = positive > 0 && positive > negative + (resolved ? 0 : problem) && !s.churn;
    if (happy) department = 'marketing';
    else if (termHits.competitor && !termHits.brand) department = 'sales';
    else department = 'service';
  } else department = 'none';

  // Confidence in the stage.
  let confidence: number;
  if (stage === 'none') {
    confidence = bestScore === 0 ? 0.75 : Math.max(0.35, 0.7 - 0.3 * Math.min(1, bestScore / threshold));
    if (department === 'pr') confidence = Math.min(confidence, 0.6);
  } else {
    const margin = (bestScore - second) / bestScore;
    confidence = 0.45 + 0.3 * (1 - Math.exp(-(bestScore - threshold))) + 0.22 * margin;
  }
  confidence = round(Math.min(0.97, Math.max(0.05, confidence)));

  const topic = department === 'pr' ? s.prTopic : stage === 'none' ? null : (s.top[best] ?? null);
  signals.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    stage,
    department,
    confidence,
    personaHint: personaHint({
      stage,
      department,
      topic,
      urgent: s.urgent,
      churn: s.churn,
      blocked: s.blocked,
      notEnglish: false,
      competitor: termHits.competitor,
    }),
    signals: signals.slice(0, MAX_SIGNALS),
  };
}

/** Cues made of word order rather than fixed phrases: ownership, waiting times, order numbers. */
function structural(doc: Doc, pack: CompiledPack, covered: Uint8Array, s: Scores, signals: Signal[]): void {
  const t = doc.tokens;
  const n = t.length;
  let moneySeen = false;
  let hashtagDone = false;
  let thingSeen = false;
  for (let i = 0; i < n; i++) {
    const tok = t[i] as Token;
    if (tok.cls & WC.purchaseVerb && i > 1 && (t[i - 1] as Token).word === 'to') {
      intentBefore(doc, pack, i, s, signals);
      continue;
    }
    if (covered[i]) continue;
    if (tok.cls & WC.possessive) {
      let j = i + 1;
      while (j < n && j <= i + 2 && (t[j] as Token).cls & WC.possessiveSkip) j++;
      const next = t[j];
      if (!next || next.sentence !== tok.sentence) continue;
      if (next.cls & WC.newWord && j + 1 < n) {
        addStage(s, POST, 1.5, 'my-new', false);
        signals.push({ name: 'my-new', matched: excerpt(doc, i, Math.min(n - 1, j + 1)), weight: 1.5 });
        continue;
      }
      if (next.cls & WC.oldWord) {
        addStage(s, PRE, 0.6, 'my-old', false);
        signals.push({ name: 'my-old', matched: excerpt(doc, i, Math.min(n - 1, j + 1)), weight: 0.6 });
        continue;
      }
      const owned = pack.ownedNouns.get(next.key);
      if (owned) {
        const neg = negation(doc, pack, i);
        const w = neg === 'neg' ? 0.5 : 1.5;
        addStage(s, POST, w, owned, false);
        // Owning an account, a device or a booking means a problem met now is not a blocked purchase.
        if (owned !== 'my-order') s.ownership += w;
        signals.push({ name: owned, matched: excerpt(doc, i, j), weight: w });
      } else if (!thingSeen && next.kind === 0 && next.key !== '0' && !(next.cls & (WC.notOwned | WC.stopword))) {
        thingSeen = true;
        // "my jacket", "my airbag": probably something they own; weak unless the post is to a brand.
        addStage(s, POST, 0.5, 'my-thing', true);
        signals.push({ name: 'my-thing', matched: excerpt(doc, i, j), weight: 0.5 });
      }
      continue;
    }
    if (tok.key === '0' && i + 1 < n && (t[i + 1] as Token).cls & WC.timeUnit && isWait(t, i)) {
      addStage(s, POST, 0.7, 'waiting-time', true);
      s.urgent = true;
      if (!s.urgentText) s.urgentText = excerpt(doc, i, i + 1);
      signals.push({ name: 'waiting-time', matched: excerpt(doc, i, i + 1), weight: 0.7 });
      continue;
    }
    if (tok.kind === 3 && !moneySeen) {
      moneySeen = true;
      addStage(s, BUY, doc.questions[tok.sentence] ? 0.9 : 0.6, 'price-question', false);
      signals.push({ name: 'price-mention', matched: doc.source.slice(Math.max(0, tok.start - 1), tok.end), weight: 0.6 });
      continue;
    }
    if (tok.kind === 2 && tok.word.length > 5 && !hashtagDone) {
      // Run-together hashtags (#servicefail, #thankyoudelta): one sentiment point at most.
      for (const [piece, sign] of pack.hashtagSentiment) {
        if (tok.word.includes(piece)) {
          if (sign < 0) s.negative += 1;
          else s.positive += 1;
          hashtagDone = true;
          signals.push({ name: sign < 0 ? 'negative' : 'positive', matched: excerpt(doc, i, i), weight: 0.5 });
          break;
        }
      }
    }
    if (tok.kind === 2 && tok.key === '0') {
      addStage(s, POST, 1.2, 'order-number', false);
      signals.push({ name: 'order-number', matched: excerpt(doc, i, i), weight: 1.2 });
    }
  }
}

/** "FOR 3 hours", "waited 2 days", "40 minutes ON hold": a wait, not a duration ("took 10 minutes"). */
function isWait(t: Token[], i: number): boolean {
  const sentence = (t[i] as Token).sentence;
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const before = t[k] as Token;
    if (before.sentence !== sentence) break;
    if (before.cls & WC.waitContext) return true;
  }
  const after = t[i + 2];
  return after !== undefined && after.sentence === sentence && (after.cls & WC.waitContext) !== 0;
}

/** "trying all day to BOOK": an intent verb a few words before "to <purchase verb>". */
function intentBefore(doc: Doc, pack: CompiledPack, i: number, s: Scores, signals: Signal[]): void {
  const t = doc.tokens;
  const sentence = (t[i] as Token).sentence;
  for (let k = i - 2; k >= 0 && k >= i - 5; k--) {
    const before = t[k] as Token;
    if (before.sentence !== sentence) return;
    if (!(before.cls & WC.intentVerb)) continue;
    if (s.intent) return; // a phrase cue already said so
    const neg = negation(doc, pack, k);
    if (neg === 'neg') {
      signals.push({ name: 'negated-purchase', matched: excerpt(doc, k, i), weight: -1.5 });
    } else {
      addStage(s, BUY, 1.5, 'buy-intent', false);
      s.intent = true;
      if (neg === 'block') s.blocked = true;
      signals.push({ name: 'buy-intent', matched: excerpt(doc, k, i), weight: 1.5 });
    }
    return;
  }
}

/** A thanking cue ("thanks", "thank you for"). */
function isThanks(pack: CompiledPack, h: Hit): boolean {
  for (const ci of h.cues) {
    const name = pack.cues[ci]?.name;
    if (name === 'thanks' || name === 'gratitude') return true;
  }
  return false;
}

/** The strongest weight among a hit's cues. */
function cueWeight(pack: CompiledPack, h: Hit): number {
  let w = 0;
  for (const ci of h.cues) w = Math.max(w, pack.cues[ci]?.weight ?? 0);
  return w;
}

/** A cue that neither places the author nor says how they feel ("hours" as urgency). */
function incidental(pack: CompiledPack, h: Hit): boolean {
  for (const ci of h.cues) {
    const cue = pack.cues[ci];
    if (cue && (cue.stage !== NONE_ || cue.flags & (FL.positive | FL.negative | FL.problem))) return false;
  }
  return true;
}

/** A cue naming a problem or a bad feeling. */
function complains(pack: CompiledPack, h: Hit): boolean {
  for (const ci of h.cues) {
    const cue = pack.cues[ci];
    if (cue && cue.flags & (FL.problem | FL.negative)) return true;
  }
  return false;
}

/** The first ironic emoji of the post, as written. */
function sarcasmEmoji(doc: Doc): string {
  const src = doc.source;
  for (let i = 0; i + 1 < src.length; i++) {
    const cp = src.codePointAt(i);
    if (cp === 0x1f643 || cp === 0x1f644) return String.fromCodePoint(cp);
  }
  return '🙃';
}

function mentionExcerpt(doc: Doc): string {
  for (const tok of doc.tokens) if (tok.kind === 1) return doc.source.slice(tok.start - 1, tok.end);
  return '';
}

function questionExcerpt(doc: Doc): string {
  for (let i = 0; i < doc.tokens.length; i++) {
    const tok = doc.tokens[i] as Token;
    if (doc.questions[tok.sentence]) {
      let j = i;
      while (j + 1 < doc.tokens.length && (doc.tokens[j + 1] as Token).sentence === tok.sentence && j - i < 6) j++;
      return excerpt(doc, i, j);
    }
  }
  return '';
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
