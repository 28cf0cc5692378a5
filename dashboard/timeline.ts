/**
 * The timeline picture of a case, folded from its events in log order: one band per stay in a stage
 * (a send-back or a second pass makes another band for the same stage, which is how loops show), the
 * gate decisions, the pauses, and ideas, barriers and review requests as marks. An idea or a barrier
 * says whether it was kept from a Teams message (who wrote it, when, and for the case's participants a
 * link back to it) or typed to the bot.
 *
 * Pure: the events, the template and the way people and free text are shown come in; the view comes out.
 */
import { isProcessEvent, type CaseEvent, type MessageOrigin } from '../engine/events';
import type { Language } from '../engine/localized';
import type { ProcessTemplate } from '../engine/template';
import { categoryLabel, stageTitle } from '../research/render';
import { OUTCOME_NAMES, type DecisionOutcome } from '../research/vocabulary';
import type {
  StageBandView,
  TimelineDecisionView,
  TimelineMarkView,
  TimelineMessageView,
  TimelineView,
} from './viewModel';

/** How the viewer sees people and free text (display names, or pseudonyms for a researcher). */
export interface Presenter {
  language: Language;
  template: ProcessTemplate;
  person(personId: string): string;
  text(value: string): string;
  /** Text written by these people: withheld from a researcher when one of them declined research use. */
  textBy(authors: string | readonly string[], value: string): string;
  /**
   * Whether the viewer gets links back to Teams messages: the case's own participants do, a researcher
   * who only reads never does (a link holds the chat's id).
   */
  messageLinks: boolean;
}

/** The only links back to a message the dashboard hands on: to Teams itself. */
const TEAMS_LINK_PREFIX = 'https://teams.microsoft.com/';

/** An idea's or a barrier's origin as the viewer may see it. */
function recordedVia(
  origin: MessageOrigin | undefined,
  p: Presenter,
): Pick<TimelineMarkView, 'recordedVia' | 'message'> {
  if (origin === undefined) return { recordedVia: 'chat' };
  const message: TimelineMessageView = {
    ...(origin.authorId !== undefined && { by: p.person(origin.authorId) }),
    ...(origin.writtenAt !== undefined && { writtenAt: origin.writtenAt }),
    ...(p.messageLinks &&
      origin.link !== undefined &&
      origin.link.startsWith(TEAMS_LINK_PREFIX) && { link: origin.link }),
  };
  return { recordedVia: 'message', message };
}

/** Who wrote an idea's or a barrier's words: the one who recorded it and, for a kept message, its writer. */
function authorsOf(actorId: string, origin: MessageOrigin | undefined): string[] {
  return origin?.authorId === undefined ? [actorId] : [actorId, origin.authorId];
}

export class TimelineBuilder {
  private start: string | undefined;
  private end: string | undefined;
  private readonly bands: StageBandView[] = [];
  private readonly decisions: TimelineDecisionView[] = [];
  private readonly pauses: TimelineView['pauses'] = [];
  private readonly marks: TimelineMarkView[] = [];
  /** The first moment of each day on which people did something in the case. */
  private readonly activity = new Map<string, string>();

  constructor(private readonly presenter: Presenter) {}

  add(seq: number, event: CaseEvent): void {
    const p = this.presenter;
    // Reminders are the bot's, memos the researchers', consent each person's own: not work on the case.
    if (isProcessEvent(event) && !this.activity.has(event.at.slice(0, 10))) {
      this.activity.set(event.at.slice(0, 10), event.at);
    }
    switch (event.type) {
      case 'CaseOpened':
        this.start = event.at;
        return;
      case 'StageEntered':
        this.closeBand(event.at);
        this.bands.push({
          stageId: event.stageId,
          stageTitle: this.stage(event.stageId),
          round: event.round,
          from: event.at,
          via: event.via,
        });
        return;
      case 'GateReviewRequested':
        this.marks.push({
          seq,
          at: event.at,
          kind: 'reviewRequested',
          stageId: event.stageId,
          by: p.person(event.actorId),
        });
        return;
      case 'GatePassed':
        this.decide(seq, event.at, event.outcome, event.stageId, event.approverIds, {
          ...(event.conditions.length > 0 && {
            conditions: event.conditions.map((c) => p.textBy(event.approverIds, c)),
          }),
        });
        return;
      case 'GateSentBack':
        this.decide(seq, event.at, 'sentBack', event.stageId, [event.actorId], {
          toStageId: event.toStageId,
          toStageTitle: this.stage(event.toStageId),
          reason: p.textBy(event.actorId, event.reason),
        });
        return;
      case 'GateReviewWithdrawn':
        this.decide(seq, event.at, 'withdrawn', event.stageId, [event.actorId], {
          ...(event.reason !== undefined && { reason: p.textBy(event.actorId, event.reason) }),
        });
        return;
      case 'CasePaused':
        this.decide(seq, event.at, 'paused', event.stageId, [event.actorId], {
          reason: p.textBy(event.actorId, event.reason),
        });
        this.pauses.push({ from: event.at, reason: p.textBy(event.actorId, event.reason) });
        return;
      case 'CaseResumed': {
        this.decide(seq, event.at, 'resumed', event.stageId, [event.actorId], {});
        const open = this.pauses.at(-1);
        if (open && open.to === undefined) open.to = event.at;
        return;
      }
      case 'CaseStopped':
        this.decide(seq, event.at, 'stopped', event.stageId, [event.actorId], {
          reason: p.textBy(event.actorId, event.reason),
        });
        this.closeAll(event.at);
        return;
      case 'CaseCompleted':
        this.marks.push({ seq, at: event.at, kind: 'completed' });
        this.closeAll(event.at);
        return;
      case 'IdeaRecorded': {
        const source = categoryLabel(p.template.ideaSources, event.source, p.language);
        this.marks.push({
          seq,
          at: event.at,
          kind: 'idea',
          stageId: event.stageId,
          ...(source !== undefined && { category: source }),
          text: p.textBy(authorsOf(event.actorId, event.origin), event.text),
          by: p.person(event.actorId),
          ...recordedVia(event.origin, p),
        });
        return;
      }
      case 'BarrierRecorded': {
        const category = categoryLabel(p.template.barrierCategories, event.category, p.language);
        this.marks.push({
          seq,
          at: event.at,
          kind: 'barrier',
          stageId: event.stageId,
          ...(category !== undefined && { category }),
          text: p.textBy(authorsOf(event.actorId, event.origin), event.text),
          by: p.person(event.actorId),
          ...recordedVia(event.origin, p),
        });
        return;
      }
      default:
        // Documentation, roles, reminders, memos, language and spreading are not drawn on the timeline.
        return;
    }
  }

  /** The picture so far; `now` ends the bands and pauses of a case that is still running. */
  build(now: string): TimelineView {
    const start = this.start ?? this.bands[0]?.from ?? now;
    return {
      start,
      end: this.end ?? (now < start ? start : now),
      ongoing: this.end === undefined,
      bands: this.bands.map((band) => ({ ...band })),
      decisions: [...this.decisions],
      pauses: this.pauses.map((pause) => ({ ...pause })),
      marks: [...this.marks],
      activity: [...this.activity.values()],
    };
  }

  private decide(
    seq: number,
    at: string,
    outcome: DecisionOutcome,
    stageId: string,
    deciderIds: readonly string[],
    extra: Partial<Pick<TimelineDecisionView, 'toStageId' | 'toStageTitle' | 'reason' | 'conditions'>>,
  ): void {
    this.decisions.push({
      seq,
      at,
      outcome,
      outcomeName: OUTCOME_NAMES[outcome][this.presenter.language],
      stageId,
      stageTitle: this.stage(stageId),
      by: deciderIds.map((id) => this.presenter.person(id)),
      ...extra,
    });
  }

  private stage(stageId: string): string {
    return stageTitle(this.presenter.template, stageId, this.presenter.language);
  }

  private closeBand(at: string): void {
    const current = this.bands.at(-1);
    if (current && current.to === undefined) current.to = at;
  }

  private closeAll(at: string): void {
    this.closeBand(at);
    const open = this.pauses.at(-1);
    if (open && open.to === undefined) open.to = at;
    this.end = at;
  }
}
