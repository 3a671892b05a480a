import { useMemo } from 'react';
import { renderMarkdown } from '../markdown';

/**
 * User-written text (Markdown) as it is meant to look: bold, lists, links. Sanitised (see `renderMarkdown`):
 * no raw HTML, only web, e-mail and relative links, each with rel="noopener noreferrer".
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return (
    <div
      className={`pl-markdown${className ? ` ${className}` : ''}`}
      // Safe: the HTML comes from renderMarkdown, which escapes raw HTML and sanitises with DOMPurify.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
