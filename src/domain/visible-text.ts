/**
 * What a person can read in a text. A required text must hold letters or digits: punctuation
 * alone (「。。。。」), spaces, and characters that show nothing (zero-width spaces and joiners,
 * the byte-order mark, often pasted along from web pages and chat apps) do not make a reason, a
 * report or a title.
 */

/** Characters that take no room on the screen: removed from what is kept. */
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** The text without its invisible characters, trimmed. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '').trim();
}

/** How many letters and digits (any script, full-width too) the text holds. */
export function meaningfulLength(text: string): number {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/**
 * The ASCII forms of what people type full-width (１３９, （, ：) and one hyphen for every dash
 * (－ — – ‐): how numbers and short fields are read, whichever keyboard typed them.
 */
export function asciiForms(text: string): string {
  return text.normalize('NFKC').replace(/[\u2010-\u2015\u2212\uff0d]/g, '-');
}
