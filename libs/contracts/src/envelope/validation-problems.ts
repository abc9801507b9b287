import type { ValidationError } from 'class-validator';

/** One thing wrong with a message, at a property path such as `data.lines[0].chargeAmount`. */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

function childPath(parentPath: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parentPath}[${property}]`;
  return parentPath === '' ? property : `${parentPath}.${property}`;
}

function ownProblems(error: ValidationError, path: string): ValidationProblem[] {
  const messages = Object.values(error.constraints ?? {});
  if (messages.length === 0) return [];
  // Every validator of a missing property fails; one problem says it better than five.
  if (error.value === undefined) return [{ path, message: 'is missing' }];
  return messages.map((message) => ({
    path,
    message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
  }));
}

/** Flattens class-validator's error tree into one problem per broken rule, each with its full path. */
export function validationProblems(
  errors: readonly ValidationError[],
  parentPath: string,
): ValidationProblem[] {
  return errors.flatMap((error) => {
    const path = childPath(parentPath, error.property);
    return [...ownProblems(error, path), ...validationProblems(error.children ?? [], path)];
  });
}

/** The dead-letter reason: every problem, `path: message`, separated by `; `. */
export function describeProblems(problems: readonly ValidationProblem[]): string {
  return problems
    .map((problem) => (problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`))
    .join('; ');
}
