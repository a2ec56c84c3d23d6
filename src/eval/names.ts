// How the evaluation compares names: NFKC, surrounding punctuation trimmed, and per type the
// endings a gold name and an extracted name may differ by (临汾 = 临汾市, 新材料产业 = 新材料).
import type { EntityType } from '../extract/records.js';

const EDGE_PUNCTUATION = '\\s“”"‘’\'《》〈〉「」『』()（）【】\\[\\]、，,。.;；:：';
const TRIM = new RegExp(`^[${EDGE_PUNCTUATION}]+|[${EDGE_PUNCTUATION}]+$`, 'g');

/** NFKC with surrounding punctuation and spaces removed. */
export const baseName = (s: string | undefined | null): string => String(s ?? '').normalize('NFKC').replace(TRIM, '').trim();

const FOLD: Partial<Record<EntityType, (s: string) => string>> = {
  // Only when more than two characters remain a suffix goes: 古县 stays 古县.
  Place: (s) => (s.length > 2 ? s.replace(/(省|市|县|区|自治县|自治州|镇|乡|村)$/, '') : s),
  Industry: (s) => s.replace(/(产业集群|产业链条|产业链|产业|行业|集群)$/, '').replace(/制造业$/, '制造'),
  Project: (s) => s.replace(/(项目|工程项目)$/, ''),
};

/** The key two names of one type must share to count as the same entity. */
export function nameKey(type: EntityType, name: string): string {
  const folded = (FOLD[type] ?? ((x: string) => x))(baseName(name));
  return `${type}\u0000${folded}`;
}
