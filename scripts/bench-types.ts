/** One line of `npm run bench`: a figure, its target, and whether it meets it. */
export type BenchRow = { name: string; value: string; target: string; ok: boolean };
