/**
 * The timeline fold on its own (pure): how a case that stops, completes or is still paused ends its
 * bands and pauses, and that the picture never runs backwards.
 */
import { describe, expect, it } from 'vitest';
import { TimelineBuilder, type Presenter } from '../../dashboard/timeline';
import type { CaseEvent } from '../../engine';
import { CaseSpecification, openCommand, people, template } from '../engine/caseSpecification';
import { exampleCaseEvents } from '../research/exampleCase';
import { ideaOrigin, originCaseEvents, originTexts } from '../research/originCase';

const presenter: Presenter = {
  language: 'en',
  template,
  person: (id) => `person(${id})`,
  text: (value) => value,
  textBy: (_authors, value) => value,
  messageLinks: true,
};

function fold(events: readonly CaseEvent[], now: string) {
  const builder = new TimelineBuilder(presenter);
  events.forEach((event, i) => builder.add(i + 1, event));
  return builder.build(now);
}

describe('the timeline of a case', () => {
  it('ends where a completed case completed, with every band closed', () => {
    const { events } = exampleCaseEvents();
    const completedAt = events.find((event) => event.type === 'CaseCompleted')?.at;
    const timeline = fold(events, '2030-01-01T00:00:00.000Z');
    expect(timeline).toMatchObject({ ongoing: false, end: completedAt });
    expect(timeline.bands.every((band) => band.to !== undefined)).toBe(true);
    expect(timeline.bands.at(-1)).toMatchObject({ stageId: 'evaluation', to: completedAt });
    expect(timeline.marks.filter((mark) => mark.kind === 'completed')).toHaveLength(1);
    // Memos, roles and documentation are not drawn.
    expect(timeline.marks.map((mark) => mark.kind).sort()).toEqual([
      'barrier',
      'barrier',
      'completed',
      'idea',
      'idea',
      ...Array<string>(8).fill('reviewRequested'),
    ]);
  });

  it('ends a stopped case at the stop, closing a pause that was still open', () => {
    const spec = new CaseSpecification();
    spec.given(people.olga, openCommand());
    spec.after(60).given(people.mia, { type: 'PauseCase', reason: 'Budsjettet er usikkert' });
    spec.after(60).given(people.mia, { type: 'StopCase', reason: 'Ingen midler i år' });
    const stoppedAt = spec.events.at(-1)?.at;
    const timeline = fold(spec.events, '2030-01-01T00:00:00.000Z');
    expect(timeline).toMatchObject({ ongoing: false, end: stoppedAt });
    expect(timeline.pauses).toEqual([
      {
        from: spec.events.find((e) => e.type === 'CasePaused')?.at,
        to: stoppedAt,
        reason: 'Budsjettet er usikkert',
      },
    ]);
    expect(timeline.decisions.map((d) => `${d.outcome}:${d.by.join()}`)).toEqual([
      `paused:person(${people.mia})`,
      `stopped:person(${people.mia})`,
    ]);
    expect(timeline.bands).toEqual([expect.objectContaining({ stageId: 'define-challenge', to: stoppedAt })]);
  });

  it('runs a case that is still going, and a pause that is not over, to the time of the answer', () => {
    const spec = new CaseSpecification();
    spec.given(people.olga, openCommand());
    spec.after(60).given(people.mia, { type: 'PauseCase', reason: 'Sommerferie' });
    const now = '2030-01-01T00:00:00.000Z';
    const timeline = fold(spec.events, now);
    expect(timeline).toMatchObject({ ongoing: true, end: now });
    expect(timeline.bands[0]?.to).toBeUndefined();
    expect(timeline.pauses[0]?.to).toBeUndefined();
    // A clock behind the log (another server's) never makes the picture end before it starts.
    expect(fold(spec.events, '2000-01-01T00:00:00.000Z').end).toBe(timeline.start);
  });

  it('marks an idea or a barrier kept from a Teams message with its writer, time and link', () => {
    const timeline = fold(originCaseEvents('case-origin'), '2030-01-01T00:00:00.000Z');
    const [kept, typed, barrier] = timeline.marks.filter((m) => m.kind === 'idea' || m.kind === 'barrier');
    expect(kept).toMatchObject({
      kind: 'idea',
      text: originTexts.kept,
      by: `person(${people.olga})`,
      recordedVia: 'message',
      message: { by: `person(${people.mads})`, writtenAt: ideaOrigin.writtenAt, link: ideaOrigin.link },
    });
    expect(typed).toEqual(expect.objectContaining({ kind: 'idea', recordedVia: 'chat' }));
    expect(typed?.message).toBeUndefined();
    expect(barrier).toMatchObject({
      kind: 'barrier',
      recordedVia: 'message',
      message: { by: `person(${people.mads})` },
    });
  });

  it('gives no link to a viewer without message links, nor one that does not lead to Teams', () => {
    const events = originCaseEvents('case-origin');
    const researcher = new TimelineBuilder({ ...presenter, messageLinks: false });
    events.forEach((event, i) => researcher.add(i + 1, event));
    const marks = researcher.build('2030-01-01T00:00:00.000Z').marks;
    const kept = marks.find((m) => m.kind === 'idea');
    expect(kept?.message).toEqual({ by: `person(${people.mads})`, writtenAt: ideaOrigin.writtenAt });

    const elsewhere = events.map((event) =>
      event.type === 'IdeaRecorded' && event.origin !== undefined
        ? {
            ...event,
            origin: { ...event.origin, link: 'https://teams.microsoft.com.evil.example/l/message/1' },
          }
        : event,
    );
    const member = fold(elsewhere, '2030-01-01T00:00:00.000Z').marks.find((m) => m.kind === 'idea');
    expect(member?.message).toEqual({ by: `person(${people.mads})`, writtenAt: ideaOrigin.writtenAt });
  });

  it('asks whether the writer of a kept message declined, as well as the one who kept it', () => {
    const asked: string[][] = [];
    const builder = new TimelineBuilder({
      ...presenter,
      textBy: (authors, value) => {
        asked.push([authors].flat());
        return value;
      },
    });
    originCaseEvents('case-origin').forEach((event, i) => builder.add(i + 1, event));
    expect(asked).toEqual([[people.olga, people.mads], [people.olga], [people.olga, people.mads]]);
  });
});
