import { maskSecret, maskSecretsIn } from './mask';

describe('masking', () => {
  it('shows at most the last few characters of long secrets and nothing of short ones', () => {
    expect(maskSecret('pw')).toBe('****');
    expect(maskSecret('12345678')).toBe('****');
    expect(maskSecret('123456789')).toBe('****89');
    expect(maskSecret('dlt_u_abcdefgh')).toBe('****fgh');
    expect(maskSecret('dlt_u_0123456789abcdefghij')).toBe('****ghij');
    expect(maskSecret('')).toBe('****');
    expect(maskSecret(undefined)).toBe('****');
  });

  it('replaces every occurrence of each secret in a text, longest first', () => {
    const text =
      'token=dlt_u_0123456789abcdefghij url=postgresql://u:hunter2hunter2@h/db again dlt_u_0123456789abcdefghij';
    expect(maskSecretsIn(text, ['dlt_u_0123456789abcdefghij', 'hunter2hunter2', 'hunter2'])).toBe(
      'token=****ghij url=postgresql://u:****er2@h/db again ****ghij',
    );
    expect(maskSecretsIn('a+b (x)', ['+b (x'])).toBe('a****)');
    expect(maskSecretsIn('nothing', [])).toBe('nothing');
  });
});
