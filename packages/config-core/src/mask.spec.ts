import { MASK, maskSecret, maskSecretsIn, SHOW_TAIL_FROM } from './mask';

describe('maskSecret', () => {
  it('masks secrets under 16 characters fully, whatever their length', () => {
    for (const secret of ['', 'pw', '12345678', '123456789', 'dlt_u_abcdefgh', '0123456789abcde']) {
      expect(maskSecret(secret)).toBe(MASK);
    }
    expect(maskSecret(undefined)).toBe('****');
    expect(maskSecret(null)).toBe('****');
  });

  it('shows only the last 4 characters of a secret of 16 or more', () => {
    expect(SHOW_TAIL_FROM).toBe(16);
    expect(maskSecret('0123456789abcdef')).toBe('****cdef');
    expect(maskSecret('dlt_u_0123456789abcdefghij')).toBe('****ghij');
  });

  it('never contains more of the secret than its last 4 characters', () => {
    for (let length = 0; length <= 64; length++) {
      const secret = Array.from({ length }, (_, index) => String.fromCharCode(97 + (index % 26))).join('');
      const masked = maskSecret(secret);
      expect(masked.startsWith(MASK)).toBe(true);
      const shown = masked.slice(MASK.length);
      expect(shown).toBe(length >= 16 ? secret.slice(-4) : '');
    }
  });

  it('masks non-string values by their printed text', () => {
    expect(maskSecret(12345678901234567n)).toBe('****4567');
    expect(maskSecret({ a: 1 })).toBe('****');
    expect(maskSecret({ private_key: 'x' })).toBe('****"x"}');
  });
});

describe('maskSecretsIn', () => {
  it('replaces every occurrence of each secret in a text, longest first', () => {
    const text =
      'token=dlt_u_0123456789abcdefghij url=postgresql://u:hunter2hunter2@h/db again dlt_u_0123456789abcdefghij';
    expect(maskSecretsIn(text, ['dlt_u_0123456789abcdefghij', 'hunter2hunter2', 'hunter2'])).toBe(
      'token=****ghij url=postgresql://u:****@h/db again ****ghij',
    );
    expect(maskSecretsIn('a+b (x)', ['+b (x'])).toBe('a****)');
    expect(maskSecretsIn('nothing', [])).toBe('nothing');
  });
});
