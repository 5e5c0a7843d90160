import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DomainError } from './domain-error.js';
import { ApiProblems } from './api-problems.decorator.js';
import { codeForSlug, PROBLEM_CATALOG, type ProblemCode, problemType } from './problem-catalog.js';

class ProblemTypeDto {
  @ApiProperty({ example: '/problems/bundle-expired' })
  type: string;
  @ApiProperty({ example: 'BUNDLE_EXPIRED' })
  code: ProblemCode;
  @ApiProperty({ example: 410 })
  status: number;
  @ApiProperty({ example: 'The bundle has expired' })
  title: string;
}

/** Makes every problem `type` URI resolvable, as RFC 9457 recommends. */
@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  @Get()
  @ApiOperation({ summary: 'List every problem type the API can answer with' })
  @ApiOkResponse({ type: [ProblemTypeDto] })
  list(): ProblemTypeDto[] {
    return (Object.keys(PROBLEM_CATALOG) as ProblemCode[]).map(describe);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'Describe one problem type' })
  @ApiOkResponse({ type: ProblemTypeDto })
  @ApiProblems('NOT_FOUND')
  get(@Param('slug') slug: string): ProblemTypeDto {
    const code = codeForSlug(slug);
    if (!code) throw new DomainError('NOT_FOUND', `No problem type '${slug}'`);
    return describe(code);
  }
}

function describe(code: ProblemCode): ProblemTypeDto {
  return { type: problemType(code), code, ...PROBLEM_CATALOG[code] };
}
