/**
 * "reserver meg" / "no research" and "forskning ok" / "research ok": a participant's own contributions
 * may (not) be used for research; exports withhold the free text of those who declined.
 */
import { texts } from '../botTexts';
import { replyText } from '../reply';
import { onCase } from './chatIntent';

export const researchConsent = onCase<'declineResearch' | 'allowResearch'>(
  async (app, turn, intent, here) => {
    const declined = intent.kind === 'declineResearch';
    await app.run(turn, here.state.caseId, {
      type: 'RecordResearchConsent',
      consent: declined ? 'declined' : 'given',
    });
    return replyText(declined ? texts.researchDeclined : texts.researchAllowed);
  },
);
