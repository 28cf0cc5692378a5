import { describe, expect, it } from 'vitest';
import { deliveryRowKey, encodeKey, snapshotRowKey } from '../../storage/tableKeys';
import { eventRowKey } from '../../storage/eventLog';

describe('table keys', () => {
  it('leaves ordinary ids readable', () => {
    expect(encodeKey('19:abc@thread.v2;messageid=1')).toBe('19:abc@thread.v2;messageid=1');
  });

  it('escapes the characters Table keys forbid, and % itself, so different ids never share a key', () => {
    const ids = ['a/b', 'a\\b', 'a#b', 'a?b', 'a\tb', 'a\u007fb', 'a%2Fb', 'a%b', '%%b'];
    const keys = ids.map(encodeKey);
    const forbidden = ['/', '\\', '#', '?', '\t', '\u007f'];
    for (const key of keys) expect(forbidden.some((character) => key.includes(character))).toBe(false);
    expect(new Set(keys).size).toBe(ids.length);
    expect(encodeKey('a/b')).toBe('a%2Fb');
    expect(encodeKey('a%2Fb')).toBe('a%252Fb');
  });

  it('replaces very long ids by a hash that cannot collide with an escaped id', () => {
    const key = encodeKey('x'.repeat(1_000));
    expect(key).toMatch(/^%%[0-9a-f]{64}$/);
    expect(encodeKey('y'.repeat(1_000))).not.toBe(key);
  });

  it('orders rows: deliveries, then events, then the head, then snapshot spill rows', () => {
    const keys = [snapshotRowKey(1), 'H', eventRowKey(10), eventRowKey(9), deliveryRowKey('any id/#?')];
    expect([...keys].sort()).toEqual([
      deliveryRowKey('any id/#?'),
      eventRowKey(9),
      eventRowKey(10),
      'H',
      snapshotRowKey(1),
    ]);
  });
});
