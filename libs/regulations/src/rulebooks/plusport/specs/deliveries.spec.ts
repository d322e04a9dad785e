/** PP-13.4-5: the result and the certificate within 2 working days (Algemene termijnenwet calendar). */
import {
  decidePlusportDelivery,
  decidePlusportDeliveryDeadline,
  decidePlusportDeliveryMissed,
  PLUSPORT_2024 as rb,
} from '../index';

describe('PP-13.4-5 result and certificate within 2 working days', () => {
  it('PP-13.4-5: given an exam on Thursday 2026-04-02, when the result deadline is decided, then Good Friday and Easter Monday do not count: due Wednesday 2026-04-08', () => {
    const decision = decidePlusportDeliveryDeadline(rb, {
      deliverable: 'result',
      countedFrom: '2026-04-02T14:00:00+02:00',
      after: 'exam',
    });
    expect(decision).toMatchObject({ ruleIds: ['PP-13.4-5'], deadlines: { resultDueBy: '2026-04-08' } });
    expect(decision.explanation).toContain('due by 2026-04-08 (2 working days)');
  });

  it('PP-13.4-5: given a passed result delivered Friday 2026-05-01, the certificate is due Wednesday 2026-05-06 (Liberation Day, 5 May, is no working day)', () => {
    const decision = decidePlusportDeliveryDeadline(rb, {
      deliverable: 'certificate',
      countedFrom: '2026-05-01T16:00:00+02:00',
      after: 'result',
    });
    expect(decision.deadlines).toEqual({ certificateDueBy: '2026-05-06' });
  });

  it('PP-13.4-5: a delivery after the last day is late; a passed result of a course with a practical session is followed by the certificate, a failed one is not', () => {
    const late = decidePlusportDelivery(rb, {
      deliverable: 'result',
      deliveredAt: '2026-04-08T09:00:00+02:00',
      dueBy: '2026-04-07',
      passed: false,
      certificateCourse: true,
    });
    expect(late.inputs).toMatchObject({ inTime: false, certificateFollows: false });
    expect(late.explanation).toContain('late (due by 2026-04-07); not passed: no certificate');
    const passed = decidePlusportDelivery(rb, {
      deliverable: 'result',
      deliveredAt: '2026-04-07T23:30:00+02:00',
      dueBy: '2026-04-07',
      passed: true,
      certificateCourse: true,
    });
    expect(passed.inputs).toMatchObject({ inTime: true, certificateFollows: true });
  });

  it('PP-13.4-5, PP-13.6: a missed certificate deadline cites PP-13.6 only while the invoice is unpaid', () => {
    const input = {
      deliverable: 'certificate' as const,
      dueBy: '2026-04-09',
      checkedAt: '2026-04-10T00:00:00+02:00',
      deliveredAt: null,
    };
    expect(decidePlusportDeliveryMissed(rb, { ...input, paidInFull: false }).ruleIds).toEqual(['PP-13.4-5', 'PP-13.6']);
    expect(decidePlusportDeliveryMissed(rb, { ...input, paidInFull: true }).ruleIds).toEqual(['PP-13.4-5']);
  });
});
