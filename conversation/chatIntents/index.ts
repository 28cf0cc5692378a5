/**
 * Every chat intent and its handler, checked by the compiler: adding an intent to `BotIntent`
 * (commandParser.ts) does not compile until it has a handler here.
 */
import type { IntentKind } from '../commandParser';
import { answer } from './answer';
import { barrier } from './barrier';
import type { ChatHandler } from './chatIntent';
import { haltCase } from './haltCase';
import { help } from './help';
import { idea } from './idea';
import { join } from './join';
import { language } from './language';
import { listCases } from './listCases';
import { nextQuestion } from './nextQuestion';
import { notApplicable } from './notApplicable';
import { openCase } from './openCase';
import { ownLanguage } from './ownLanguage';
import { requestReview } from './requestReview';
import { researchConsent } from './researchConsent';
import { resume } from './resume';
import { role } from './role';
import { skip } from './skip';
import { stageForm } from './stageForm';
import { status } from './status';
import { switchCase } from './switchCase';
import { withdrawReview } from './withdrawReview';

export const CHAT_INTENTS: { [K in IntentKind]: ChatHandler<K> } = {
  help,
  openCase,
  listCases,
  switchCase,
  status,
  stageForm,
  nextQuestion,
  skip,
  notApplicable,
  answer: answer,
  text: answer,
  idea,
  barrier,
  requestReview,
  withdrawReview,
  language,
  ownLanguage,
  join,
  role,
  pause: haltCase,
  stop: haltCase,
  resume,
  declineResearch: researchConsent,
  allowResearch: researchConsent,
};
