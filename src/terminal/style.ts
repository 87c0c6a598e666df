import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/**
 * Colour for one output stream. Node's styleText decides per stream: colour on a terminal
 * that supports it, none when the stream is a pipe or file, and NO_COLOR / FORCE_COLOR win.
 */
export function painter(stream: NodeJS.WritableStream & { isTTY?: boolean }): (format: Format, text: string) => string {
  return (format, text) => styleText(format, text, { stream });
}

/** Whether `stream` gets colour (the same rules as painter). */
export function hasColour(stream: NodeJS.WritableStream & { isTTY?: boolean }): boolean {
  return styleText('red', 'x', { stream }) !== 'x';
}
