import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

/**
 * The one Markdown dialect of Plein's user-written text (posts, comments, announcements, and whatever the
 * services still to come show): CommonMark with GitHub's extras and line breaks as typed. Raw HTML in the
 * text is shown as text, never as markup; the output goes through DOMPurify with a short list of tags.
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Someone typing `<b>` or `<script>` sees exactly that: Plein's text has no raw HTML.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    // Headings inside a post must not compete with the page's own: a heading becomes a strong paragraph.
    heading({ tokens }: Tokens.Heading) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
    // Images would load from anywhere (tracking pixels, huge files): a link to them instead.
    image: ({ href, text }: Tokens.Image) => `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
  },
});

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

/** Links may go to the web, to an e-mail address or inside Plein; nothing else (no javascript:, data:). */
export function isSafeHref(href: string): boolean {
  const value = href.trim();
  if (/^(https?:|mailto:)/i.test(value)) return true;
  // Relative: no scheme at all (a colon before any / ? or # would be one).
  return !/^[^/?#]*:/.test(value);
}

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName !== 'A') return;
      const href = node.getAttribute('href');
      if (href === null || !isSafeHref(href)) node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer');
      if (/^https?:/i.test(href ?? '')) node.setAttribute('target', '_blank');
    });
    hooked = true;
  }
  return DOMPurify;
}

/** Markdown to sanitised HTML, for `Markdown` (needs a DOM: the browser). */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false });
  return purifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'rel', 'target', 'start', 'align'],
    ALLOW_DATA_ATTR: false,
  });
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
