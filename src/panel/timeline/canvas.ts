/**
 * Canvas helpers of the timeline: sizing a canvas for the device pixel ratio (everything is
 * drawn in CSS pixels on a pre-scaled context) and the glyphs the timeline repeats: the flag of
 * findings, a dashed line, a downward triangle.
 */

/** Prepares a canvas for CSS size w×h at the device pixel ratio; returns its 2D context. */
export function sizeCanvas(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D | null {
  const dpr = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
  const pw = Math.max(1, Math.round(w * dpr));
  const ph = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== pw || canvas.height !== ph) {
    canvas.width = pw;
    canvas.height = ph;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Draws a findings flag: a pole at x from `top`, `h` px high, with a pennant. */
export function flagGlyph(ctx: CanvasRenderingContext2D, x: number, top: number, h: number, color: string): void {
  ctx.fillStyle = color;
  ctx.fillRect(Math.round(x) - 0.5, top, 1.5, h);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 1, top);
  ctx.lineTo(Math.round(x) + 8, top + 3);
  ctx.lineTo(Math.round(x) + 1, top + 6.5);
  ctx.closePath();
  ctx.fill();
}

/** Strokes a dashed line from (x0, y0) to (x1, y1) in `color` with a `dash`-px pattern (CSS px); the dash is reset after. */
export function dashedLine(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, color: string, dash: number): void {
  ctx.strokeStyle = color;
  ctx.setLineDash([dash, dash]);
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Fills a triangle pointing down at (x, tipY), `half` px to each side at `tipY − height` (CSS px). */
export function triangleDown(ctx: CanvasRenderingContext2D, x: number, tipY: number, half: number, height: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(x - half, tipY - height);
  ctx.lineTo(x + half, tipY - height);
  ctx.lineTo(x, tipY);
  ctx.closePath();
  ctx.fill();
}
