/**
 * The shape of a language pack. The engine (tokeniser, matcher, scorer) is language-independent;
 * everything a language contributes lives in one `LanguagePack` file under `lang/`.
 */

/** Which stage a cue pushes towards; `-` for cues that only colour sentiment, PR risk or urgency. */
export type CueStage = 'pre' | 'buy' | 'post' | '-';

/**
 * One row of a lexicon: `[name, stage, weight, flags, phrases]`.
 *
 * - `phrases`: `|`-separated, each one or more words separated by single spaces, written as plain
 *   lower-case words (they are stemmed when the pack is compiled, exactly like the post's words).
 *   The digit `0` stands for any number.
 * - `flags` (letters, any order):
 *   `q` worth more inside a question, `n` can be negated ("not buying"), `c` needs context (full
 *   weight only when the post addresses a brand or has another stage cue), `p` reputation risk
 *   (weight goes to PR), `m` press/creator (weight goes to PR), `+` positive, `-` negative,
 *   `x` a problem (technical, product or service failure), `u` urgent, `h` churn risk,
 *   `r` praise, `i` intent to buy/book/order, `z` a marker of everyday chatter (pulls towards none),
 *   `a` news of something just got or first used ("finally arrived"): a happy customer unless something is wrong, asked or awaited.
 */
export type CueRow = readonly [name: string, stage: CueStage, weight: number, flags: string, phrases: string];

export interface LanguagePack {
  /** BCP 47 code, e.g. `en`. */
  code: string;
  /** Frequent function words: a post written in this language contains some of them. */
  stopwords: string;
  /** Words of other languages that are not words of this one (detects "not this language"). */
  foreignStopwords: string;
  /** Spelling variants folded before matching, `from>to` pairs separated by spaces (e.g. `dont>don't`). */
  aliases: string;
  /** Words that negate a following cue within a few words of the same clause. */
  negators: string;
  /** Words that make a blocked attempt out of an intent ("can't checkout"). */
  blockers: string;
  /** Words that end the negation's reach ("but"). */
  clauseBreakers: string;
  /** Words after which the other side of a contrast wins: the feelings before them count half ("great phone, BUT …"). */
  contrasts: string;
  /** Words opening a conceded clause whose feelings count half ("DESPITE the delay, …", "even THOUGH …"). */
  concessives: string;
  /** Words next to "N minutes/hours" that make it a wait ("FOR 3 hours", "2 hours ON hold"), not a duration ("took 10 minutes"). */
  waitContext: string;
  /** A sentence starting with one of these is a question even without a question mark. */
  questionStarters: string;
  /** Greetings and fillers skipped before that first word ("hi", "quick question", "also"). */
  questionLeadIns: string;
  /** Words that ask indirectly as one of a sentence's first two words ("WONDERING how much …", "just CURIOUS if …"). */
  questionAskers: string;
  /** Question words that do not ask when followed by one of `notAskingNext` ("WHAT a day", "HAVE a good one"). */
  softQuestionStarters: string;
  notAskingNext: string;
  /** Question words that, right after an opening @mention, are its verb ("@brand IS the best"): no question without "?". */
  subjectVerbs: string;
  /** Words naming a brand's own post or account ("photo", "caption", "admin"): feelings about them are a fan's, not a customer's. */
  contentWords: string;
  /** Words between two choices ("Pixel 9 OR iPhone 16?", "Monzo VS Starling"). */
  alternatives: string;
  /** Words after a refusal that make it conditional ("not buying UNTIL your site works"): no churn. */
  untilWords: string;
  /** First-person possessives ("my", "our"). */
  possessives: string;
  /** Words allowed between a possessive and its noun ("my NEW phone"). */
  possessiveSkips: string;
  /** `noun:signal` pairs: owning one of these makes the author a customer (`my order` → `my-order`). */
  ownedNouns: string;
  /** After a possessive, words that are not things one buys (people, pets, body, time, feelings). */
  notOwned: string;
  /** Words that mean "recently acquired" after a possessive ("my new ..."). */
  newWords: string;
  /** Words that, after "new <thing>", celebrate getting it ("new bike DAY"). */
  newThingDays: string;
  /** Words for an earlier possession that needs replacing ("my old laptop"). */
  oldWords: string;
  /** Time units for "waited 3 hours". */
  timeUnits: string;
  /** Number words treated like digits. */
  numberWords: string;
  /** Verbs of buying that make an intent after "to" ("trying all day to BOOK"). */
  purchaseVerbs: string;
  /** Words that, a few words before "to <purchase verb>", make it an intent ("want", "trying"). */
  intentVerbs: string;
  /** Words after a negated intent that imply the author bought before ("never again", "anymore"). */
  againWords: string;
  /** Pieces of run-together hashtags that carry sentiment (`#servicefail`), `-` or `+` after a colon. */
  hashtagSentiment: string;
  /** Pieces of run-together hashtags that mark everyday chatter (`#GlowGiveaway`). */
  hashtagChatter: string;
  /** Whole hashtags that mark a creator's paid or gifted post (`#ad`, `#gifted`). */
  hashtagMedia: string;
  cues: readonly CueRow[];
}
