import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a submitted form against a DTO class. Unlike the global ValidationPipe (which answers
 * 400), this returns per-field messages so the page can be shown again with what was typed.
 */
export async function validateForm<T extends object>(dto: ClassConstructor<T>, body: unknown): Promise<FormResult<T>> {
  const value = plainToInstance(dto, body ?? {}, { excludeExtraneousValues: false });
  const issues = await validate(value, { whitelist: true, forbidUnknownValues: false });
  if (issues.length === 0) return { ok: true, value };
  return { ok: false, errors: flattenErrors(issues) };
}

/** Nested errors become dotted keys, e.g. `rounds.0.title`. */
function flattenErrors(issues: ValidationError[], prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = `${prefix}${issue.property}`;
    const messages = Object.values(issue.constraints ?? {});
    if (messages.length > 0) errors[key] = messages[messages.length - 1]!;
    if (issue.children?.length) Object.assign(errors, flattenErrors(issue.children, `${key}.`));
  }
  return errors;
}

/** Values to show again in a rejected form: never echo passwords back. */
export function keepTyped(body: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body ?? {})) {
    if (!/password|_csrf/i.test(key)) kept[key] = value;
  }
  return kept;
}
