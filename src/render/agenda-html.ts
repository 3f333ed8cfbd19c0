/**
 * What an HTML agenda adds to the agenda's data: the meeting's notes as sanitised HTML
 * (the one markdown pipeline of the website), papers as links to the files in the
 * record, and the contact's e-mail as a mailto link.
 */
import path from 'node:path';
import type { MeetingEntry } from '../model/types.js';
import { renderMarkdown } from './html/markdown.js';
import { escapeHtml } from './html/escape.js';
import { paperKey } from './site/view.js';
import type { AgendaData, ItemView, PaperView } from './agenda.js';

/** The agenda's view for agenda.html.hbs. */
export type AgendaHtmlView = AgendaData & {
  notes_html: string;
  contact_text: string;
  contact_mailto?: string;
  items: (ItemView & { papers: (PaperView & { href?: string })[] })[];
};

/** A relative link from `fromDir` to a file, with each segment percent-encoded. */
function fileHref(fromDir: string, abs: string): string {
  return path
    .relative(fromDir, abs)
    .split(path.sep)
    .map((seg) => (seg === '..' ? seg : encodeURIComponent(seg)))
    .join('/');
}

/**
 * Builds the view. `linkDir` is the folder the agenda will be read from (that of --out,
 * else the working directory): links to papers are relative to it.
 */
export function agendaHtmlView(
  data: AgendaData,
  entry: MeetingEntry,
  linkDir: string,
): { view: AgendaHtmlView; problem?: string } {
  const paperAbs = (p: string) => path.join(entry.dir, ...paperKey(p).split('/'));
  const resolveLink = (url: string): string | undefined => {
    const clean = url.split(/[?#]/)[0] ?? '';
    let rel: string;
    try {
      rel = path.posix.normalize(decodeURIComponent(clean));
    } catch {
      return undefined;
    }
    return entry.papers.has(rel) ? fileHref(linkDir, paperAbs(rel)) : undefined;
  };
  const rendered =
    data.notes_md === '' ? { html: { value: '' } } : renderMarkdown(data.notes_md, { headingBase: 3, resolveLink });
  let notes: string;
  let problem: string | undefined;
  if ('problem' in rendered) {
    problem = rendered.problem;
    notes = data.notes_paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  } else notes = rendered.html.value;
  const items = data.items.map((item) => ({
    ...item,
    papers: item.papers.map((p) => (p.size !== undefined ? { ...p, href: fileHref(linkDir, paperAbs(p.path)) } : p)),
  }));
  const c = data.contact;
  const email =
    c.email !== undefined && /^[^\s@<>"'`\\]+@[^\s@<>"'`\\]+\.[^\s@<>"'`\\]+$/.test(c.email) ? c.email : undefined;
  const contactText = [c.name, c.role, email === undefined ? c.email : undefined]
    .filter((x): x is string => x !== undefined && x !== '')
    .join(', ');
  const view: AgendaHtmlView = { ...data, items, notes_html: notes, contact_text: contactText };
  if (email !== undefined) view.contact_mailto = email;
  return problem === undefined ? { view } : { view, problem };
}
