/**
 * No font that resvg can draw text with was found: the user's machine needs DejaVu Sans (or
 * SCALECAST_FONT_DIR). Kept apart from the renderer so that reporting it loads no chart library.
 */
import { UserError } from '../core/userError.js';

export class ChartFontError extends UserError {
  readonly code = 'no-font';
  constructor(message: string) {
    super('output', message);
    this.name = 'ChartFontError';
  }
}
