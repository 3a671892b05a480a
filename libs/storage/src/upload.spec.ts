import { sanitizeFileName } from '@plein/contracts';
import { describe, expect, it } from 'vitest';
import { detectDocumentType } from './upload.js';

const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 1)]);

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['huis\u0000regels.pdf', 'huisregels.pdf'],
    ['  rooster\tweek 12 .xlsx ', 'rooster week 12 .xlsx'],
    ['.verborgen', 'verborgen'],
    ['a<b>c:"d"|e?.txt', 'a_b_c__d__e_.txt'],
    ['evil\u202etxt.exe', 'evil_txt.exe'],
    ['', 'bestand'],
    ['../', 'bestand'],
  ])('%j → %j', (raw, clean) => expect(sanitizeFileName(raw)).toBe(clean));

  it('keeps the extension of a name cut to 200 characters', () => {
    const name = sanitizeFileName(`${'x'.repeat(500)}.docx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe('detectDocumentType (from the content, against the allow-list)', () => {
  it('knows allowed kinds by their bytes', async () => {
    expect(await detectDocumentType(PDF, 'brief.pdf')).toBe('application/pdf');
    expect(await detectDocumentType(PDF, 'zonder-extensie')).toBe('application/pdf');
    expect(await detectDocumentType(PNG, 'foto.png')).toBe('image/png');
    expect(await detectDocumentType(Buffer.from('naam;plaats\nAnna;Utrecht\n'), 'lijst.csv')).toBe(
      'text/csv',
    );
    expect(await detectDocumentType(Buffer.from('Gewoon tekst, één regel.\n'), 'notitie.txt')).toBe(
      'text/plain',
    );
  });

  it('refuses executables, unknown binaries and names that lie about the content', async () => {
    await expect(detectDocumentType(ELF, 'factuur.pdf')).rejects.toMatchObject({ status: 415 });
    await expect(detectDocumentType(Buffer.from([0, 1, 2, 3, 0, 0, 9]), 'x.bin')).rejects.toMatchObject({
      status: 415,
    });
    await expect(
      detectDocumentType(Buffer.from('#!/bin/sh\necho hoi\n'), 'rooster.pdf'),
    ).rejects.toMatchObject({
      status: 415,
    });
    await expect(detectDocumentType(PDF, 'foto.png')).rejects.toMatchObject({ status: 415 });
  });
});
