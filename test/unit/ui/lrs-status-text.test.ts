import { describe, expect, it } from 'vitest';
import { describeLrsStatus } from '../../../src/ui/data/lrs-connection-section';
import type { LrsStatusView } from '../../../src/ui/app-services';

const connection = { endpoint: 'https://lrs.example.org/xapi/', username: 'k', activityBase: 'https://call-trainer.invalid' };

describe('describeLrsStatus', () => {
  it.each<[string, LrsStatusView, string]>([
    ['nothing configured', { phase: 'not-configured', waiting: 0, sent: 0 }, 'No LRS is configured: call-trainer sends nothing anywhere.'],
    ['configured later, statements kept', { phase: 'not-configured', waiting: 2, sent: 0 }, 'No LRS is configured: 2 statements waiting will stay on this PC until one is.'],
    ['all sent', { connection, phase: 'idle', waiting: 0, sent: 12 }, '0 statements waiting, 12 sent. Everything has been sent.'],
    ['offline', { connection, phase: 'offline', waiting: 12, sent: 12 }, '12 statements waiting, 12 sent. You are offline: sending starts again when the connection returns.'],
    ['retrying', { connection, phase: 'waiting-to-retry', waiting: 3, sent: 0, lastError: 'the LRS answered HTTP 503', nextTryAt: 1 }, '3 statements waiting, 0 sent. Last attempt failed: the LRS answered HTTP 503.'],
    ['refused', { connection, phase: 'stopped', waiting: 1, sent: 0, lastError: 'the LRS answered HTTP 401' }, '1 statement waiting, 0 sent. Sending stopped: the LRS answered HTTP 401. Check the connection, then press Send now.'],
  ])('%s', (_name, view, text) => expect(describeLrsStatus(view)).toBe(text));
});
