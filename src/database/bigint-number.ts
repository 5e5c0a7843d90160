import type { ValueTransformer } from 'typeorm';

/** bigint comes back from pg as a string; every value the entities keep is below 2^53. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
