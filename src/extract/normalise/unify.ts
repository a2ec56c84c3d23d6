// One spelling for characters that have several: full-width forms, odd spaces,
// invisible characters and line endings. The graph contract stores names in NFKC.

// Invisible characters that split words without showing: zero-width space/joiners,
// BOM, word joiner, soft hyphen, bidi marks and embeddings, invisible operators.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// C0 and C1 controls except tab and newline (carriage returns are handled first).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Spaces NFKC leaves alone, plus the ideographic space and nbsp for clarity.
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

// Mirror sites mask 共产 as *** (中***党员, 中***大连市委): the Party's name is restored.
const MASKED_PARTY = /中\*{3}(?=[\p{Script=Han}])/gu;

/** NFKC, invisible/control characters removed, a masked 中共 restored, spaces collapsed (a TAB stays a TAB), lines trimmed, blank-line runs reduced to one. */
export function unifyForms(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(MASKED_PARTY, '中共')
    .replace(ODD_SPACE, ' ')
    // A TAB in a run of blanks is kept (one), so that table cells stay apart; other runs become one space.
    .replace(/[ \t]*\t[ \t]*/g, '\t')
    .replace(/ +/g, ' ')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
