/**
 * Draws the Teams app icons, manifest/color.png (192×192) and manifest/outline.png (32×32), from one
 * geometric motif: three steps rising towards a gate. Run it after changing the motif:
 *
 *   npx tsx scripts/makeIcons.ts
 *
 * The PNGs are committed; test/manifest checks that they are exactly what this script draws, so a
 * hand-edited icon or a forgotten re-run is caught.
 *
 * Every shape is an axis-aligned rectangle on a 32-unit grid. The outline icon is drawn at one pixel
 * per unit and the colour icon at four, so every edge falls on a pixel boundary at both sizes: no
 * anti-aliasing is needed, and the outline icon holds only fully white or fully transparent pixels,
 * which is what Teams asks of it (it tints the white itself).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/** A rectangle on the 32-unit grid: from (x0, y0) inclusive to (x1, y1) exclusive. */
interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Rgba = readonly [number, number, number, number];

/** The steps a case climbs, lowest first, rising to the right. */
export const STEPS: readonly Rect[] = [
  { x0: 2, y0: 24, x1: 8, y1: 30 },
  { x0: 8, y0: 18, x1: 14, y1: 30 },
  { x0: 14, y0: 12, x1: 20, y1: 30 },
];

/** The gate at the top of the steps: two posts, a beam and a wider cap. */
export const GATE: readonly Rect[] = [
  { x0: 22, y0: 6, x1: 24, y1: 30 },
  { x0: 28, y0: 6, x1: 30, y1: 30 },
  { x0: 22, y0: 8, x1: 30, y1: 10 },
  { x0: 21, y0: 4, x1: 31, y1: 6 },
];

/** The app's accent colour (manifest `accentColor`) and the colour icon's background. */
export const ACCENT_COLOR = '#2B5B84';
const GATE_COLOR: Rgba = [0xf2, 0xc1, 0x4e, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

function hexToRgba(hex: string): Rgba {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16), 0xff];
}

function fill(png: PNG, rect: Rect, scale: number, offset: number, color: Rgba): void {
  for (let y = rect.y0 * scale + offset; y < rect.y1 * scale + offset; y++) {
    for (let x = rect.x0 * scale + offset; x < rect.x1 * scale + offset; x++) {
      const i = (y * png.width + x) * 4;
      png.data[i] = color[0];
      png.data[i + 1] = color[1];
      png.data[i + 2] = color[2];
      png.data[i + 3] = color[3];
    }
  }
}

/**
 * 192×192, full-bleed accent background (Teams rounds the corners itself), the motif at four pixels
 * per unit in the middle 128×128, white steps and a golden gate.
 */
export function drawColorIcon(): PNG {
  const png = new PNG({ width: COLOR_ICON_SIZE, height: COLOR_ICON_SIZE });
  fill(png, { x0: 0, y0: 0, x1: COLOR_ICON_SIZE, y1: COLOR_ICON_SIZE }, 1, 0, hexToRgba(ACCENT_COLOR));
  const scale = 4;
  const offset = (COLOR_ICON_SIZE - 32 * scale) / 2;
  for (const step of STEPS) fill(png, step, scale, offset, WHITE);
  for (const part of GATE) fill(png, part, scale, offset, GATE_COLOR);
  return png;
}

/** 32×32, transparent background, the motif in white at one pixel per unit. */
export function drawOutlineIcon(): PNG {
  // A new PNG's buffer is all zeros: fully transparent.
  const png = new PNG({ width: OUTLINE_ICON_SIZE, height: OUTLINE_ICON_SIZE });
  for (const part of [...STEPS, ...GATE]) fill(png, part, 1, 0, WHITE);
  return png;
}

/** PNG bytes, always RGBA with an alpha channel (Teams requires transparency in the outline icon). */
export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

export const ICON_DIR = path.resolve(__dirname, '..', 'manifest');

function main(): void {
  mkdirSync(ICON_DIR, { recursive: true });
  const files = [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ] as const;
  for (const [name, png] of files) {
    const target = path.join(ICON_DIR, name);
    writeFileSync(target, encodePng(png));
    console.log(`wrote ${path.relative(process.cwd(), target)} (${png.width}×${png.height})`);
  }
}

// Draw only when run as a script, not when the test imports the drawing functions.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(__filename)) main();
