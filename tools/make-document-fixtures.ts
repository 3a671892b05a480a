// Makes the demo documents (real, small PDF and DOCX files, Dutch and fictional) that the documents seed and the
// tests use: `node tools/make-document-fixtures.ts` (pdf-lib and docx are dev dependencies). The files are
// checked in, so the seed needs neither library; run this again only to change them.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

const here = resolve(import.meta.dirname, '../deploy/seed/documents');

async function pdf(file: string, title: string, paragraphs: string[]): Promise<void> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor('Stichting Plein (demo)');
  doc.setCreationDate(new Date('2026-01-05T09:00:00Z'));
  doc.setModificationDate(new Date('2026-01-05T09:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage([595, 842]);
  let y = 780;
  page.drawText(title, { x: 50, y, size: 20, font: bold, color: rgb(0.1, 0.2, 0.4) });
  y -= 36;
  for (const p of paragraphs) {
    const words = p.split(' ');
    let line = '';
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, 11) > 495) {
        page.drawText(line, { x: 50, y, size: 11, font });
        y -= 16;
        line = w;
      } else line = next;
      if (y < 60) {
        page = doc.addPage([595, 842]);
        y = 780;
      }
    }
    if (line) page.drawText(line, { x: 50, y, size: 11, font });
    y -= 26;
  }
  await writeFile(resolve(here, file), await doc.save({ useObjectStreams: false }));
}

async function docx(file: string, title: string, paragraphs: string[]): Promise<void> {
  const doc = new Document({
    creator: 'Stichting Plein (demo)',
    title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
          ...paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })),
        ],
      },
    ],
  });
  await writeFile(resolve(here, file), await Packer.toBuffer(doc));
}

await pdf('huisregels.pdf', 'Huisregels De Linde', [
  'Welkom in De Linde. Deze huisregels zijn er zodat iedereen zich hier thuis en veilig voelt.',
  'We zijn vriendelijk tegen elkaar. Schelden, dreigen en geweld horen hier niet.',
  'Het huis is rookvrij. Roken mag alleen in de tuin, bij de bank onder de lindeboom.',
  'Na 22.00 uur is het rustig in de gangen. Bezoek is welkom tot 21.30 uur.',
  'Heb je een vraag of een probleem? Vraag het je begeleider, of bel de dienstdoende medewerker.',
]);
await pdf('aanmeldformulier-dagbesteding.pdf', 'Aanmeldformulier dagbesteding', [
  'Naam: ____________________________   Geboortedatum: ______________',
  'Op welke dagen wil je komen?   maandag  /  dinsdag  /  woensdag  /  donderdag  /  vrijdag',
  'Wat wil je graag doen?   houtwerkplaats  /  moestuin  /  kookgroep  /  creatief atelier',
  'Lever dit formulier in bij je begeleider. Je hoort binnen twee weken of er plek is.',
]);
await docx('protocol-agressie.docx', 'Protocol agressie en ongewenst gedrag', [
  'Dit protocol beschrijft wat medewerkers doen bij verbale of fysieke agressie van een cliënt of bezoeker.',
  'Stap 1: blijf rustig, houd afstand en benoem het gedrag. Zorg voor je eigen veiligheid en die van anderen.',
  'Stap 2: waarschuw een collega via de portofoon of de alarmknop. Bij direct gevaar bel je 112.',
  'Stap 3: meld het incident dezelfde dag met het meldingsformulier incidenten (MIC) in Plein.',
  'Stap 4: de teamleider plant binnen drie werkdagen een nagesprek met de betrokken medewerker.',
  'Trefwoorden voor de nazorg: de-escalatie, opvangteam, bedrijfsmaatschappelijk werk.',
]);
console.log('demo documents written to', here);
