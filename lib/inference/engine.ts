import type { Department, Inference, Signal, Stage, TeamTerms } from '../model';
import * as compiled from './compile';
import type { CompiledPack } from './compile';
import { personaHint } from './hints';
import { findTerms } from './terms';
import { MAX_TOKENS, tokenize, type Doc, type WordInfo } from './tokenize';

// Plain local copies: module bindings can be accessors once transpiled, and these are read per token.
const FL = { ...compiled.F };
const WC = { ...compiled.W };
const SP = { ...compiled.S };
const NB = { ...compiled.N };
const childOf = compiled.childOf;
const PRE: number = compiled.STAGE_PRE;
const BUY: number = compiled.STAGE_BUY;
const POST: number = compiled.STAGE_POST;
const NONE_: number = compiled.NO_STAGE;

/** A stage needs at least this much evidence; everyday chatter raises the bar. */
const STAGE_THRESHOLD = 1.0;
/** Writing to a brand's account is itself a sign of a relationship: a little less is needed. */
const ADDRESSED_THRESHOLD = 0.8;
const CHATTER_PENALTY = 0.5;
/** Chatter weight of a retweet ("RT @brand: …"): the words are someone else's. */
const RETWEET_CHATTER = 4;
/** PR owns a post once reputation or press cues reach this. */
const PR_THRESHOLD = 1.8;
/** A cue inside a question counts this much more (when the cue is question-sensitive). */
const QUESTION_BOOST = 1.5;
/** A feeling inside a question counts this much ("is it any good?" is no praise). */
const QUESTION_FEELING = 0.3;
/** A refusal that waits for something ("not buying until …"): a blocked purchase, or an interest waiting for a price. */
const UNTIL_BLOCKED = 1.5;
const UNTIL_WAITING = 1.0;
/** "Pixel 9 or iPhone 16?": two named choices. */
const ALTERNATIVES = 1.0;
/** Words before a cue that can negate it. */
const NEGATION_REACH = 3;
const MAX_SIGNALS = 12;
/** Feelings on the conceded side of a contrast ("great phone, but …", "despite the delay, …") count this much. */
const CONCEDED = 0.5;
/** A problem this many words after "thanks for" makes the thanks sarcastic ("thanks for the 2 hour wait"). */
const SARCASTIC_THANKS_REACH = 4;
/** How far after "thanks" its "for" may come (past the one thanked: "thanks @Tesco for", "shout out to my bank for"). */
const THANKED_REACH = 3;
const MAX_EXCERPT = 60;

const STAGES: readonly Stage[] = ['pre-purchase', 'purchase', 'post-purchase'];

/**
 * The phrases found in one post, reused from post to post (`analyse` is not re-entrant): hit `h`
 * covers tokens `hitStart[h] … hitEnd[h]` and its cues are those of trie node `hitNode[h]`.
 */
const hitStart = new Int32Array(MAX_TOKENS);
const hitEnd = new Int32Array(MAX_TOKENS);
const hitNode = new Int32Array(MAX_TOKENS);
const foundStart = new Int32Array(MAX_TOKENS);
const foundEnd = new Int32Array(MAX_TOKENS);
const foundNode = new Int32Array(MAX_TOKENS);
/** Tokens inside a chosen phrase. */
const covered = new Uint8Array(MAX_TOKENS);
/** Per token, how much its feelings count (see `feelingWeights`). */
const feelingBuffer = new Float32Array(MAX_TOKENS);
/** Per cue, how often it was met in this post. */
let repeats = new Uint8Array(256);

/**
 * Longest phrase at each token, then the longest non-overlapping ones, in text order. Fills
 * `hit*` and `covered`; returns the number of hits.
 */
function matchPhrases(doc: Doc, pack: CompiledPack): number {
  const n = doc.n;
  const ids = doc.id;
  const sentences = doc.sentence;
  const trie = pack.trie;
  const cueStart = trie.cueStart;
  const childStart = trie.childStart;
  const rootNext = trie.rootNext;
  let found = 0;
  let longest = 0;
  covered.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    const first = ids[i] as number;
    if (first < 0) continue;
    let node = rootNext[first] as number;
    let bestEnd = -1;
    let bestNode = 0;
    let j = i;
    const sentence = sentences[i] as number;
    while (node !== 0) {
      if ((cueStart[node] as number) < (cueStart[node + 1] as number)) {
        bestEnd = j;
        bestNode = node;
      }
      j++;
      if (j >= n || childStart[node] === childStart[node + 1]) break;
      const next = ids[j] as number;
      if (sentences[j] !== sentence || next < 0) break;
      node = childOf(trie, node, next);
    }
    if (bestNode !== 0) {
      foundStart[found] = i;
      foundEnd[found] = bestEnd;
      foundNode[found] = bestNode;
      found++;
      if (bestEnd - i + 1 > longest) longest = bestEnd - i + 1;
    }
  }
  if (found === 0) return 0;
  // Longest first, then leftmost: found hits are in text order, so one pass per length.
  for (let length = longest; length >= 1; length--) {
    for (let f = 0; f < found; f++) {
      const start = foundStart[f] as number;
      const end = foundEnd[f] as number;
      if (end - start + 1 !== length) continue;
      let free = true;
      for (let k = start; k <= end; k++) {
        if (covered[k]) {
          free = false;
          break;
        }
      }
      if (!free) {
        foundNode[f] = 0;
        continue;
      }
      for (let k = start; k <= end; k++) covered[k] = 1;
    }
  }
  let hits = 0;
  for (let f = 0; f < found; f++) {
    if (foundNode[f] === 0) continue;
    hitStart[hits] = foundStart[f] as number;
    hitEnd[hits] = foundEnd[f] as number;
    hitNode[hits] = foundNode[f] as number;
    hits++;
  }
  return hits;
}

function excerpt(doc: Doc, from: number, to: number): string {
  if (from < 0 || to < 0 || from >= doc.n || to >= doc.n) return '';
  const s = doc.source.slice(doc.start[from] as number, doc.end[to] as number);
  return s.length > MAX_EXCERPT ? s.slice(0, MAX_EXCERPT - 1) + '…' : s;
}

const NEG = 1;
const BLOCK = 2;

/** `NEG` when a negator precedes token `at` in the same clause, `BLOCK` for "can't", else 0. */
function negation(doc: Doc, at: number, skipCovered: boolean): number {
  const clauses = doc.clause;
  const classes = doc.cls;
  const clause = clauses[at] as number;
  for (let k = at - 1; k >= 0 && k >= at - NEGATION_REACH; k--) {
    if (clauses[k] !== clause) break;
    // A negator inside another cue ("isn't working") belongs to that cue.
    if (skipCovered && covered[k]) continue;
    const cls = classes[k] as number;
    if (cls & WC.negator) return NEG;
    if (cls & WC.blocker) return BLOCK;
  }
  return 0;
}

/** Whether the post is in the language of the pack that tokenised it (its stopwords), or has no letters. */
export function languageOf(doc: Doc): 'yes' | 'no' | 'empty' {
  const letters = doc.asciiLetters + doc.latinLetters + doc.otherLetters;
  if (letters === 0) return 'empty';
  if (doc.otherLetters / letters > 0.3) return 'no';
  const own = doc.stopwords;
  const foreign = doc.foreignWords;
  const words = doc.words;
  if (foreign >= 2 && foreign > 2 * own) return 'no';
  if (words >= 4 && own === 0 && doc.latinLetters / letters > 0.04) return 'no';
  return 'yes';
}

/**
 * Per token, how much its feelings count: half on the conceded side of a contrast (before "but" in
 * the same sentence; in a clause opened by "despite" or "although"), in full elsewhere. Null when
 * the post has no contrast (everything counts in full).
 */
function feelingWeights(doc: Doc): Float32Array | null {
  const n = doc.n;
  const classes = doc.cls;
  const sentences = doc.sentence;
  const clauses = doc.clause;
  if (!(doc.classes & (WC.contrast | WC.concessive))) return null;
  const weights = feelingBuffer;
  weights.fill(1, 0, n);
  let lastContrast = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (i + 1 < n && sentences[i + 1] !== sentences[i]) lastContrast = -1;
    if (lastContrast >= 0) weights[i] = CONCEDED;
    if ((classes[i] as number) & WC.contrast) lastContrast = i;
  }
  let concededClause = -1;
  for (let i = 0; i < n; i++) {
    if ((classes[i] as number) & WC.concessive) concededClause = clauses[i] as number;
    if (clauses[i] === concededClause) weights[i] = CONCEDED;
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
  /** Weight of news of something just got or first used ("finally arrived", "my new …"). */
  acquired: number;
  /** An amount followed by what it buys ("£60 for a return"). */
  priceOf: boolean;
  /** Changing or ending something already had ("change the booking", "cancelling my subscription"). */
  changesOwned: boolean;
  intent: boolean;
  /** Problem weight that went to post-purchase, movable to purchase when the problem blocks buying. */
  problemStage: number;
  /** Feelings on the conceded side of a contrast, taken off when choosing the owner (not the stage). */
  concededPositive: number;
  concededNegative: number;
  concededProblem: number;
}

function newScores(): Scores {
  return {
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
    sarcasm: false,
    helpRequest: false,
    ownership: 0,
    acquired: 0,
    priceOf: false,
    changesOwned: false,
    intent: false,
    problemStage: 0,
    concededPositive: 0,
    concededNegative: 0,
    concededProblem: 0,
  };
}

/** One post's scores, reused from post to post (`analyse` is not re-entrant). */
const SCORES = newScores();

function resetScores(s: Scores, sarcasm: boolean): Scores {
  for (let k = 0; k < 3; k++) {
    s.stage[k] = 0;
    s.context[k] = 0;
    s.top[k] = null;
    s.topWeight[k] = 0;
  }
  s.pr = 0;
  s.prTopic = null;
  s.prTopWeight = 0;
  s.media = 0;
  s.positive = 0;
  s.negative = 0;
  s.problem = 0;
  s.chatter = 0;
  s.urgent = false;
  s.urgentText = '';
  s.problemText = '';
  s.churn = false;
  s.blocked = false;
  s.sarcasm = sarcasm;
  s.helpRequest = false;
  s.ownership = 0;
  s.acquired = 0;
  s.priceOf = false;
  s.changesOwned = false;
  s.intent = false;
  s.problemStage = 0;
  s.concededPositive = 0;
  s.concededNegative = 0;
  s.concededProblem = 0;
  return s;
}

/**
 * The signals of one post as they are found, reused from post to post. Most posts find more than
 * the `MAX_SIGNALS` shown, so a signal's words are cut out of the post only if it is shown.
 */
class SignalList {
  n = 0;
  names: string[] = [];
  weights: number[] = [];
  /** The words of signal `k`: `texts[k]` when not null, else the excerpt of tokens `from[k] … to[k]`. */
  texts: Array<string | null> = [];
  from: number[] = [];
  to: number[] = [];
  private order: number[] = [];

  reset(): void {
    this.n = 0;
  }

  /** A signal whose words are tokens `from … to`. */
  span(name: string, weight: number, from: number, to: number): void {
    const k = this.n++;
    this.names[k] = name;
    this.weights[k] = weight;
    this.texts[k] = null;
    this.from[k] = from;
    this.to[k] = to;
  }

  /** A signal with its words as given. */
  text(name: string, weight: number, text: string): void {
    const k = this.n++;
    this.names[k] = name;
    this.weights[k] = weight;
    this.texts[k] = text;
    this.from[k] = 0;
    this.to[k] = 0;
  }

  has(name: string): boolean {
    for (let k = 0; k < this.n; k++) if (this.names[k] === name) return true;
    return false;
  }

  /**
   * The strongest `MAX_SIGNALS`, strongest first, in the order found among equals: what a stable
   * sort by strength then a cut would give, chosen in one pass.
   */
  build(doc: Doc): Signal[] {
    const n = this.n;
    const order = this.order;
    const weights = this.weights;
    let size = 0;
    for (let k = 0; k < n; k++) {
      const w = Math.abs(weights[k] as number);
      if (size === MAX_SIGNALS && w <= Math.abs(weights[order[size - 1] as number] as number)) continue;
      let j = size < MAX_SIGNALS ? size++ : size - 1;
      while (j > 0 && Math.abs(weights[order[j - 1] as number] as number) < w) {
        order[j] = order[j - 1] as number;
        j--;
      }
      order[j] = k;
    }
    const out: Signal[] = new Array<Signal>(size);
    for (let i = 0; i < size; i++) {
      const k = order[i] as number;
      const text = this.texts[k];
      out[i] = {
        name: this.names[k] as string,
        matched: text ?? excerpt(doc, this.from[k] as number, this.to[k] as number),
        weight: weights[k] as number,
      };
    }
    return out;
  }
}

const SIGNALS = new SignalList();

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
  const language = languageOf(doc);
  if (language !== 'yes') {
    const signals: Signal[] = [];
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

  const s = resetScores(SCORES, doc.emojiSarcasm > 0);
  const signals = SIGNALS;
  signals.reset();
  const anyQuestion = doc.anyQuestion;
  const n = doc.n;
  const info = doc.info;
  const sentences = doc.sentence;
  const questions = doc.questions;
  const hitCount = matchPhrases(doc, pack);
  const againWord = (doc.classes & WC.again) !== 0;
  const termHits = findTerms(doc.source, terms);
  const addressed = doc.mentions > 0 || termHits.brand !== null || termHits.product !== null;
  let boosted = false;
  let goingPublic = false;
  /** The first negated intent, as a hit index (-1: none). */
  let negatedIntent = -1;
  let press = false;
  let resolved = false;
  /** A refusal to buy that waits for something ("not booking until the app works"). */
  let untilRefusal = false;

  const feeling = feelingWeights(doc);
  // "thanks for" waiting for the next cue: a problem right after it makes the thanks sarcastic.
  let thanksFor = -1;
  let thanksStart = -1;

  // The same cue again adds less each time: five travel words are not five times the evidence.
  const cues = pack.cues;
  if (repeats.length < cues.length) repeats = new Uint8Array(cues.length);
  else repeats.fill(0, 0, cues.length);
  const trie = pack.trie;
  const cueList = trie.cueList;
  for (let h = 0; h < hitCount; h++) {
    const start = hitStart[h] as number;
    const end = hitEnd[h] as number;
    const node = hitNode[h] as number;
    const bits = trie.nodeBits[node] as number;
    // The words of the hit, cut out only when a signal or a text needs them.
    let matched: string | null = null;
    const inQuestion = questions[sentences[start] as number] === 1;
    const neg = negation(doc, start, true);
    const fw = feeling ? (feeling[start] as number) : 1;
    if (thanksFor >= 0 && !(bits & NB.incidental)) {
      const sameSentence = sentences[thanksFor] === sentences[start];
      if (sameSentence && start - thanksFor <= SARCASTIC_THANKS_REACH && neg !== NEG && bits & NB.complains) {
        s.sarcasm = true;
        signals.span('sarcasm', -round(trie.nodeWeight[node] as number), thanksStart, end);
      }
      thanksFor = -1;
    }
    if (bits & NB.thanks) {
      // "thanks for", "thanks FOR", also past a mention ("thanks @Tesco FOR the mouldy strawberries")
      // or a short name ("shout out to my bank FOR declining my card").
      if ((info[end] as WordInfo).word === 'for') thanksFor = end;
      else {
        for (let k = end + 1; k < n && k <= end + THANKED_REACH && sentences[k] === sentences[end]; k++) {
          if ((info[k] as WordInfo).word === 'for') {
            thanksFor = k;
            break;
          }
        }
      }
      thanksStart = start;
    }
    // "need a new personality", "time for a new hobby": a wish or need ending in "new" before something not bought.
    const newNotBought = (doc.cls[end] as number) & WC.newWord && end + 1 < n && sentences[end + 1] === sentences[end] &&
      ((doc.cls[end + 1] as number) & WC.notOwned) !== 0;
    for (let c = trie.cueStart[node] as number, cEnd = trie.cueStart[node + 1] as number; c < cEnd; c++) {
      const ci = cueList[c] as number;
      const cue = cues[ci];
      if (!cue) continue;
      if (newNotBought && cue.stage === PRE) continue;
      const seen = repeats[ci] as number;
      if (seen < 255) repeats[ci] = seen + 1;
      let w = seen === 0 ? cue.weight : cue.weight / (2 * seen);
      const f = cue.flags;
      const special = cue.special;
      // "Thanks" closing a question is politeness, not praise; a feeling inside a question is not praise
      // either ("has a train of yours ever arrived ON TIME?", "is it as GOOD as everyone says?").
      if (special === SP.thanks && anyQuestion) w *= 0.3;
      else if (inQuestion && f & FL.positive && cue.stage === NONE_ && questionMarkAfter(doc, end)) w *= QUESTION_FEELING;
      if (f & FL.question && inQuestion) {
        w *= QUESTION_BOOST;
        boosted = true;
      }
      // "won't be ordering UNTIL you fix the app": a purchase waiting for something, not churn.
      // (Only a refusal to buy, order or book: "won't be using it until …" is a customer's churn.)
      if (f & FL.churn && cue.stage === POST && !againWord && untilAfter(doc, end) && hasPurchaseVerb(doc, start, end)) {
        untilRefusal = true;
        if (negatedIntent < 0) negatedIntent = h;
        signals.span('negated-purchase', -w, start, end);
        continue;
      }
      if (neg === NEG && f & FL.negatable) {
        if (cue.stage === BUY && untilAfter(doc, end)) untilRefusal = true;
        if (negatedIntent < 0) negatedIntent = h;
        signals.span(cue.stage === BUY ? 'negated-purchase' : 'negated-interest', -w, Math.max(0, start - 2), end);
        continue;
      }
      if (neg === NEG && f & FL.problem) continue; // "didn't break", "doesn't address the issue": no evidence either way
      if (neg === NEG && f & FL.positive) {
        s.negative += w;
        signals.span('negated-positive', w, Math.max(0, start - 1), end);
        continue;
      }
      if (neg === NEG && f & FL.negative) continue; // "not bad": neither praise nor complaint
      // "lost my parcel again. #yay", "two hours on hold. Great.": a feeling standing alone after a complaint is irony.
      // Only when nothing good was said before it; "Thank you!" closing a complaint is politeness, not irony.
      if (f & FL.positive && cue.stage === NONE_ && special !== SP.thanks && s.positive === 0 && doc.emojiPositive === 0 &&
        (s.problem > 0 || s.negative > 0 || (s.urgent && (s.stage[POST] as number) > 0)) && standsAlone(doc, start, end)) {
        s.negative += w;
        s.sarcasm = true;
        signals.span('sarcasm', -round(w), start, end);
        continue;
      }
      if (neg === BLOCK && f & FL.intent) {
        s.blocked = true;
        signals.span('blocked-purchase', w, Math.max(0, start - 1), end);
      }
      // "Ordered 🙌 can't wait": a verb of buying opening the post is the author's own news
      // (one word only: "Lunch at my desk again", "Flying with kids tomorrow" need context still).
      const opensPost = special === SP.bought && start === 0 && end === 0;
      addStage(s, cue.stage, w, cue.name, (f & FL.context) !== 0 && !opensPost);
      if (f & FL.intent) s.intent = true;
      if (special === SP.blockedAttempt) {
        s.blocked = true;
        if (!s.problemText) s.problemText = matched ??= excerpt(doc, start, end);
      }
      if (f & FL.problem && !s.problemText) s.problemText = matched ??= excerpt(doc, start, end);
      if (f & FL.problem && cue.stage === POST) s.problemStage += w;
      if (cue.ownership) s.ownership += w;
      if (special === SP.bookingChange || special === SP.churn) s.changesOwned = true;
      if (f & FL.acquired) s.acquired += w;
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
        if (!s.urgentText) s.urgentText = matched ??= excerpt(doc, start, end);
      }
      if (f & FL.churn) s.churn = true;
      if (f & FL.chatter) s.chatter += w;
      if (f & FL.sarcasm) s.sarcasm = true;
      if (special === SP.usageHelp || (special === SP.usageTopic && inQuestion)) s.helpRequest = true;
      if (special === SP.goingPublic) goingPublic = true;
      if (special === SP.resolved) resolved = true;
      if (special === SP.press) press = true;
      if (cue.stage !== NONE_ || f & (FL.reputation | FL.media | FL.churn)) {
        signals.span(cue.name, round(w), start, end);
      } else if (f & (FL.positive | FL.negative | FL.urgent | FL.sarcasm)) {
        signals.span(cue.name, round(w * 0.5), start, end);
      }
    }
  }

  // A negated intent after a purchase ("never buying from them again") is churn, not purchase.
  if (negatedIntent >= 0 && (againWord || s.churn)) {
    s.churn = true;
    addStage(s, POST, 1.2, 'churn-risk', false);
    signals.span('churn-risk', 1.2, Math.max(0, (hitStart[negatedIntent] as number) - 2), hitEnd[negatedIntent] as number);
  }

  structural(doc, pack, s, signals);

  // "Not buying anything until your site stops crashing": a purchase blocked by a problem (service);
  // "not buying the new Pixel until the price drops": an interest waiting for a price, when something
  // else in the post is about buying (not "not ordering takeaway until payday").
  if (untilRefusal && !againWord && !s.churn) {
    if (s.problem > 0) {
      addStage(s, BUY, UNTIL_BLOCKED, 'blocked-attempt', false);
      s.intent = true;
      s.blocked = true;
      signals.text('blocked-purchase', UNTIL_BLOCKED, s.problemText);
    } else if ((s.stage[BUY] as number) + (s.context[BUY] as number) + (s.stage[PRE] as number) > 0) {
      s.stage[PRE] = (s.stage[PRE] as number) + (s.stage[BUY] as number) + UNTIL_WAITING;
      s.stage[BUY] = 0;
      s.context[BUY] = 0;
      addStage(s, PRE, UNTIL_WAITING, 'waiting-to-buy', false);
      signals.text('waiting-to-buy', UNTIL_WAITING, excerpt(doc, hitStart[negatedIntent] as number, hitEnd[negatedIntent] as number));
    }
  }

  // Emoji count as sentiment, at most one point each way.
  const emojiPositive = doc.emojiPositive > 0 ? Math.min(1, 0.7 * doc.emojiPositive) : 0;
  s.positive += emojiPositive;
  if (doc.emojiNegative > 0) s.negative += Math.min(1, 0.7 * doc.emojiNegative);
  // 🙃 and 🙄 are irony whatever the words; a sarcastic phrase needs something to complain about.
  if (doc.emojiSarcasm > 0 || (s.sarcasm && (s.negative > 0 || s.problem > 0))) {
    // A sarcastic phrase already has its signal; the emoji gets one here.
    if (s.positive > 0 && doc.emojiSarcasm > 0) signals.text('sarcasm', -round(s.positive), sarcasmEmoji(doc));
    s.negative += s.positive;
    s.positive = 0;
  }

  // Team terms: the brand makes the post relevant; a competitor makes it an opportunity.
  if (termHits.brand) {
    addStage(s, PRE, 0.5, 'brand-mention', false);
    signals.text('brand-mention', 0.5, termHits.brand);
  }
  if (termHits.product) {
    addStage(s, PRE, 0.5, 'product-mention', false);
    signals.text('product-mention', 0.5, termHits.product);
  }
  if (termHits.competitor) {
    addStage(s, PRE, 0.6, 'competitor-mention', false);
    signals.text('competitor-mention', 0.6, termHits.competitor);
  }

  // Going public in anger is a reputation risk even without stronger words.
  if (goingPublic && s.negative >= 1) s.pr += 0.5;
  const reputation = s.pr >= PR_THRESHOLD;

  // Context-dependent cues count in full when the post speaks to someone or has firm evidence
  // (but outrage at a brand is not by itself a sign of being its customer).
  const firm = Math.max(s.stage[0], s.stage[1], s.stage[2]);
  // Outrage told as the author's own experience ("your driver refused to take MY guide dog") is a customer's.
  const contextFactor = (addressed && (!reputation || firstPerson(doc))) || firm >= STAGE_THRESHOLD ? 1 : 0.5;
  for (let k = 0; k < 3; k++) s.stage[k] = (s.stage[k] as number) + (s.context[k] as number) * contextFactor;

  // Speaking to a brand with feeling, from someone with an experience to tell: a customer.
  // Only a fallback: a question or wish to a brand is what it is, however polite or cross.
  const otherFirm = Math.max(s.stage[PRE] as number, s.stage[BUY] as number) >= STAGE_THRESHOLD;
  // Not when the post is about the brand's own post or account ("stunning photo", "whoever writes your captions")
  // and tells nothing of the author's own: a fan's reply.
  const aboutContent = (doc.classes & WC.content) !== 0 && !firstPerson(doc);
  // Outrage told as the author's own experience ("found plastic in MY burger, MY son nearly choked") is a customer's too.
  const ownOutrage = reputation && firstPerson(doc);
  if (addressed && s.media === 0 && (!reputation || ownOutrage) && !otherFirm && (termHits.brand !== null || termHits.product !== null || spokenTo(doc))) {
    if (reputation) {
      addStage(s, POST, 1, 'complaint-to-brand', false);
      signals.text('complaint-to-brand', 1, mentionExcerpt(doc));
    } else if (s.priceOf && s.negative >= 0.7 && s.problem === 0 && s.ownership === 0 &&
      (s.stage[POST] as number) === 0 && (s.context[POST] as number) === 0) {
      // Cross about a price or an offer, with nothing owned or used: a buyer put off ("£1,599 for a laptop with 8GB, come on").
      addStage(s, BUY, 1, 'price-complaint', false);
      signals.text('price-complaint', 1, mentionExcerpt(doc));
    } else if (s.negative >= 0.7 || s.problem > 0) {
      addStage(s, POST, 1, 'complaint-to-brand', false);
      signals.text('complaint-to-brand', 1, mentionExcerpt(doc));
    } else if (s.positive >= 0.7 && (s.positive > emojiPositive || hasWord(doc)) && !aboutContent) {
      // Emoji alone ("@brand 😍😍", "🔥🔥🔥 @brand") under a brand's post is a fan's reply, not a customer's praise.
      addStage(s, POST, 1, 'praise-to-brand', false);
      signals.text('praise-to-brand', 1, mentionExcerpt(doc));
    }
  }

  // Press and creators are not (yet) customers: their buying words are about a story or a deal.
  // A creator's pitch or paid post is the start of a relationship (pre-purchase, owned by PR).
  if (s.media >= 2) {
    s.stage[BUY] = 0;
    s.stage[POST] = 0;
    if (press) s.stage[PRE] = 0;
    else if ((s.stage[PRE] as number) < 1) addStage(s, PRE, 1 - (s.stage[PRE] as number), 'creator', false);
  }

  if (boosted) signals.text('question', 0, questionExcerpt(doc));
  if (s.urgent && !signals.has('urgency')) signals.text('urgency', 0, s.urgentText);

  // Stage.
  // A problem met while trying to buy (and nothing owned yet) is a blocked purchase.
  if (s.intent && s.problemStage > 0 && s.ownership === 0) {
    s.stage[POST] = Math.max(0, (s.stage[POST] as number) - s.problemStage);
    s.stage[BUY] = (s.stage[BUY] as number) + s.problemStage;
    if (!s.blocked) signals.text('blocked-purchase', round(s.problemStage), s.problemText);
    s.blocked = true;
  }

  // "RT @brand: …" opening the post: someone else's words passed on (often the brand's own ad), not the author's.
  if (doc.n > 1 && doc.kind[0] === 0 && (info[0] as WordInfo).word === 'rt' && doc.kind[1] === 1) {
    s.chatter += RETWEET_CHATTER;
    signals.span('chatter', 0.5, 0, 1);
  }
  const threshold = (addressed ? ADDRESSED_THRESHOLD : STAGE_THRESHOLD) + CHATTER_PENALTY * s.chatter;
  let best = POST;
  for (const k of [BUY, PRE]) if ((s.stage[k] as number) > (s.stage[best] as number)) best = k;
  // The price of changing or ending what one has ("how much to change the booking to Friday",
  // "cancelling my subscription costs HOW much?") is a customer's question, not a buyer's.
  if (best === BUY && s.changesOwned && (s.top[BUY] === 'price-question' || s.top[BUY] === 'offer-question')) best = POST;
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
    // News of something just got or first used, with nothing wrong, asked or awaited: a happy customer
    // ("New wheels day, my bike finally arrived"), not a case for service.
    const news = s.acquired > 0 && positive >= 0 && negative <= 0 && problem <= 0 && !s.urgent && !s.helpRequest && !anyQuestion && !s.churn;
    if (happy || news) department = 'marketing';
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
    signals: signals.build(doc),
  };
}

/** Cues made of word order rather than fixed phrases: ownership, waiting times, order numbers. */
function structural(doc: Doc, pack: CompiledPack, s: Scores, signals: SignalList): void {
  const n = doc.n;
  const info = doc.info;
  const classes = doc.cls;
  const kinds = doc.kind;
  const sentences = doc.sentence;
  let moneySeen = false;
  let hashtagDone = false;
  let hashtagChatter = false;
  let thingSeen = false;
  let alternativesSeen = false;
  for (let i = 0; i < n; i++) {
    const cls = classes[i] as number;
    // Most words start none of these cues: plain words that are not verbs of buying, possessives or numbers.
    if ((cls & (WC.purchaseVerb | WC.possessive | WC.number | WC.newWord | WC.alternative)) === 0 && (kinds[i] as number) < 2) continue;
    if (cls & WC.alternative) {
      // "Pixel 9 or iPhone 16?", "Dyson V15 or Shark": a choice between products when a side looks
      // like a model name (digits, an inner capital). Two capitalised names alone ("Liverpool or
      // City", "Dublin or Cork", "Marvel or DC") are as often teams, places or fandoms: no evidence.
      if (!alternativesSeen && namedChoice(doc, i) &&
        (modelLike(doc, i - 2) || modelLike(doc, i - 1) || modelLike(doc, i + 1) || modelLike(doc, i + 2))) {
        alternativesSeen = true;
        const w = doc.questions[sentences[i] as number] ? ALTERNATIVES * QUESTION_BOOST : ALTERNATIVES;
        addStage(s, BUY, w, 'comparison', false);
        signals.span('comparison', w, i - 1, i + 1);
      }
      continue;
    }
    if (cls & WC.purchaseVerb && i > 1 && (info[i - 1] as WordInfo).word === 'to') {
      intentBefore(doc, i, s, signals);
      continue;
    }
    if (covered[i]) continue;
    if (cls & WC.possessive) {
      let j = i + 1;
      while (j < n && j <= i + 2 && (classes[j] as number) & WC.possessiveSkip) j++;
      if (j >= n || sentences[j] !== sentences[i]) continue;
      const next = info[j] as WordInfo;
      const nextCls = classes[j] as number;
      if (nextCls & WC.newWord && j + 1 < n) {
        // "my new puppy", "my new job", "my new favorite song": not something bought.
        let k = j + 1;
        while (k < n && k <= j + 2 && (classes[k] as number) & WC.possessiveSkip) k++;
        if (k < n && sentences[k] === sentences[i] && (classes[k] as number) & WC.notOwned) continue;
        addStage(s, POST, 1.5, 'my-new', false);
        // "didn't get our new ETA" is no news of something got.
        if (negation(doc, i, false) !== NEG) s.acquired += 1.5;
        signals.span('my-new', 1.5, i, Math.min(n - 1, j + 1));
        continue;
      }
      if (nextCls & WC.oldWord) {
        addStage(s, PRE, 0.6, 'my-old', false);
        signals.span('my-old', 0.6, i, Math.min(n - 1, j + 1));
        continue;
      }
      const owned = pack.ownedNouns.get(next.key);
      if (owned) {
        const neg = negation(doc, i, false);
        const w = neg === NEG ? 0.5 : 1.5;
        // "my phone died halfway through the movie": a device owned is everyday talk unless the post
        // speaks to a brand or has firm evidence; an order, an account or a booking is a customer's anyway.
        addStage(s, POST, w, owned, owned === 'my-product');
        // Owning an account, a device or a booking means a problem met now is not a blocked purchase
        // (a card or a payment is what one pays with: "my card keeps getting rejected when I try to book").
        if (owned !== 'my-order' && owned !== 'my-payment') s.ownership += w;
        signals.span(owned, w, i, j);
      } else if (!thingSeen && kinds[j] === 0 && next.key !== '0' && !(nextCls & (WC.notOwned | WC.stopword))) {
        thingSeen = true;
        // "my jacket", "my airbag": probably something they own; weak unless the post is to a brand.
        addStage(s, POST, 0.5, 'my-thing', true);
        signals.span('my-thing', 0.5, i, j);
      }
      continue;
    }
    if (cls & WC.newWord) {
      // "New bike day", "new phone day 📱": celebrating something just got (not "new puppy day").
      const j = i + 1;
      if (j + 1 < n && !(i > 0 && (classes[i - 1] as number) & WC.possessive) && sentences[j + 1] === sentences[i] &&
        kinds[j] === 0 && !((classes[j] as number) & (WC.notOwned | WC.stopword)) && (classes[j + 1] as number) & WC.newThingDay) {
        addStage(s, POST, 1.5, 'my-new', false);
        s.acquired += 1.5;
        signals.span('my-new', 1.5, i, j + 1);
      }
      continue;
    }
    const tok = info[i] as WordInfo;
    if (cls & WC.number && i + 1 < n && (classes[i + 1] as number) & WC.timeUnit && isWait(doc, i)) {
      addStage(s, POST, 0.7, 'waiting-time', true);
      s.urgent = true;
      if (!s.urgentText) s.urgentText = excerpt(doc, i, i + 1);
      signals.span('waiting-time', 0.7, i, i + 1);
      continue;
    }
    const kind = kinds[i] as number;
    if (kind === 3 && !moneySeen) {
      moneySeen = true;
      // "£1,599 FOR a laptop": the price of something (not "a $100 suitcase", "$200 to change").
      let j = i + 1;
      while (j < n && sentences[j] === sentences[i] && (classes[j] as number) & WC.number) j++; // "£1,599"
      if (j < n && sentences[j] === sentences[i] && (info[j] as WordInfo).word === 'for') s.priceOf = true;
      addStage(s, BUY, doc.questions[sentences[i] as number] ? 0.9 : 0.6, 'price-question', false);
      signals.text('price-mention', 0.6, doc.source.slice(Math.max(0, (doc.start[i] as number) - 1), doc.end[i] as number));
      continue;
    }
    if (kind === 2 && pack.hashtagMedia.has(tok.word) && s.media < 2) {
      // "#ad", "#gifted": a creator's paid or gifted post.
      s.media += 2;
      s.pr += 2;
      if (2 > s.prTopWeight) {
        s.prTopWeight = 2;
        s.prTopic = 'creator';
      }
      signals.span('creator', 2, i, i);
    }
    if (kind === 2 && !hashtagChatter) {
      // Branded contest hashtags (#GlowGiveaway): chatter, once.
      for (const piece of pack.hashtagChatter) {
        if (tok.word.includes(piece)) {
          hashtagChatter = true;
          s.chatter += 1;
          signals.span('chatter', 0.5, i, i);
          break;
        }
      }
    }
    if (kind === 2 && tok.word.length > 5 && !hashtagDone) {
      // Run-together hashtags (#servicefail, #thankyoudelta): one sentiment point at most.
      for (const [piece, sign] of pack.hashtagSentiment) {
        if (tok.word.includes(piece)) {
          if (sign < 0) s.negative += 1;
          else s.positive += 1;
          hashtagDone = true;
          signals.span(sign < 0 ? 'negative' : 'positive', 0.5, i, i);
          break;
        }
      }
    }
    if (kind === 2 && cls & WC.number) {
      addStage(s, POST, 1.2, 'order-number', false);
      signals.span('order-number', 1.2, i, i);
    }
  }
}

/** Whether a word after token `end`, in its sentence, makes the refusal wait for something ("not booking UNTIL …"). */
function untilAfter(doc: Doc, end: number): boolean {
  const sentence = doc.sentence[end];
  for (let k = end + 1; k < doc.n && k <= end + 6 && doc.sentence[k] === sentence; k++) {
    if ((doc.cls[k] as number) & WC.until) return true;
  }
  return false;
}

/** Whether the sentence of token `at` ends with a question mark ("would also like to say …!" does not ask). */
function questionMarkAfter(doc: Doc, at: number): boolean {
  const sentence = doc.sentence[at];
  let last = at;
  while (last + 1 < doc.n && doc.sentence[last + 1] === sentence) last++;
  const to = last + 1 < doc.n ? (doc.start[last + 1] as number) : doc.source.length;
  for (let c = doc.end[last] as number; c < to; c++) if (doc.source.charCodeAt(c) === 63) return true;
  return false;
}

/** Whether tokens `start … end` include a verb of buying ("won't be ORDERING"). */
function hasPurchaseVerb(doc: Doc, start: number, end: number): boolean {
  for (let k = start; k <= end; k++) if ((doc.cls[k] as number) & WC.purchaseVerb) return true;
  return false;
}

/** Code unit `c` is an ASCII capital. */
const isCapital = (c: number): boolean => c >= 65 && c <= 90;

/** Token `k` is a word written with a capital first ("Garmin", "EE"), or a number after one ("Pixel 9"). */
function named(doc: Doc, k: number): boolean {
  if (k < 0 || k >= doc.n || doc.kind[k] !== 0) return false;
  const cls = doc.cls[k] as number;
  if (cls & WC.number) return k > 0 && doc.sentence[k - 1] === doc.sentence[k] && named(doc, k - 1);
  if (cls & (WC.stopword | WC.questionStarter)) return false;
  const from = doc.start[k] as number;
  const to = doc.end[k] as number;
  // Capitals only ("JFK", "LOL") are codes and shouting as often as names.
  if (to - from > 1 && isCapital(doc.source.charCodeAt(from + 1))) return modelLike(doc, k);
  if (isCapital(doc.source.charCodeAt(from))) return true;
  // "iPhone", "eBike": a capital inside.
  for (let c = from + 1; c < to; c++) if (isCapital(doc.source.charCodeAt(c))) return true;
  return false;
}

/** Token `k` looks like a model name: digits, or a capital after a lower-case letter ("iPhone", "V15", "PS5"). */
function modelLike(doc: Doc, k: number): boolean {
  if (k < 0 || k >= doc.n || doc.kind[k] !== 0) return false;
  if ((doc.cls[k] as number) & WC.number) return named(doc, k);
  const from = doc.start[k] as number;
  const to = doc.end[k] as number;
  let letters = false;
  let digits = false;
  let innerCapital = false;
  for (let c = from; c < to; c++) {
    const code = doc.source.charCodeAt(c);
    if (code >= 48 && code <= 57) digits = true;
    else if (isCapital(code)) {
      if (c > from && !isCapital(doc.source.charCodeAt(c - 1))) innerCapital = true;
    } else letters = true;
  }
  return (digits && (letters || to - from > 1)) || (innerCapital && letters);
}

/** "Garmin OR Apple Watch", "Monzo VS Starling": named things on both sides, in one sentence. */
function namedChoice(doc: Doc, i: number): boolean {
  const sentence = doc.sentence[i];
  return i > 0 && i + 1 < doc.n && doc.sentence[i - 1] === sentence && doc.sentence[i + 1] === sentence && named(doc, i - 1) && named(doc, i + 1);
}

/** "FOR 3 hours", "waited 2 days", "40 minutes ON hold": a wait, not a duration ("took 10 minutes"). */
function isWait(doc: Doc, i: number): boolean {
  const sentences = doc.sentence;
  const classes = doc.cls;
  const sentence = sentences[i] as number;
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    if (sentences[k] !== sentence) break;
    if ((classes[k] as number) & WC.waitContext) return true;
  }
  const after = i + 2;
  return after < doc.n && sentences[after] === sentence && ((classes[after] as number) & WC.waitContext) !== 0;
}

/** "trying all day to BOOK": an intent verb a few words before "to <purchase verb>". */
function intentBefore(doc: Doc, i: number, s: Scores, signals: SignalList): void {
  const sentences = doc.sentence;
  const sentence = sentences[i] as number;
  for (let k = i - 2; k >= 0 && k >= i - 5; k--) {
    if (sentences[k] !== sentence) return;
    if (!((doc.cls[k] as number) & WC.intentVerb)) continue;
    if (s.intent) return; // a phrase cue already said so
    // "they want ME to pay": someone else's wish, not the author's intent.
    if (OBJECTS.has((doc.info[k + 1] as WordInfo).word)) return;
    const neg = negation(doc, k, false);
    if (neg === NEG) {
      signals.span('negated-purchase', -1.5, k, i);
    } else {
      addStage(s, BUY, 1.5, 'buy-intent', false);
      s.intent = true;
      if (neg === BLOCK) s.blocked = true;
      signals.span('buy-intent', 1.5, k, i);
    }
    return;
  }
}

/** The first ironic emoji of the post, as written. */
function sarcasmEmoji(doc: Doc): string {
  const upsideDown = doc.source.indexOf('\u{1f643}');
  const eyeRoll = doc.source.indexOf('\u{1f644}');
  if (eyeRoll >= 0 && (upsideDown < 0 || eyeRoll < upsideDown)) return '\u{1f644}';
  return '\u{1f643}';
}

/** Whether tokens `start … end` are all the words of their sentence (mentions aside): "Great.", "#yay @brand". */
function standsAlone(doc: Doc, start: number, end: number): boolean {
  const sentence = doc.sentence[start];
  for (let k = start - 1; k >= 0 && doc.sentence[k] === sentence; k--) if (doc.kind[k] !== 1) return false;
  for (let k = end + 1; k < doc.n && doc.sentence[k] === sentence; k++) if (doc.kind[k] !== 1) return false;
  return true;
}

/** Second-person words (the post speaks to someone) and first-person ones (the author tells their own experience). */
const SPEAKING = new Set([
  'you', 'your', 'yours', 'yourself', 'yourselves', "y'all", 'yall', 'ya', "you're", "you've", "you'll", "you'd",
  'i', "i'm", "i've", "i'd", "i'll", 'im', 'me', 'my', 'mine', 'myself', 'we', "we're", "we've", 'us', 'our', 'ours',
]);
/** Object pronouns: after an intent verb they make it someone else's ("they want me to pay"). */
const OBJECTS = new Set(['me', 'us', 'him', 'her', 'them']);
const FIRST_PERSON = new Set(['i', "i'm", "i've", "i'd", "i'll", 'im', 'me', 'my', 'mine', 'myself', 'we', "we're", "we've", 'us', 'our', 'ours']);

/** Whether the author speaks of themselves ("I", "my", "us"). */
function firstPerson(doc: Doc): boolean {
  for (let i = 0; i < doc.n; i++) if (FIRST_PERSON.has((doc.info[i] as WordInfo).word)) return true;
  return false;
}

/** Words after which an @mention is spoken to ("thanks @brand", "shout out to @brand", "hey @brand"). */
const TO_MENTION = new Set(['thanks', 'thank', 'to', 'hey', 'hi', 'hello', 'dear', 'yo', 'cc']);

/**
 * Whether the post speaks to the account it mentions (a sentence opens or ends with the mention, it says
 * "you", or thanks or greets the mention) or tells the author's own experience ("I", "us"),
 * rather than naming the account in passing ("watching the @NBA finals at a bar, best night").
 */
function spokenTo(doc: Doc): boolean {
  const n = doc.n;
  for (let i = 0; i < n; i++) {
    const word = (doc.info[i] as WordInfo).word;
    if (SPEAKING.has(word)) return true;
    if (doc.kind[i] !== 1) continue;
    const sentence = doc.sentence[i];
    // Opening the sentence, or after nothing but fillers ("Also, @brand is killing it").
    let first = i;
    while (first > 0 && doc.sentence[first - 1] === sentence && (doc.cls[first - 1] as number) & WC.leadIn) first--;
    const opens = first === 0 || doc.sentence[first - 1] !== sentence;
    const closes = i === n - 1 || doc.sentence[i + 1] !== sentence;
    if (opens || closes || TO_MENTION.has((doc.info[i - 1] as WordInfo).word)) return true;
  }
  return false;
}

/** Whether the post has a word besides mentions, hashtags and amounts. */
function hasWord(doc: Doc): boolean {
  for (let i = 0; i < doc.n; i++) if (doc.kind[i] === 0) return true;
  return false;
}

function mentionExcerpt(doc: Doc): string {
  for (let i = 0; i < doc.n; i++) if (doc.kind[i] === 1) return doc.source.slice((doc.start[i] as number) - 1, doc.end[i] as number);
  return '';
}

function questionExcerpt(doc: Doc): string {
  const n = doc.n;
  const sentences = doc.sentence;
  for (let i = 0; i < n; i++) {
    const sentence = sentences[i] as number;
    if (doc.questions[sentence]) {
      let j = i;
      while (j + 1 < n && sentences[j + 1] === sentence && j - i < 6) j++;
      return excerpt(doc, i, j);
    }
  }
  return '';
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
