/**
 * The form that opens a case: title (required), unit, municipality, process template (the municipal
 * service innovation template by default), the managers who decide the gates (chosen from the people
 * in the conversation) and the case language. Fixed shape with repeated choices: a JSON template
 * (templates/openCaseFormCard.json). Submitted with `openCase`; read back by `parseOpenCaseSubmission`.
 */
import type { Language, Localized } from '../engine';
import { DEFAULT_TEMPLATE_ID, LIMITS } from '../engine';
import { cardTexts } from './cardTexts';
import type { AdaptiveCard } from './elements';
import { expandTemplate } from './expandTemplate';
import template from './templates/openCaseFormCard.json';
import { plainText } from './text';
import { CARD_VERBS, INPUT_IDS } from './verbs';

export interface OpenCaseFormInput {
  language: Language;
  /** The people in the conversation, to choose managers from. */
  members: readonly { personId: string; name: string }[];
  /** The templates a case can start on; only the newest version of each id is offered. */
  templates: readonly { id: string; version: number; title: Localized }[];
  /** Shown above the form, for example why the last submission was not accepted. Markdown, trusted. */
  notice?: string;
}

/** Above this many people a dropdown is easier to use than a list of checkboxes. */
const EXPANDED_MEMBER_LIMIT = 8;

export function openCaseFormCard(input: OpenCaseFormInput): AdaptiveCard {
  const { language } = input;
  const t = cardTexts.openCase;
  const newest = new Map<string, { id: string; version: number; title: Localized }>();
  for (const candidate of input.templates) {
    const known = newest.get(candidate.id);
    if (!known || candidate.version > known.version) newest.set(candidate.id, candidate);
  }
  const templates = [...newest.values()].map((entry) => ({
    id: entry.id,
    title: plainText(entry.title[language], 100),
  }));
  const defaultTemplate = newest.has(DEFAULT_TEMPLATE_ID) ? DEFAULT_TEMPLATE_ID : (templates[0]?.id ?? '');
  // Multi-select values come back comma-separated, so an id with a comma could not be told apart.
  const seen = new Set<string>();
  const members = input.members
    .filter(
      (member) => !member.personId.includes(',') && !seen.has(member.personId) && seen.add(member.personId),
    )
    .map((member) => ({
      personId: member.personId,
      name: plainText(member.name, 80) || cardTexts.common.unknownPerson[language],
    }));
  return expandTemplate(template, {
    verb: CARD_VERBS.openCase,
    ids: INPUT_IDS.openCase,
    limits: { title: LIMITS.title, unit: LIMITS.unit },
    language,
    hasNotice: input.notice !== undefined && input.notice !== '',
    notice: input.notice ?? '',
    templates,
    defaultTemplate,
    hasMembers: members.length > 0,
    members,
    managerStyle: members.length > EXPANDED_MEMBER_LIMIT ? 'compact' : 'expanded',
    t: Object.fromEntries(Object.entries(t).map(([key, text]) => [key, text[language]])),
  });
}
