import { describe, expect, it } from 'vitest';
import { Attachment, PostCreate, isSafeLink } from './timelines.js';

describe('isSafeLink: what a stored link may be', () => {
  it.each([
    'https://www.plein.example/rooster.pdf',
    'http://intranet.plein.example/oud',
    'https://example.org/zoek?q=inloop#uitleg',
    '/api/client/v1/people/00000000-0000-4000-8000-000000000201/photo?size=thumb',
    '/mijn/groepen',
  ])('accepts %s', (link) => expect(isSafeLink(link)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/bestand',
    '//evil.example/pad',
    '/\\evil.example',
    'https:/\\evil.example',
    'https://',
    'rooster.pdf',
    'mailto:iemand@plein.example',
  ])('refuses %s', (link) => expect(isSafeLink(link)).toBe(false));
});

describe('post attachments and cover images', () => {
  const post = { body: 'Zie bijlage', audience: 'organization' as const };

  it('a javascript: or data: attachment is a 400-worthy error on attachments.N.ref', () => {
    for (const ref of ['javascript:alert(1)', 'data:text/html,<b>hoi</b>']) {
      const parsed = PostCreate.safeParse({ ...post, attachments: [{ kind: 'link', ref }] });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['attachments.0.ref']);
    }
  });

  it('an https link, a Plein path and a document id are accepted', () => {
    const attachments = [
      { kind: 'link', ref: 'https://www.plein.example/nieuws' },
      { kind: 'image', ref: '/api/client/v1/people/x/photo' },
      { kind: 'document', ref: '4b0b8a6e-3f57-4f43-9a8e-0e7c1c6c2f11' },
    ];
    expect(PostCreate.safeParse({ ...post, attachments }).success).toBe(true);
    expect(Attachment.safeParse({ kind: 'link', ref: 'https://x.example' }).success).toBe(true);
  });

  it('an article cover image follows the same rule', () => {
    const article = { type: 'article', body: 'Tekst', title: 'Column', audience: 'organization' };
    expect(PostCreate.safeParse({ ...article, coverImage: 'javascript:alert(1)' }).success).toBe(false);
    expect(PostCreate.safeParse({ ...article, coverImage: 'https://www.plein.example/a.jpg' }).success).toBe(
      true,
    );
  });
});
