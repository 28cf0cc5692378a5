/**
 * The pieces the bot, the reminder run and the outbox timer share, built once per process by the
 * composition root (runtime/bot.ts): the one effect runner and what it renders with.
 */
import { Outbox } from '../application/outbox';
import type { Logger } from '../platform/logger';
import { ConversationBook } from './conversationBook';
import { EffectRunner } from './effectRunner';
import type { BotServices } from './innovationBot';
import { PeopleView } from './peopleView';
import { QuestionLoop } from './questionLoop';

export interface BotParts {
  logger: Logger;
  people: PeopleView;
  book: ConversationBook;
  questions: QuestionLoop;
  runner: EffectRunner;
}

export function botParts(services: BotServices, logger: Logger): BotParts {
  const people = new PeopleView(services.people);
  const book = new ConversationBook(services.conversations, logger);
  const questions = new QuestionLoop(book, people);
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
