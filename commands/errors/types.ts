import type { Language } from '../../domain/people';
import type { DomainError } from '../../domain/result';
import type { ParseError } from '../command';

/** A business refusal or a parse failure: what a reply may have to say no about. */
export type ReplyError = DomainError | ParseError;

/** The words of some refusals, in both languages, each written against its own code's fields. */
export type ErrorTexts<Code extends ReplyError['code']> = { [C in Code]: Record<Language, (error: Extract<ReplyError, { code: C }>) => string> };
