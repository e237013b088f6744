/**
 * Words of identifiers and short strings, shared by every front-end. Pure string functions.
 */

/** Between a lower-case letter or digit and an upper-case one (`apiKey`), before the last capital of an acronym (`HTTPServer`). */
const CASE_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
/** Between letters and digits, either way (`oauth2Token`, `password1`). */
const DIGIT_BOUNDARY = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
/** Everything that is neither a letter, a combining mark nor a digit separates words. */
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * The words of an identifier, lower-cased: camelCase, PascalCase, snake_case, SCREAMING_CASE,
 * kebab-case and dotted names all split the same way, and digits are words of their own.
 * `ISSHPrivateKey` -> [issh, private, key]; `DB_PASSWORD2` -> [db, password, 2]; `__token__` -> [token].
 */
export function identifierWords(name: string): string[] {
  return name
    .split(SEPARATORS)
    .flatMap((chunk) => chunk.split(CASE_BOUNDARY))
    .flatMap((part) => part.split(DIGIT_BOUNDARY))
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** Shannon entropy of the characters of `text`, in bits per character (0 for '' and 'aaaa', 3 for 8 distinct characters). */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...text].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
