/**
 * A short key for a value's content (a scenario as it would be run), so the Scenarios view asks the
 * workers for a run only when what would be run has changed, whatever the object's identity. It
 * walks the value once and mixes every key, string, number and boolean into a 53-bit hash (the
 * cyrb53 mixing), building no string of the value and parsing nothing back. Keys count in their
 * order, and a key whose value is undefined counts as absent, as in JSON. Pure, unit-tested.
 */

interface Hash {
  h1: number;
  h2: number;
}

const numberBits = new DataView(new ArrayBuffer(8));

function mix(hash: Hash, n: number): void {
  hash.h1 = Math.imul(hash.h1 ^ n, 2654435761);
  hash.h2 = Math.imul(hash.h2 ^ n, 1597334677);
}

function mixText(hash: Hash, text: string): void {
  mix(hash, text.length);
  for (let i = 0; i < text.length; i++) mix(hash, text.charCodeAt(i));
}

function walk(hash: Hash, value: unknown): void {
  switch (typeof value) {
    case 'string':
      mix(hash, 1);
      mixText(hash, value);
      return;
    case 'number':
      mix(hash, 2);
      numberBits.setFloat64(0, value);
      mix(hash, numberBits.getUint32(0));
      mix(hash, numberBits.getUint32(4));
      return;
    case 'boolean':
      mix(hash, value ? 3 : 4);
      return;
    case 'object':
      if (value === null) {
        mix(hash, 5);
      } else if (Array.isArray(value)) {
        mix(hash, 6);
        mix(hash, value.length);
        for (const item of value as unknown[]) walk(hash, item);
      } else {
        mix(hash, 7);
        for (const [key, item] of Object.entries(value)) {
          if (item === undefined) continue;
          mixText(hash, key);
          walk(hash, item);
        }
        mix(hash, 8);
      }
      return;
    default:
      mix(hash, 9); // undefined (or a function or symbol, which a scenario never holds)
  }
}

/** The key of `value`'s content: equal for equal content, different (all but certainly) otherwise. */
export function contentKey(value: unknown): string {
  const hash: Hash = { h1: 0xdeadbeef, h2: 0x41c6ce57 };
  walk(hash, value);
  let { h1, h2 } = hash;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
