/**
 * Every Adaptive Card the bot sends (version 1.5, Norwegian Bokmål, Nynorsk and English), the verbs and
 * data they carry, and the readers for what they send back. Pure: no I/O, no clock. Imports only engine/.
 *
 * Fixed-shape cards are JSON templates expanded with adaptivecards-templating (welcome, help, notice,
 * open-case form); cards whose shape follows the process template are TypeScript builders (status,
 * stage form, approval, recorded).
 */
export * from './verbs';
export type { AdaptiveCard, CardAction, CardElement, MentionEntity } from './elements';
export { CARD_BYTE_BUDGET, CARD_VERSION, cardBytes } from './elements';
export { cleanText, escapeMarkdown, mentionText, plainText, Summarizer } from './text';
export { calendarDate, personName } from './describe';
export { welcomeCard } from './welcomeCard';
export type { BotCommandHelp } from './helpCard';
export { helpCard } from './helpCard';
export type { NoticeKind } from './noticeCard';
export { noticeCard } from './noticeCard';
export type { OpenCaseFormInput } from './openCaseFormCard';
export { openCaseFormCard } from './openCaseFormCard';
export type { StatusCardInput } from './statusCard';
export { statusCard } from './statusCard';
export type { StageFormCardInput } from './stageFormCard';
export { stageFormCard } from './stageFormCard';
export { withTypedValues } from './typedValues';
export type { ApprovalCardInput } from './approvalCard';
export { approvalCard } from './approvalCard';
export type { RecordedCardInput } from './recordedCard';
export { recordedCard } from './recordedCard';
export type { RecordedSummary } from './documentationSummary';
export type { DialogCard, DialogSubmitAction, KeepMessageDialogInput } from './keepMessageCard';
export { keepMessageDialogCard, keepMessageDialogTitle } from './keepMessageCard';
export * from './submissions';
