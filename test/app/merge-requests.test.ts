import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeRequests } from '../../main/app/app-controller.ts';

test('a queued run covers every trigger that came during a run', () => {
  assert.deepEqual(mergeRequests(null, { reason: 'wake' }), { reason: 'wake' });
  assert.deepEqual(mergeRequests({ reason: 'wake' }, { reason: 'network' }), { reason: 'network' });
  assert.deepEqual(
    mergeRequests(
      { reason: 'recheck', hosts: ['a'] },
      { reason: 'after-fix', mode: 'session', hosts: ['b'] },
    ),
    { reason: 'after-fix', mode: 'session', hosts: ['a', 'b'] },
  );
  assert.deepEqual(
    mergeRequests({ reason: 'after-fix', mode: 'session', hosts: ['b'] }, { reason: 'interval' }),
    { reason: 'interval' },
    'a run of every host absorbs the few, without forcing their mode on all',
  );
  assert.deepEqual(mergeRequests({ reason: 'manual', mode: 'thorough' }, { reason: 'interval' }), {
    reason: 'interval',
    mode: 'thorough',
  });
  assert.deepEqual(
    mergeRequests({ reason: 'manual', mode: 'session' }, { reason: 'manual', mode: 'thorough' }),
    {
      reason: 'manual',
      mode: 'thorough',
    },
  );
});
