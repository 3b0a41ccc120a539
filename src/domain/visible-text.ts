/**
 * What a person can read in a text. A required text must hold letters or digits: punctuation
 * alone (「。。。。」), spaces, and characters that show nothing (zero-width spaces and joiners,
 * the byte-order mark, often pasted along from web pages and chat apps) do not make a reason, a
 * report or a title.
 */

/**
 * Characters that take no room on the screen, removed from what is kept: zero-width ones, control
 * characters other than tab and line breaks (a NUL cannot even be stored in PostgreSQL's text),
 * and the direction overrides that make a text read other than it is stored.
 */
export const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u200b-\u200d\u2060\ufeff\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

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
