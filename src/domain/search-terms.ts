import { looksLikePhone } from './citizen-phone.js';
import { looksLikeContactNumber } from './citizen-privacy.js';

/**
 * The words a search looks for: 「幸福小区 电梯」 finds the orders that hold both, wherever each is.
 * Words are separated by spaces, half- or full-width. A number dictated in groups stays one word
 * (「张三 138 0000 1111」 is a name and a phone, not four words), and so does a whole query that is
 * a phone or an ID number typed with spaces. A query of spaces alone is itself what is looked for
 * (the API trims it away before).
 */
export function searchTerms(q: string): string[] {
  if (looksLikePhone(q) || looksLikeContactNumber(q)) return [q.trim()];
  const words = q.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [q];
  const terms: string[] = [];
  words.forEach((w, i) => {
    const last = terms.length - 1;
    if (i > 0 && NUMBER_GROUP.test(w) && NUMBER_GROUP.test(words[i - 1] as string)) {
      terms[last] = `${terms[last]} ${w}`;
    } else {
      terms.push(w);
    }
  });
  return [...new Set(terms)];
}

/** A group of a number as people type one in parts (digits, a leading +, brackets, dashes). */
const NUMBER_GROUP = /^[+(（]?[\d\-()（）]*\d[\d\-()（）]*$/;

/**
 * Whether a word can be only text: without a Latin letter or a digit it is no order code, city
 * order number, phone or ID number, so it is looked for in the text alone.
 */
export function isPlainWord(term: string): boolean {
  return !/[0-9A-Za-z]/.test(term);
}

/**
 * The words of a one-word search that found nothing, for searching again by each of them: people
 * type 「拖欠工资」 for an order that says 「拖欠农民工工资」, without spaces. Only text (no code or
 * number), three characters or more, cut into at least two words of two characters or more by
 * `segment` (jieba's search mode, which also gives the words inside a long one); otherwise none (the search stays as typed).
 * Where the segmenter finds fewer (it reads 「路灯不亮」 as 路 + 灯不亮), the text is taken two
 * characters at a time (路灯, 不亮; the last pair overlapping for an odd length): each pair is
 * what the index holds, and most four-character requests are two words of two.
 */
export function relaxedWords(q: string, segment: (text: string) => string[]): string[] {
  const terms = searchTerms(q);
  const only = terms[0];
  if (terms.length !== 1 || only === undefined || !isPlainWord(only) || Array.from(only).length < 3)
    return [];
  const cut = [
    ...new Set(segment(only).filter((w) => Array.from(w).length >= 2 && /\p{Script=Han}/u.test(w))),
  ];
  // The finest words: 拖欠工资 is searched as 拖欠 and 工资, not also as itself.
  const words = cut.filter((w) => !cut.some((v) => v !== w && w.includes(v)));
  if (words.length >= 2) return words;
  const pairs = twoAtATime(only);
  return pairs.length >= 2 ? pairs : [];
}

/** A text of Han characters two at a time, the last pair overlapping when its length is odd. */
function twoAtATime(text: string): string[] {
  const chars = Array.from(text);
  if (!chars.every((c) => /\p{Script=Han}/u.test(c))) return [];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) pairs.push(chars.slice(i, i + 2).join(''));
  if (chars.length % 2 === 1) pairs.push(chars.slice(-2).join(''));
  return [...new Set(pairs)];
}
