import type { Inference, TeamTerms } from '../model';
import { compilePack, type CompiledPack } from './compile';
import { analyse, languageOf } from './engine';
import { personaHint } from './hints';
import { LANGUAGE_PACKS } from './lang';
import { isOwnHandle } from './terms';
import { tokenize } from './tokenize';

export type { CueRow, LanguagePack } from './types';

const PACKS: readonly CompiledPack[] = LANGUAGE_PACKS.map(compilePack);

function pickPack(text: string): CompiledPack {
  const first = PACKS[0] as CompiledPack;
  if (PACKS.length === 1) return first;
  for (const pack of PACKS) {
    if (languageOf(tokenize(text, pack.keyer)) === 'yes') return pack;
  }
  return first;
}

const FALLBACK: Inference = {
  stage: 'none',
  department: 'none',
  confidence: 0.05,
  personaHint: personaHint({
    stage: 'none', department: 'none', topic: null, urgent: false, churn: false, blocked: false,
    notEnglish: false, competitor: null,
  }),
  signals: [{ name: 'engine-error', matched: '', weight: 0 }],
};

/**
 * The team's own post (its ad, its announcement) has no customer behind it: nobody to answer,
 * nothing to flag, whatever its words ("Order the new Glide today" is not a buyer).
 */
function ownPost(author: string): Inference {
  return {
    stage: 'none',
    department: 'none',
    confidence: 0.99,
    personaHint: "Your team's own post: no customer to answer",
    signals: [{ name: 'own-handle', matched: `@${author.replace(/^@/, '').slice(0, 60)}`, weight: 0 }],
  };
}

/**
 * The author's buyer stage, the owning department, a persona hint and the signals behind them,
 * for one post. Pure and synchronous; reads at most the first few thousand characters of the
 * text, in time linear in what it reads; never throws.
 */
export function infer(text: string, options?: { terms?: TeamTerms; author?: string }): Inference {
  const input = typeof text === 'string' ? text : '';
  try {
    if (options?.author && isOwnHandle(options.author, options.terms)) return ownPost(options.author);
    return analyse(input, options?.terms, pickPack(input));
  } catch {
    // A bug must not take the feed down with it: the badge shows "no stage" and says why.
    return { ...FALLBACK, signals: [...FALLBACK.signals] };
  }
}
