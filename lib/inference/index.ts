import type { Inference, TeamTerms } from '../model';
import { compilePack, type CompiledPack } from './compile';
import { analyse, languageOf } from './engine';
import { personaHint } from './hints';
import { LANGUAGE_PACKS } from './lang';
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
 * The author's buyer stage, the owning department, a persona hint and the signals behind them,
 * for one post. Pure and synchronous; reads at most the first few thousand characters of the
 * text, in time linear in what it reads; never throws.
 */
export function infer(text: string, options?: { terms?: TeamTerms }): Inference {
  const input = typeof text === 'string' ? text : '';
  try {
    return analyse(input, options?.terms, pickPack(input));
  } catch {
    // A bug must not take the feed down with it: the badge shows "no stage" and says why.
    return { ...FALLBACK, signals: [...FALLBACK.signals] };
  }
}
