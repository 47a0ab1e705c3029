import type { LanguagePack } from '../types';
import { en } from './en';

/**
 * The language packs the engine knows, first one the default. Adding a language is one more file
 * in this folder and one more entry here.
 */
export const LANGUAGE_PACKS: readonly LanguagePack[] = [en];
