// The log's redaction, as a table of lines a log could receive and what must be written instead.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logLine, redact, redactError } from '../../main/electron/log-redaction.ts';

const HOME = '/Users/alice';

const TABLE: [string, string][] = [
  ['password=hunter2 user=me', 'password=[redacted] user=me'],
  ['password = "two words" next', 'password = "[redacted]" next'],
  ["passphrase: 'three little words'", "passphrase: '[redacted]'"],
  ['{"token":"abc","apiKey": "x y"}', '{"token":"[redacted]","apiKey": "[redacted]"}'],
  ['{"detail":"password=\\"two words\\""}', '{"detail":"password=\\"[redacted]\\""}'],
  ['POST client_secret=s3cr3t&grant_type=x', 'POST client_secret=[redacted]&grant_type=x'],
  ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y', 'Authorization: Bearer [redacted]'],
  ['headers {"authorization":"Basic dXNlcjpwdw=="}', 'headers {"authorization":"Basic [redacted]"}'],
  ['sent Bearer abcdefghijklmnop to it', 'sent Bearer [redacted] to it'],
  ['fetch https://bob:pa55@example.com/x failed', 'fetch https://bob:[redacted]@example.com/x failed'],
  ['ssh://bob@example.com:22 stays', 'ssh://bob@example.com:22 stays'],
  [
    'key -----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE KEY----- end',
    'key [private key redacted] end',
  ],
  ['-----BEGIN ENCRYPTED PRIVATE KEY-----\ncut off', '[private key redacted]'],
  ['config /Users/alice/.ssh/config', 'config ~/.ssh/config'],
  ['home is /Users/alice', 'home is ~'],
  ['{"file":"/Users/alice"}', '{"file":"~"}'],
  ['other user /Users/alicebob/.ssh/config', 'other user /Users/alicebob/.ssh/config'],
  ['one\rtwo', 'one\\rtwo'],
  ['one\r\ntwo\nthree', 'one\\r\\ntwo\\nthree'],
  ['one\u2028two\u2029three\u0085four', 'one\\u2028two\\u2029three\\u0085four'],
  ['nothing to hide: tokens=3 hosts', 'nothing to hide: tokens=3 hosts'],
];

describe('log redaction (table)', () => {
  for (const [line, expected] of TABLE) {
    it(JSON.stringify(line).slice(0, 70), () => assert.equal(redact(line, HOME), expected));
  }

  it('turns an Error from the uncaught-error handler into one redacted line, stack and all', () => {
    const error = new Error('request failed: Authorization: Bearer abcdefghijkl token=xyz');
    error.stack = `${error.name}: ${error.message}\n    at f (/Users/alice/app/main.js:1:2)`;
    assert.equal(
      redactError(error, HOME),
      'Error: request failed: Authorization: Bearer [redacted] token=[redacted]\\n    at f (~/app/main.js:1:2)',
    );
  });

  it('logs an Error in data as its name and message, redacted', () => {
    assert.equal(
      logLine('failed', { error: new TypeError('bad password=abc') }, HOME),
      'failed {"error":"TypeError: bad password=[redacted]"}',
    );
  });
});
