// How strings are escaped for the three graph files. JSON text is JSON.stringify's; XML text drops the
// characters XML 1.0 forbids and escapes markup. Shared by the generic writers (export.ts), the store's
// byte-level writer (store-export.ts) and the evidence text file (texts.ts), which marks the texts that
// none of these would change, so they can be copied as they are.

// Characters XML 1.0 forbids even when escaped (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Anything that may need stripping: most strings have none of it and are returned as they are.
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export const stripXmlForbidden = (s: string): string => (MAYBE_FORBIDDEN.test(s) ? s.replace(XML_FORBIDDEN, '') : s);

/** Element text: `&`, `<` and `>` escaped (quotes need no escaping there, and JSON text is full of them). */
export const escapeXml = (s: string): string => {
  const t = stripXmlForbidden(s);
  return /[&<>]/.test(t) ? t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;') : t;
};
/** Escaped element text made fit for an attribute value in double quotes: quotes, line breaks and tabs as references. */
export const attrFromText = (t: string): string => {
  const q = t.includes('"') ? t.replaceAll('"', '&quot;') : t;
  return /[\t\n\r]/.test(q) ? q.replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;') : q;
};
/** An attribute value. */
export const escapeAttr = (s: string): string => attrFromText(escapeXml(s));

// Characters that JSON.stringify escapes (quote, backslash, C0 controls, lone surrogates) or that XML text
// or attributes escape or drop. Surrogate pairs are listed too: rare, and the slow path handles them exactly.
const NOT_PLAIN = /["\\&<>\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * True when JSON.stringify(s) is s in quotes and escapeXml and escapeAttr leave s (and its JSON text, but
 * for the quotes) unchanged.
 */
export const isPlain = (s: string): boolean => !NOT_PLAIN.test(s);

/** The three forms a piece of JSON text takes: in graph.json, in GraphML element text, in a GEXF attribute value. */
export const JSON_FORMS: ReadonlyArray<(json: string) => string> = [(s) => s, escapeXml, escapeAttr];
