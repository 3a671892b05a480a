import { describe, expect, it } from 'vitest';
import { plainText } from './index-writer.js';

describe('what search indexes', () => {
  it('is text, not Markdown syntax', () => {
    const d = plainText({
      type: 'comment' as const,
      id: 'c1',
      title: '**Nieuwe werkwijze** overdracht',
      body: '## Let op\n- Vul het _overdrachtsformulier_ in\n- Zie [het handboek](https://plein.example/handboek)',
      updatedAt: '2026-11-29T00:00:00.000Z',
    });
    expect(d.title).toBe('Nieuwe werkwijze overdracht');
    expect(d.body).toBe('Let op\nVul het overdrachtsformulier in\nZie het handboek');
    expect(d.body).not.toMatch(/[*_#[\]]/);
  });
});
