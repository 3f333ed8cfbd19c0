/**
 * Minutes documents written for the import tests, in each form a committee website or a
 * clerk produces: a ModernGov "Agenda and minutes" page, a printed-minutes page, a Word
 * document and a PDF (both generated here, never committed), and hostile files.
 */
import { deflateRawSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { Document, HeadingLevel, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** A ModernGov "Agenda and minutes" page: numbers alone in a cell, titles in capitals, document links, agenda text, then "Minutes:". */
export const MODERNGOV_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<title>Agenda and minutes - Community Safety Partnership - Thursday, 26th October, 2023 2.00 pm</title>
<script>window.stolen = document.cookie; alert('page script ran');</script>
<style>.mgAiTitleTxt { font-weight: bold }</style>
</head>
<body onload="alert('onload ran')">
<div id="skipLinks"><a href="#modgov">Skip to content</a></div>
<header><nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/mgListCommittees.aspx">Committees</a></li></ul></nav></header>
<div id="modgov">
<div class="mgContent">
<h1 class="mgMainTitleTxt">Agenda and minutes</h1>
<h2 class="mgSubTitleTxt">Community Safety Partnership - Thursday, 26th October, 2023 2.00 pm</h2>
<p class="mgSubSubTitleTxt">Venue: Civic Centre, Committee Room 1</p>
<p>Contact: Jo Clerk, Principal Committee Co-ordinator</p>
<ul class="mgActionList">
<li><a href="agenda.pdf">Agenda frontsheet <img alt="pdf icon" src="pdf.gif"> PDF 120 KB</a></li>
<li><a href="minutes.pdf">Printed minutes <img alt="pdf icon" src="pdf.gif"> PDF 200 KB</a></li>
</ul>
<h2 class="mgSubTitleTxt">Items</h2>
<table class="mgItemTable">
<tr><th>No.</th><th>Item</th></tr>
<tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt">31.</p></td>
<td><p class="mgAiTitleTxt">FILMING AT MEETINGS</p>
<div class="mgWordPara"><p>Please note this meeting may be filmed or recorded for live or later broadcast.</p></div>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>The Chair referred to the notice of filming at meetings and the information was noted.</p></div></td>
</tr>
<tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt">32.</p></td>
<td><p class="mgAiTitleTxt">APOLOGIES</p>
<div class="mgWordPara"><p>To receive any apologies for absence.</p></div>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>Apologies for absence were received from Supt Pat Police, with the substitution of Insp Dee Deputy for Supt Pat Police.</p></div></td>
</tr>
<tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt">33.</p></td>
<td><p class="mgAiTitleTxt">DECLARATIONS OF INTEREST</p>
<div class="mgWordPara"><p>Members are asked to declare any interests in items on this agenda.</p></div>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>Dr Hana Health declared a personal interest in item 34 as a trustee of a local mental health charity.</p></div></td>
</tr>
<tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt">34.</p></td>
<td><p class="mgAiTitleTxt">PROBATION UPDATE REPORT</p>
<ul class="mgBulletList"><li><a href="probation.pdf"><img alt="pdf icon" src="pdf.gif"> PDF 463 KB</a></li></ul>
<p>Additional documents:</p>
<ul class="mgBulletList"><li><a href="appendix.pdf">Appendix A - caseload figures <img alt="pdf icon" src="pdf.gif"> PDF 88 KB</a></li></ul>
<div class="mgWordPara"><p>AGENDA-ONLY: The report updates the Partnership on probation caseloads.</p></div>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara">
<p>The Board received an update on probation caseloads and the new accommodation pathway.</p>
<p>RESOLVED</p>
<ul><li>That the report be noted.</li></ul>
<p>Action: Cllr Ada Chair to write to the regional probation director about hostel places.</p>
<p><a href="mgIssueHistoryHome.aspx?IId=1">View the full minutes text for item 34</a></p>
</div></td>
</tr>
<tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt">35.</p></td>
<td><p class="mgAiTitleTxt">SCHOOL EXCLUSIONS REPORT</p>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>This item was deferred to the next meeting.</p></div></td>
</tr>
<tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt">36.</p></td>
<td><p class="mgAiTitleTxt">EXCLUSION OF THE PRESS AND PUBLIC</p>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>RESOLVED that the press and public be excluded from the meeting for the following item as it contains exempt information as defined in paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.</p></div></td>
</tr>
<tr>
<td class="mgItemNumberCell"><p class="mgAiTitleTxt">37.</p></td>
<td><p class="mgAiTitleTxt">CCTV CONTRACT AWARD</p>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara"><p>SECRET-TENDER: The Board considered the confidential tender prices from the bidders.</p><p>RESOLVED that the contract be awarded to the preferred bidder.</p></div></td>
</tr>
</table>
<script>document.write('<p>SCRIPT-TEXT injected</p>')</script>
<noscript><p>NOSCRIPT-TEXT</p></noscript>
<iframe src="https://example.invalid/"><p>IFRAME-TEXT</p></iframe>
<p><img src="x" onerror="alert('img ran')" alt="IMG-ALT"></p>
</div>
</div>
<footer><p>Copyright Test Borough Council</p></footer>
</body>
</html>
`;

/** A printed-minutes page: attendance first, then the numbered items. */
export const PRINTED_MINUTES_PAGE = `<!DOCTYPE html>
<html><head><title>Minutes</title></head>
<body>
<div id="modgov">
<h1>Minutes of the Community Safety Partnership</h1>
<p>HELD ON Thursday, 26th October, 2023, 14.00</p>
<p><strong>PRESENT:</strong> Cllr Ada Chair (Chair), Dr Hana Health and Hal Deputy (Test NHS)</p>
<p><strong>ALSO PRESENT:</strong> Kate Watson, Sam Officer (Public Health), Committee Clerk</p>
<p><strong>Apologies:</strong> Supt Pat Police (Insp Dee Deputy substituted)</p>
<h2>12. FILMING AT MEETINGS</h2>
<p>The Chair referred to the notice of filming at meetings.</p>
<h2>13. MINUTES</h2>
<p>RESOLVED</p>
<ul><li>That the minutes of the meeting held on 13 July 2023 be confirmed as an accurate record.</li></ul>
<h2>14. ANTI-SOCIAL BEHAVIOUR HOTSPOTS</h2>
<p>The Board considered the hotspot analysis for the town centre.</p>
<p>The Committee Clerk would circulate the hotspot maps to partners.</p>
<p>ACTION – Committee Clerk</p>
<p>Dr Hana Health agreed to share the hospital assault figures at the next meeting.</p>
<p>RESOLVED that the hotspot analysis be noted.</p>
<h2>15. DATES OF FUTURE MEETINGS</h2>
<p>18 January 2024.</p>
<p>The meeting ended at 3.35 pm</p>
<p>CHAIR:</p>
<p>Signed by Chair</p>
<p>Date</p>
</div>
</body></html>
`;

/** A Word document of minutes, generated with docx: headings, bold labels, bullets. */
export async function wordMinutes(): Promise<Buffer> {
  // Run options typed apart: a literal in place is also read as a string, whose `bold` is deprecated.
  const run = (text: string, bold = false) => {
    const options: IRunOptions = { text, bold };
    return new TextRun(options);
  };
  const p = (text: string, strong = false) => new Paragraph({ children: [run(text, strong)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Community Safety Partnership', heading: HeadingLevel.HEADING_1 }),
          p('Minutes of the meeting held on Thursday, 18th January, 2024 2.00 pm at the Civic Centre'),
          new Paragraph({
            children: [run('Present: ', true), new TextRun('Cllr Ada Chair (Chair); Supt Pat Police; Dr Hana Health')],
          }),
          new Paragraph({
            children: [run('In attendance: ', true), new TextRun('Committee Clerk')],
          }),
          new Paragraph({ text: '21. FILMING AT MEETINGS', heading: HeadingLevel.HEADING_2 }),
          p('The Chair referred to the notice of filming.'),
          new Paragraph({ text: '22. APOLOGIES', heading: HeadingLevel.HEADING_2 }),
          p('There were no apologies.'),
          new Paragraph({ text: '23. DOMESTIC ABUSE STRATEGY', heading: HeadingLevel.HEADING_2 }),
          p('The Board discussed the draft domestic abuse strategy and the refuge commissioning plan.'),
          new Paragraph({ text: 'The refuge places needed to double by 2026.', bullet: { level: 0 } }),
          new Paragraph({ text: 'Outreach needed to reach rural wards.', bullet: { level: 0 } }),
          p('RESOLVED', true),
          new Paragraph({ text: 'That the draft strategy be approved for consultation.', bullet: { level: 0 } }),
          p('ACTION: Dr Hana Health to report the health consultation responses.'),
          new Paragraph({ text: '24. DATES OF FUTURE MEETINGS', heading: HeadingLevel.HEADING_2 }),
          p('11 April 2024.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A PDF of minutes with a text layer, over two pages, with wrapped paragraphs. */
export async function pdfMinutes(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const boldFont = await pdf.embedFont(StandardFonts.HelveticaBold);
  const pages: [string, boolean, number][][] = [
    [
      ['COMMUNITY SAFETY PARTNERSHIP', true, 0],
      ['MINUTES OF MEETING HELD ON Thursday, 11th April, 2024, 14.00', false, 1],
      ['PRESENT: Cllr Ada Chair (Chair); Supt Pat Police; Dr Hana Health', false, 2],
      ['41. FILMING AT MEETINGS', true, 2],
      ['The Chair referred to the notice of filming at meetings and', false, 1],
      ['those present noted the information.', false, 0],
      ['42. YOUTH VIOLENCE REDUCTION', true, 2],
      ['The Board received the youth violence needs assessment, which', false, 1],
      ['showed a fall in knife crime but a rise in robbery of young people.', false, 0],
    ],
    [
      ['RESOLVED', true, 0],
      ['- That the needs assessment be noted.', false, 1],
      ['Action: Supt Pat Police to brief ward panels on the robbery trend.', false, 2],
      ['43. DATES OF FUTURE MEETINGS', true, 2],
      ['11 July 2024.', false, 1],
    ],
  ];
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 790;
    for (const [text, isBold, gap] of lines) {
      y -= 16 + gap * 10;
      page.drawText(text, { x: 56, y, size: 11, font: isBold ? boldFont : font });
    }
  }
  return Buffer.from(await pdf.save());
}

/** A PDF with no text layer: a page of drawn shapes only, as a scan would be. */
export async function pdfWithoutText(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  for (let i = 0; i < 20; i++)
    page.drawRectangle({ x: 50, y: 800 - i * 30, width: 400, height: 8, color: rgb(0.2, 0.2, 0.2) });
  return Buffer.from(await pdf.save());
}

/** A zip archive with the given parts (deflated), optionally lying about their sizes. */
function zip(parts: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const crc = (b: Buffer) => ((zlib as unknown as { crc32?: (b: Buffer) => number }).crc32?.(b) ?? 0) >>> 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const packed = deflateRawSync(part.data, { level: 9 });
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc(part.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc(part.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A zip bomb posing as a Word document: 300 MB of zeros in word/document.xml, honestly declared. */
export function zipBomb(): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'word/document.xml', data: Buffer.alloc(300 * 1024 * 1024) },
  ]);
}

/** A zip bomb that lies: its directory says 2 KB, the part inflates to 300 MB. */
export function lyingZipBomb(): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'word/document.xml', data: Buffer.alloc(300 * 1024 * 1024), declaredSize: 2048 },
  ]);
}

/** Bytes that are no kind of document (a fixed pseudo-random sequence). */
export function garbage(n = 64 * 1024): Buffer {
  const out = Buffer.alloc(n);
  let x = 2463534242;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
