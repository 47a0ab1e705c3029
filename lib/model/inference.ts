import { z } from 'zod';

export const StageSchema = z.enum(['pre-purchase', 'purchase', 'post-purchase', 'none']);
export type Stage = z.infer<typeof StageSchema>;

export const DepartmentSchema = z.enum(['marketing', 'pr', 'sales', 'service', 'none']);
export type Department = z.infer<typeof DepartmentSchema>;

/** One cue found in a post: why the engine answered as it did. */
export const SignalSchema = z.object({
  /** Stable name of the cue, e.g. `price-question`, `my-order`, `negated-purchase`. */
  name: z.string(),
  /** The words of the post that matched (cut to a short excerpt). */
  matched: z.string(),
  /** How much it moved the answer; positive towards `stage` (or `department`). */
  weight: z.number(),
});
export type Signal = z.infer<typeof SignalSchema>;

/** The engine's answer for one post. */
export const InferenceSchema = z.object({
  stage: StageSchema,
  department: DepartmentSchema,
  /** 0..1: how sure the engine is of `stage`. */
  confidence: z.number().min(0).max(1),
  /** One line: what this person needs now and how the owner should answer. */
  personaHint: z.string(),
  signals: z.array(SignalSchema),
});
export type Inference = z.infer<typeof InferenceSchema>;

/** The team's own words, which make the engine sharper (all optional: generic mode without). */
export const TeamTermsSchema = z.object({
  brands: z.array(z.string().min(1).max(100)).max(50).default([]),
  handles: z.array(z.string().min(1).max(100)).max(50).default([]),
  products: z.array(z.string().min(1).max(100)).max(200).default([]),
  competitors: z.array(z.string().min(1).max(100)).max(50).default([]),
});
export type TeamTerms = z.infer<typeof TeamTermsSchema>;

export { DEPARTMENT_LABEL, STAGE_LABEL } from './labels';
