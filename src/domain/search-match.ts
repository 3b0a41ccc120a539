/**
 * Matching what people type against a prepared search text: any level's name, the office's
 * synonyms, and their pinyin — initials (「ps」 → 排水) or in full. The search text is prepared by
 * the server (it holds the pinyin dictionary); this matcher is all the web app needs.
 */
export function normalizeQuery(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’·、,，.。;；:：/\\|-]+/g, '');
}

export function matchesSearch(searchText: string, input: string): boolean {
  const q = normalizeQuery(input);
  if (!q) return true;
  return searchText.split('|').some((part) => part.includes(q));
}

/** Synonyms as the office types them: separated by 、，, ; or spaces, trimmed, without repeats. */
export function parseSynonyms(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFKC')
        .split(/[、,，;；\s]+/)
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ];
}
