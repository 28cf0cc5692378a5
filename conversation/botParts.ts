/**
 * The pieces the bot's turns, the dashboard's decisions, the reminder run and the outbox timer share,
 * built once per process by the composition root (runtime/bot.ts): the one effect runner and what it
 * renders with, and the conversation app the handlers work with.
 */
import { Outbox } from '../application/outbox';
import type { Logger } from '../platform/logger';
import { ConversationApp, type BotServices, type ConversationParts } from './app';
import { ConversationBook } from './conversationBook';
import { EffectRunner } from './effectRunner';
import type { IdentityOptions } from './identity';
import { PeopleView } from './peopleView';
import { QuestionLoop } from './questionLoop';

export type { BotServices } from './app';

export function botParts(services: BotServices, logger: Logger): ConversationParts {
  const people = new PeopleView(services.people);
  const book = new ConversationBook(services.conversations, logger);
  const questions = new QuestionLoop(book, people, services.log);
  const runner = new EffectRunner({
    outbox: services.outbox ?? new Outbox({ log: services.log, clock: services.clock, logger }),
    cases: services.cases,
    conversations: services.conversations,
    templates: services.templates,
    people,
    directory: services.people,
    book,
    questions,
    clock: services.clock,
    logger,
    ...(services.timeZone !== undefined && { timeZone: services.timeZone }),
  });
  return { logger, people, book, questions, runner };
}

/** The conversation app on its parts; `identity` says whether every actor must have an Entra id. */
export function conversationApp(
  services: BotServices,
  parts: ConversationParts,
  identity: IdentityOptions,
): ConversationApp {
  return new ConversationApp(services, parts, identity);
}
