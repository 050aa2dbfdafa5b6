import { redactUrls, SecretRegistry, terminalSafe } from './redact';

describe('redactUrls', () => {
  it.each([
    ['postgresql://loader:PW-123@db/shop', 'postgresql://loader:****@db/shop'],
    ['postgresql:/loader:PW-123@db/shop', 'postgresql:/loader:****@db/shop'],
    [
      'see https://x-access-token:ghp_abc@github.com/a/b.git now',
      'see https://x-access-token:****@github.com/a/b.git now',
    ],
    ['https://ghp_0123456789@github.com/a/b', 'https://****@github.com/a/b'],
    ['md:///db?motherduck_token=abc123&x=1', 'md:///db?motherduck_token=****&x=1'],
    ['"url": "s3://k:s@bucket/p?sig=zz"', '"url": "s3://k:****@bucket/p?sig=****"'],
  ])('%s', (input, expected) => expect(redactUrls(input)).toBe(expected));

  it('leaves URLs without credentials, git scp remotes and e-mail addresses alone', () => {
    const text = 'Logged in to http://127.0.0.1:8080 as alice (alice@example.test); origin git@github.com:acme/x.git';
    expect(redactUrls(text)).toBe(text);
  });
});

describe('SecretRegistry', () => {
  it('masks any run of 8+ characters of a known secret, and nothing shorter', () => {
    const secrets = new SecretRegistry();
    secrets.add('dlthub_at_0123456789abcdef');
    expect(secrets.redact("unknown token '0123456789ab' (dlthub_at_0123456789abcdef)")).toBe(
      "unknown token '****' (****)",
    );
    expect(secrets.redact('dlthub_ and 0123456')).toBe('dlthub_ and 0123456');
  });
});

describe('terminalSafe', () => {
  it('escapes control characters but keeps newlines, tabs and, when asked, our own colours', () => {
    expect(terminalSafe('a\u001b]0;x\u0007b\r\n\tc\u009b')).toBe('a\\x1b]0;x\\x07b\\x0d\n\tc\\x9b');
    expect(terminalSafe('\u001b[31merror:\u001b[39m \u001b[2J', true)).toBe('\u001b[31merror:\u001b[39m \\x1b[2J');
  });
});
