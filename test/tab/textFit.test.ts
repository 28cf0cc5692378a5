/**
 * Fitting the timeline's labels (tab/textFit.ts, pure): a long stage name is wrapped between words
 * rather than cut, what is still too long is shortened with "…" and says so (so the picture offers the
 * full name), and labels in one line of text are left out rather than drawn over each other.
 */
import { describe, expect, it } from 'vitest';
import { estimatedWidth, extent, keepApart, wrapLabel } from '../../tab/textFit';

describe('fitting the timeline labels', () => {
  it('wraps a long stage name between words instead of cutting it', () => {
    const fitted = wrapLabel('Operasjonalisering og innføring', 178, 12, 2);
    expect(fitted).toEqual({ lines: ['Operasjonalisering og', 'innføring'], shortened: false });
    for (const line of fitted.lines) expect(estimatedWidth(line, 12)).toBeLessThanOrEqual(178);
  });

  it('keeps a short name on one line', () => {
    expect(wrapLabel('Definere utfordringen', 178, 12, 2)).toEqual({
      lines: ['Definere utfordringen'],
      shortened: false,
    });
  });

  it('shortens what does not fit in the lines it has, and says it did', () => {
    const name = 'Forankring hos politisk og administrativ ledelse i kommunen og fylkeskommunen';
    const fitted = wrapLabel(name, 178, 12, 2);
    expect(fitted.shortened).toBe(true);
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]?.endsWith('…')).toBe(true);
    for (const line of fitted.lines) expect(estimatedWidth(line, 12)).toBeLessThanOrEqual(178);
  });

  it('cuts a single word longer than a line, and says it did', () => {
    const fitted = wrapLabel('Tjenesteinnovasjonsprosessevalueringsrapport', 100, 12, 2);
    expect(fitted.shortened).toBe(true);
    expect(fitted.lines).toHaveLength(1);
    expect(estimatedWidth(fitted.lines[0] ?? '', 12)).toBeLessThanOrEqual(100);
  });

  it('leaves out a label that would touch one already drawn, keeping the first', () => {
    const labels = [
      { x: 100, anchor: 'middle' as const, width: 40 },
      { x: 130, anchor: 'middle' as const, width: 40 },
      { x: 160, anchor: 'middle' as const, width: 40 },
      { x: 300, anchor: 'end' as const, width: 80 },
    ];
    expect(keepApart(labels, 4)).toEqual([0, 2, 3]);
    expect(extent({ x: 300, anchor: 'end', width: 80 })).toEqual({ from: 220, to: 300 });
  });
});
