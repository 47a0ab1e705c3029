import { z } from 'zod';
import { ApiErrorSchema } from '../../lib/model';

/** Query and path pieces shared by several routes. */

export const limitParam = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`at most this many (1..${max}, default ${fallback})`);

export const beforeTime = z
  .string()
  .datetime({ offset: true })
  .optional()
  .describe('only entries older than this instant (ISO 8601), for the next page');

export const NotFound = ApiErrorSchema;
export const Problem = ApiErrorSchema;
