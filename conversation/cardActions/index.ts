/**
 * Every card verb (cards/verbs.ts) and its handler, checked by the compiler: a new verb does not compile
 * until it has a handler here.
 */
import type { CardActionTable } from './cardAction';
import { decideGate } from './decideGate';
import { joinCase } from './joinCase';
import { openCase } from './openCase';
import { recordDocumentation } from './recordDocumentation';
import { refreshApproval } from './refreshApproval';
import { requestReview } from './requestReview';
import { showOpenCaseForm } from './showOpenCaseForm';
import { showStageForm } from './showStageForm';
import { showStatus } from './showStatus';
import { switchCase } from './switchCase';

export const CARD_ACTIONS: CardActionTable = {
  openCase,
  showOpenCaseForm,
  recordDocumentation,
  showStageForm,
  showStatus,
  requestReview,
  decideGate,
  refreshApproval,
  refreshStatus: showStatus,
  switchCase,
  joinCase,
};
