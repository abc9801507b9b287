import fc from 'fast-check';
import {
  fromJsonWithBigInt,
  reviveBigInts,
  reviveBigIntsInPlace,
  tagBigInts,
  toJsonWithBigInt,
} from './json-with-bigint';

describe('JSON that keeps bigints', () => {
  it('round-trips money in minor units inside nested event data', () => {
    const data = { lines: [{ chargeAmount: { currency: 'USD', minorUnits: 10968n } }], count: 3, note: null };
    expect(fromJsonWithBigInt(toJsonWithBigInt(data))).toEqual(data);
    expect(reviveBigInts(JSON.parse(toJsonWithBigInt(data)))).toEqual(data);
    expect(reviveBigInts(tagBigInts(data))).toEqual(data);
  });

  const jsonValue = () =>
    fc.letrec((tie) => ({
      leaf: fc.oneof(fc.bigInt(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null)),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node')),
        fc.dictionary(fc.string(), tie('node'), { noNullPrototype: true }),
      ),
    })).node;

  it('tags and revives any parsed JSON value with bigints anywhere, own keys such as __proto__ included', () => {
    fc.assert(
      fc.property(jsonValue(), (item) => {
        const parsed = JSON.parse(JSON.stringify(tagBigInts(item))) as unknown;
        expect(reviveBigInts(parsed)).toStrictEqual(item);
        expect(reviveBigInts(tagBigInts(item))).toStrictEqual(item);
      }),
    );
    const parsed = JSON.parse('{"__proto__": {"$bigint": "7"}, "a": [{"$bigint": "-1"}, {"$bigint": 2}]}');
    const revived = reviveBigInts(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(revived)).toBe(Object.prototype);
    expect(Object.keys(revived)).toEqual(['__proto__', 'a']);
    expect(revived['a']).toEqual([-1n, { $bigint: 2 }]);
  });

  it('revives in place exactly what the copying revival gives, own __proto__ keys included', () => {
    fc.assert(
      fc.property(jsonValue(), (item) => {
        const text = JSON.stringify(tagBigInts(item));
        const revived = reviveBigIntsInPlace(JSON.parse(text) as unknown);
        expect(revived).toStrictEqual(reviveBigInts(JSON.parse(text) as unknown));
        expect(revived).toStrictEqual(item);
      }),
    );
    const parsed = JSON.parse('{"__proto__": {"$bigint": "7"}, "a": [{"$bigint": "-1"}, {"$bigint": 2}]}');
    const revived = reviveBigIntsInPlace(parsed) as Record<string, unknown>;
    expect(revived).toBe(parsed);
    expect(Object.getPrototypeOf(revived)).toBe(Object.prototype);
    expect(Object.keys(revived)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(revived, '__proto__')?.value).toBe(7n);
    expect(revived['a']).toEqual([-1n, { $bigint: 2 }]);
    expect(reviveBigIntsInPlace(JSON.parse('{"$bigint": "12"}'))).toBe(12n);
  });

  it('round-trips any JSON value with bigints anywhere', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.bigInt(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null)),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node')),
        fc.dictionary(
          fc.string().filter((k) => k !== '__proto__'),
          tie('node'),
        ),
      ),
    })).node;
    fc.assert(fc.property(value, (item) => expect(fromJsonWithBigInt(toJsonWithBigInt(item))).toEqual(item)));
  });
});
