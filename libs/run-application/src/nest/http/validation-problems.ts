import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** Every constraint that failed, nested ones included, each with its property path (`criteria.currencies[0]`). */
export function fieldProblems(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const path =
      parent === ''
        ? error.property
        : isIndex
          ? `${parent}[${error.property}]`
          : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...fieldProblems(error.children ?? [], path)];
  });
}

/** The body of a 400: a stable code and every problem, so a client can fix all of them at once. */
export function invalidRequest(problems: readonly FieldProblem[]): BadRequestException {
  return new BadRequestException({
    error: {
      code: 'REQUEST.INVALID',
      message: problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '),
      problems,
    },
  });
}

/**
 * Request bodies are validated with their DTO classes; unknown properties are refused (a typo in an
 * optional field must not silently mean "any").
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => invalidRequest(fieldProblems(errors)),
  });
}
