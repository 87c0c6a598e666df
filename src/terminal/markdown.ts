import { stripVTControlCharacters } from 'node:util';
import { Marked, type MarkedExtension } from 'marked';
import { markedTerminal } from 'marked-terminal';
import wrapAnsi from 'wrap-ansi';

/**
 * Markdown (the feedback report) drawn for a terminal: headings, bold, lists and quotes
 * styled instead of shown as ## and **, text reflowed to `width` columns. Without colour the
 * styling escapes are removed and the layout stays.
 */
export function renderForTerminal(markdown: string, opts: { width: number; colour: boolean }): string {
  // breaks: a single newline is a line break, as the chat surfaces show the report.
  const marked = new Marked({ breaks: true }, markedTerminal({ width: opts.width, reflowText: true, tab: 2, emoji: false, showSectionPrefix: false }) as MarkedExtension);
  // marked-terminal prints a list item's text without its inline formatting (**score** stays
  // as typed); parsing the item's inline tokens draws them like the rest of the report.
  marked.use({
    renderer: {
      text(token) {
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
      },
    },
  });
  const drawn = (marked.parse(markdown, { async: false }) as string).replace(/\n{3,}/g, '\n\n').trimEnd();
  // reflowText covers paragraphs only; list items (the per-question lines) are wrapped here,
  // continuing under their own text rather than under the number.
  const out = drawn.split('\n').map((line) => hang(line, opts.width)).join('\n');
  return opts.colour ? out : stripVTControlCharacters(out);
}

function hang(line: string, width: number): string {
  if (stripVTControlCharacters(line).length <= width) return line;
  const indent = /^\s*(?:(?:[*-]|\d+\.)\s+)?/.exec(stripVTControlCharacters(line))![0].length;
  const [first = '', ...rest] = wrapAnsi(line, width - indent, { hard: true, trim: false }).split('\n');
  return [first, ...rest.map((l) => ' '.repeat(indent) + l.trimStart())].join('\n');
}
