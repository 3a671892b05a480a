import { describe, expect, it } from 'vitest';
import { isSafeHref } from './markdown';
import { markdownToText } from './markdown-text';

describe('Markdown for previews', () => {
  it('shows the words without their syntax', () => {
    expect(markdownToText('**Nieuwe werkwijze** voor de _overdracht_')).toBe(
      'Nieuwe werkwijze voor de overdracht',
    );
    expect(markdownToText('## Rooster\n- maandag\n- dinsdag')).toBe('Rooster\nmaandag\ndinsdag');
    expect(markdownToText('Zie [het handboek](https://plein.example/handboek) en `code`')).toBe(
      'Zie het handboek en code',
    );
    expect(markdownToText('**<mark>Nieuwe</mark> werkwijze**')).toBe('<mark>Nieuwe</mark> werkwijze');
    expect(markdownToText('3 * 4 = 12 en snake_case_name')).toBe('3 * 4 = 12 en snake_case_name');
  });
});

describe('links in user-written text', () => {
  it('allows the web, e-mail and Plein itself; refuses every other scheme', () => {
    for (const ok of [
      'https://plein.example',
      'http://x.nl/a',
      'mailto:a@b.nl',
      '/groepen/1',
      'mensen/2',
      '#top',
      '?q=1',
    ])
      expect(isSafeHref(ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc',
    ])
      expect(isSafeHref(bad), bad).toBe(false);
  });
});
