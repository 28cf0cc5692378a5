/**
 * Opening a case, from the chat ("ny sak Tittel @leder") or from the open-case form: the case id comes
 * from the activity (so a redelivered "new case" finds the case it opened), the conversation's active
 * case becomes the new one, the group is told, and the first question is asked (an effect of the engine).
 * Also the data of the open-case form: the conversation's members to choose managers from.
 */
import type { CaseState, Language } from '../engine';
import { DEFAULT_TEMPLATE_ID, stageOf } from '../engine';
import { escapeMarkdown } from '../cards';
import type { ConversationApp } from './app';
import { texts } from './botTexts';
import type { Turn } from './turn';

export interface CaseToOpen {
  title: string;
  unit?: string;
  municipality?: string;
  managerIds: string[];
  language: Language;
  templateId?: string;
}

export async function openCase(app: ConversationApp, turn: Turn, details: CaseToOpen): Promise<CaseState> {
  const template = app.services.templates.latest(details.templateId ?? DEFAULT_TEMPLATE_ID);
  const caseId = app.idFor(turn, 'case');
  const outcome = await app.run(turn, caseId, {
    type: 'OpenCase',
    caseId,
    title: details.title,
    ...(details.unit !== undefined && { unit: details.unit }),
    ...(details.municipality !== undefined && { municipality: details.municipality }),
    conversationId: turn.conversationId,
    template: { id: template.id, version: template.version },
    language: details.language,
    managerIds: details.managerIds,
  });
  await app.makeActive(turn, caseId);
  // Said again for a redelivery too: its first delivery's reply may never have got out.
  const firstStage = stageOf(template, outcome.state.currentStageId).title;
  await app.say(
    turn,
    texts.caseOpened(escapeMarkdown(outcome.state.title), firstStage),
    outcome.state.language,
  );
  await app.carryOut(turn, outcome);
  return outcome.state;
}

/** The open-case form's choices: the conversation's members (as managers) and the templates. */
export async function openCaseFormData(app: ConversationApp, turn: Turn, language: Language) {
  const members: { personId: string; name: string }[] = [];
  try {
    const roster = await turn.members.all();
    for (const member of roster) {
      const personId = member.aadObjectId ?? member.teamsUserId;
      members.push({ personId, name: member.name });
    }
    await app.rememberPeople(
      roster.map((member) => ({
        personId: member.aadObjectId ?? member.teamsUserId,
        displayName: member.name,
        teamsUserId: member.teamsUserId,
        ...(member.aadObjectId !== undefined && { aadObjectId: member.aadObjectId }),
        seenAt: turn.at,
      })),
    );
  } catch (error) {
    // Outside Teams (or without permission) the form still works; managers can be named later.
    app.logger.warn('Could not list conversation members', { error: String(error) });
    members.push({ personId: turn.actorId, name: turn.actorName });
  }
  const templates = app.services.templates
    .all()
    .map((t) => ({ id: t.id, version: t.version, title: t.title }));
  return { language, members, templates };
}
