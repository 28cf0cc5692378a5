/**
 * Fitting the timeline's texts into their room before the picture is on the page (so nothing can be
 * measured yet): a text's width is estimated from its length, on the wide side, and labels are wrapped,
 * shortened or left out so that none runs into another. Whatever is shortened keeps its full text in a
 * tooltip and in the list beside the picture (see timelineSvg.ts and render.ts).
 *
 * Pure (no DOM), so it is tested on its own.
 */

/** The average advance of a character, as a share of the font size: wide enough for DejaVu and Segoe. */
const CHARACTER_WIDTH = 0.62;

/** About how wide `text` is in a font of `fontSize` pixels (never narrower than it will be drawn). */
export function estimatedWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * CHARACTER_WIDTH;
}

export interface FittedLabel {
  lines: string[];
  /** Some of the text did not fit: the last line ends in "…", and the full text must be offered. */
  shortened: boolean;
}

/**
 * `text` in at most `maxLines` lines of at most `width` pixels, broken between words; a word longer than
 * a line, or words left over after the last line, end that line in "…".
 */
export function wrapLabel(text: string, width: number, fontSize: number, maxLines: number): FittedLabel {
  const fits = (line: string): boolean => estimatedWidth(line, fontSize) <= width;
  const words = text.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let shortened = false;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const current = lines.at(-1);
    if (current !== undefined && fits(`${current} ${word}`)) {
      lines[lines.length - 1] = `${current} ${word}`;
    } else if (lines.length < maxLines) {
      lines.push(word);
    } else {
      shortened = true;
      break;
    }
  }
  const cut = (line: string): string => {
    let kept = [...line];
    while (kept.length > 1 && !fits(`${kept.join('').trimEnd()}…`)) kept = kept.slice(0, -1);
    return `${kept.join('').trimEnd()}…`;
  };
  // A word too long for its line is cut; if words were left over, the last line says so.
  const fitted = lines.map((line, index) => {
    if (!fits(line)) {
      shortened = true;
      return cut(line);
    }
    return shortened && index === lines.length - 1 ? cut(line) : line;
  });
  return { lines: fitted, shortened };
}

export interface PlacedLabel {
  /** Where the label is anchored, and how it is anchored there. */
  x: number;
  anchor: 'start' | 'middle' | 'end';
  width: number;
}

/** The horizontal extent of a placed label. */
export function extent(label: PlacedLabel): { from: number; to: number } {
  const from =
    label.anchor === 'start'
      ? label.x
      : label.anchor === 'end'
        ? label.x - label.width
        : label.x - label.width / 2;
  return { from, to: from + label.width };
}

/**
 * Which of `labels` (in one line of text, left to right) to draw so that no two come closer than
 * `margin` pixels: each is kept only when it clears every label kept before it. Returns their indexes.
 */
export function keepApart(labels: readonly PlacedLabel[], margin: number): number[] {
  const kept: number[] = [];
  const extents: { from: number; to: number }[] = [];
  labels.forEach((label, index) => {
    const own = extent(label);
    if (extents.some((other) => own.from < other.to + margin && other.from < own.to + margin)) return;
    kept.push(index);
    extents.push(own);
  });
  return kept;
}
