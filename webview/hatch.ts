/**
 * Hatching for areas in high-contrast themes: a small tile of lines or dots in the series' colour,
 * repeated, so stacked areas differ by pattern and not only by colour (chart.ts chooses which).
 */

export type Hatch = 'diagonal' | 'backDiagonal' | 'horizontal' | 'vertical' | 'cross' | 'dots';

const TILE = 8;

/** Hatching patterns, made once per pattern and colour (a theme change starts a new set). */
export class HatchPatterns {
  private readonly made = new Map<string, CanvasPattern | string>();

  constructor(private readonly doc: Document) {}

  /** The pattern, or the plain colour where the canvas cannot make one. */
  get(hatch: Hatch, color: string): CanvasPattern | string {
    const key = JSON.stringify([hatch, color]);
    let pattern = this.made.get(key);
    if (pattern === undefined) {
      pattern = this.make(hatch, color);
      this.made.set(key, pattern);
    }
    return pattern;
  }

  private make(hatch: Hatch, color: string): CanvasPattern | string {
    const tile = this.doc.createElement('canvas');
    tile.width = TILE;
    tile.height = TILE;
    const ctx = tile.getContext('2d');
    if (!ctx) return color;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.5;
    const line = (x1: number, y1: number, x2: number, y2: number) => {
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    };
    switch (hatch) {
      case 'diagonal':
        // The corners too, so the stripes run on across tiles.
        line(0, TILE, TILE, 0);
        line(-1, 1, 1, -1);
        line(TILE - 1, TILE + 1, TILE + 1, TILE - 1);
        break;
      case 'backDiagonal':
        line(0, 0, TILE, TILE);
        line(TILE - 1, -1, TILE + 1, 1);
        line(-1, TILE - 1, 1, TILE + 1);
        break;
      case 'horizontal':
        line(0, TILE / 2, TILE, TILE / 2);
        break;
      case 'vertical':
        line(TILE / 2, 0, TILE / 2, TILE);
        break;
      case 'cross':
        line(0, TILE / 2, TILE, TILE / 2);
        line(TILE / 2, 0, TILE / 2, TILE);
        break;
      case 'dots':
        ctx.beginPath();
        ctx.arc(TILE / 2, TILE / 2, 1.5, 0, 2 * Math.PI);
        ctx.fill();
        break;
    }
    return ctx.createPattern(tile, 'repeat') ?? color;
  }
}
