/**
 * An error-code registry derived from the problem `code` enums of the OpenAPI document: the runtime's
 * standard codes (@shipshape/contracts) keep their status and title; any other code gets a status guessed
 * from its name and a `TODO(owner):` description for a person to confirm.
 */
import { standardErrorCodes } from '@shipshape/contracts';
import { stringify } from 'yaml';
import { TODO } from './markdown.js';

const GUESSES: [RegExp, number][] = [
  [/NOT_FOUND$/, 404],
  [/UNAUTHENTICATED|UNAUTHORI[SZ]ED/, 401],
  [/FORBIDDEN|PERMISSION|DENIED/, 403],
  [/CONFLICT|IN_FLIGHT|ALREADY_EXISTS|DUPLICATE/, 409],
  [/TOO_LARGE/, 413],
  [/UNSUPPORTED_MEDIA/, 415],
  [/MISMATCH|UNPROCESSABLE/, 422],
  [/RATE_LIMIT|TOO_MANY/, 429],
  [/UNAVAILABLE/, 503],
  [/INVALID|VALIDATION|MALFORMED|BAD_REQUEST|MISSING|REQUIRED/, 400],
];

const humanize = (short: string) => short.charAt(0) + short.slice(1).toLowerCase().replace(/_/g, ' ');

export function renderRegistry(codes: string[], org: string | undefined, service: string): string {
  const entries = codes.map((code) => {
    const short = code.split('.').pop()!;
    const standard = (
      standardErrorCodes as Record<string, { status: number; title: string; description: string }>
    )[short];
    const status = standard?.status ?? GUESSES.find(([re]) => re.test(short))?.[1] ?? 500;
    return {
      code,
      status,
      title: standard?.title ?? humanize(short),
      description:
        standard?.description ??
        `${TODO} when this code is answered (status ${status} guessed from its name).`,
    };
  });
  const header = [
    `# Error-code registry of ${service}: every problem+json \`code\` its OpenAPI document declares.`,
    '# Written by `shipshape adopt`; never reuse a code.',
  ].join('\n');
  return `${header}\n${stringify({ ...(org ? { org } : {}), service, codes: entries }, { lineWidth: 0 })}`;
}
