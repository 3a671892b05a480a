import { PDFDocument, type PDFFont, StandardFonts, rgb } from 'pdf-lib';

export interface StartLetterInput {
  firstName: string;
  username: string;
  startCode: string;
  portalUrl: string;
  mentorName: string;
  issuedAt: Date;
}

/** Splits text into lines no wider than `width` at this font size. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The one-page start letter for a client without e-mail, in plain Dutch: where to go, the username and the
 * start code, and that they choose their own password the first time. Large type; the code in a box.
 */
export async function startLetterPdf(input: StartLetterInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Je startbrief voor Plein');
  pdf.setLanguage('nl-NL');
  pdf.setCreator('Plein');
  const page = pdf.addPage([595.28, 841.89]); // A4
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.CourierBold);
  const left = 60;
  const width = 595.28 - 2 * left;
  let y = 770;
  const ink = rgb(0.1, 0.1, 0.1);
  const text = (t: string, size: number, font = regular, gap = 8) => {
    for (const line of wrap(t, font, size, width)) {
      page.drawText(line, { x: left, y, size, font, color: ink });
      y -= size + gap;
    }
  };
  const date = input.issuedAt.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

  text('Welkom bij Plein', 28, bold, 14);
  text(`Hallo ${input.firstName},`, 16, regular, 10);
  y -= 6;
  text(
    'Met deze brief kun je voor het eerst inloggen op Plein. Plein is de plek voor nieuws, vragen en contact met je begeleider.',
    14,
  );
  y -= 10;
  text('1. Ga naar deze website:', 15, bold);
  text(input.portalUrl, 16, mono, 14);
  text('2. Vul je gebruikersnaam in:', 15, bold);
  text(input.username, 16, mono, 14);
  text('3. Vul je startcode in bij wachtwoord:', 15, bold);
  page.drawRectangle({
    x: left,
    y: y - 12,
    width: width,
    height: 40,
    borderColor: ink,
    borderWidth: 1.5,
  });
  page.drawText(input.startCode, { x: left + 14, y: y, size: 22, font: mono, color: ink });
  y -= 56;
  text('4. Kies daarna zelf een nieuw wachtwoord. Dat vraagt Plein je meteen.', 15, bold);
  y -= 10;
  text(
    'De startcode werkt maar één keer. Bewaar je nieuwe wachtwoord goed en vertel het aan niemand. Lukt het niet? Vraag je begeleider om een nieuwe startcode.',
    13,
  );
  y -= 10;
  text(`Je begeleider: ${input.mentorName}`, 13);
  text(`Gemaakt op ${date}`, 11);
  return pdf.save();
}
