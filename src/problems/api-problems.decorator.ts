import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { PROBLEM_CATALOG, type ProblemCode, problemType } from './problem-catalog.js';
import { ProblemDto } from './problem.dto.js';

/** Documents the problem+json answers a route can give, grouped by status. */
export function ApiProblems(...codes: ProblemCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set([...codes, 'INTERNAL_ERROR' as const])) {
    const status = PROBLEM_CATALOG[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...byStatus].map(([status, group]) =>
      ApiResponse({
        status,
        description: group.map((c) => `\`${c}\`: ${PROBLEM_CATALOG[c].title}`).join('; '),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(ProblemDto) },
            example: {
              type: problemType(group[0]),
              title: PROBLEM_CATALOG[group[0]].title,
              status,
              detail: PROBLEM_CATALOG[group[0]].title,
              instance: '/v1/bundles',
              code: group[0],
            },
          },
        },
      }),
    ),
  );
}
