import type { ReactNode } from 'react';
import { markdownToText } from '../markdown-text';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
const unescape = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, name: string) => ENTITIES[name] ?? '');

/**
 * A search snippet: the service sends escaped text with the matched words in `<mark>…</mark>`. It is
 * rendered as text with real <mark> elements, never as HTML, so nothing else in it can ever become markup.
 * The text was written in Markdown: the snippet shows the words, not the `**` around them.
 */
export function Snippet({ html }: { html: string }) {
  const parts: ReactNode[] = [];
  markdownToText(html)
    .split(/<mark>(.*?)<\/mark>/s)
    .forEach((part, i) => {
      if (!part) return;
      parts.push(i % 2 === 1 ? <mark key={i}>{unescape(part)}</mark> : unescape(part));
    });
  return <p className="pl-snippet">{parts}</p>;
}
