/**
 * Python's `fnmatch.fnmatchcase` on whole strings: `*` any run (including `/` and `.`), `?` one character,
 * `[seq]`/`[!seq]` a set. Glob libraries for paths treat `/` as a separator, which trigger strings such as
 * `http:8080/api` must not.
 */
const cache = new Map<string, RegExp>();

function translate(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      let from = index + 1;
      if (pattern[from] === '!') from++;
      if (pattern[from] === ']') from++; // a leading `]` is a member, as in Python
      const close = pattern.indexOf(']', from);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let set = pattern.slice(index + 1, close).replace(/\\/g, '\\\\');
      if (set.startsWith('!')) set = `^${set.slice(1)}`;
      else if (set.startsWith('^')) set = `\\${set}`;
      source += `[${set}]`;
      index = close;
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

export function fnmatch(value: string, pattern: string): boolean {
  let regex = cache.get(pattern);
  if (!regex) {
    regex = translate(pattern);
    cache.set(pattern, regex);
  }
  return regex.test(value);
}
