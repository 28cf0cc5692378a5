/**
 * The decision form under a gate review that waits for the viewer: the same five outcomes as the
 * approval card in the chat, with the fields each needs. A radio group in a fieldset with a legend; the
 * fields of other outcomes are hidden (and not required); problems are announced in a live region.
 */
import type { PendingApprovalView, ViewLanguage } from '../dashboard/viewModel';
import type { DecisionBody } from './api';
import { h, uniqueId } from './dom';
import { t, type TextKey } from './texts';

type Outcome = DecisionBody['outcome'];

const OUTCOMES: [Outcome, TextKey][] = [
  ['approve', 'decideApprove'],
  ['approveWithConditions', 'decideApproveWithConditions'],
  ['sendBack', 'decideSendBack'],
  ['pause', 'decidePause'],
  ['stop', 'decideStop'],
];

/** Which fields each outcome shows; the required ones are marked. */
const FIELDS: Record<
  Outcome,
  { name: 'conditions' | 'reason' | 'toStageId' | 'comment'; required: boolean }[]
> = {
  approve: [{ name: 'comment', required: false }],
  approveWithConditions: [
    { name: 'conditions', required: true },
    { name: 'comment', required: false },
  ],
  sendBack: [
    { name: 'toStageId', required: true },
    { name: 'reason', required: true },
  ],
  pause: [{ name: 'reason', required: true }],
  stop: [{ name: 'reason', required: true }],
};

export type SubmitDecision = (body: DecisionBody, status: HTMLElement) => Promise<void>;

export function decisionForm(
  gate: PendingApprovalView,
  language: ViewLanguage,
  submit: SubmitDecision,
): HTMLElement {
  const formId = uniqueId('decision');
  const status = h('p', { class: 'decision-status', role: 'status' });
  const radios = h('div', { class: 'outcomes' });
  for (const [outcome, label] of OUTCOMES) {
    const id = `${formId}-${outcome}`;
    radios.append(
      h(
        'span',
        { class: 'outcome' },
        h('input', { type: 'radio', id, name: 'outcome', value: outcome, checked: outcome === 'approve' }),
        h('label', { for: id }, t(language, label)),
      ),
    );
  }
  const field = (name: string, label: TextKey, control: HTMLElement): HTMLElement => {
    control.id = `${formId}-${name}`;
    return h(
      'div',
      { class: 'field', 'data-field': name },
      h('label', { for: control.id }, t(language, label)),
      control,
    );
  };
  const targets = h(
    'select',
    { name: 'toStageId' },
    ...gate.sendBackTargets.map((stage) =>
      h('option', { value: stage.id, selected: stage.id === gate.stageId }, stage.title),
    ),
  );
  const fields = [
    field('conditions', 'decideConditions', h('textarea', { name: 'conditions', rows: 3, maxlength: 4000 })),
    field('toStageId', 'decideSendBackTo', targets),
    field('reason', 'decideReason', h('textarea', { name: 'reason', rows: 3, maxlength: 4000 })),
    field('comment', 'decideComment', h('textarea', { name: 'comment', rows: 2, maxlength: 4000 })),
  ];
  const button = h('button', { type: 'submit' }, t(language, 'decideSubmit'));
  const form = h(
    'form',
    { class: 'decision', 'data-case-id': gate.caseId, novalidate: true },
    h('fieldset', {}, h('legend', {}, t(language, 'decideLegend', { stage: gate.stageTitle })), radios),
    ...fields,
    button,
    status,
  );

  const chosen = (): Outcome =>
    (form.querySelector<HTMLInputElement>('input[name="outcome"]:checked')?.value ?? 'approve') as Outcome;
  const showFields = (): void => {
    const wanted = FIELDS[chosen()];
    for (const element of fields) {
      const spec = wanted.find((f) => f.name === element.dataset['field']);
      element.hidden = spec === undefined;
      const control = element.querySelector<HTMLTextAreaElement | HTMLSelectElement>('textarea, select');
      if (control) control.required = spec?.required === true;
    }
  };
  radios.addEventListener('change', showFields);
  showFields();

  // One id per decision: kept when the same decision is sent again after a failure, new after a change.
  let decisionId = crypto.randomUUID();
  form.addEventListener('input', () => (decisionId = crypto.randomUUID()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const outcome = chosen();
    const body: DecisionBody = { stageId: gate.stageId, requestSeq: gate.requestSeq, outcome, decisionId };
    for (const spec of FIELDS[outcome]) {
      const control = form.querySelector<HTMLTextAreaElement | HTMLSelectElement>(`[name="${spec.name}"]`);
      const value = control?.value.trim() ?? '';
      if (value === '' && spec.required) {
        status.className = 'decision-status error';
        status.textContent = t(language, 'decideMissing', {
          field: control?.labels?.[0]?.textContent ?? spec.name,
        });
        control?.focus();
        return;
      }
      if (value !== '') body[spec.name] = value;
    }
    button.disabled = true;
    status.className = 'decision-status';
    status.textContent = t(language, 'decideSending');
    void submit(body, status).finally(() => {
      button.disabled = false;
    });
  });
  return form;
}
