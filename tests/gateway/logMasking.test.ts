import { Writable } from 'node:stream';
import { createLogger, maskNumbers } from '../../gateway/logging';
import { FakeTwilio, twilioError } from '../support/twilioFake';
import { countRows, eventually, postTwilio, smsForm, startTestGateway, type TestGateway } from '../support/gateway';

/** Logs carry no phone numbers and no message texts (issue 17, part 6): masked in every field, message and error. */
describe('masked logs', () => {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  test('numbers and texts are masked in fields, messages, errors and their causes', () => {
    const logger = createLogger('info', capture);
    const cause = new Error('To +8613800000002 refused');
    logger.warn(
      { to: '+8613800000002', text: 'ORDER A100 5 for my shop', err: new Error('chat 500000002 blocked', { cause }) },
      'send to +8613800000002 failed',
    );
    const line = lines.at(-1)!;
    expect(line).not.toMatch(/13800000002|500000002|ORDER A100/);
    expect(JSON.parse(line)).toMatchObject({
      to: '+86…02',
      text: '[24 chars]',
      msg: 'send to +86…02 failed',
      err: { message: 'chat 50…02 blocked: To +86…02 refused' },
    });
    expect(maskNumbers('order 10001 for 13800000002')).toBe('order 10001 for 13…02');
  });

  describe('a gateway run', () => {
    const twilio = new FakeTwilio();
    let gateway: TestGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ twilioBaseUrl: await twilio.start(), logger: createLogger('debug', capture) });
    });
    afterAll(async () => {
      await gateway.stop();
      await twilio.stop();
    });

    test('its logs, grepped, hold none of the numbers or texts that went through', async () => {
      lines.length = 0;
      // The provider's errors name the number, as Twilio's do.
      let calls = 0;
      twilio.respondWith((request) => (++calls === 1 ? twilioError(400, 21211, `The 'To' number ${request.form.To} is not a valid phone number.`) : null));
      for (const [from, text] of [
        ['+8613800000002', 'how many A100 do you have in stock'],
        ['+8613800000001', '我的订单到哪了'],
        ['+8613911112222', 'hello who is this'],
      ] as const)
        await postTwilio(gateway, '/webhooks/twilio/sms', smsForm(from, text));
      await eventually(
        async () => ((await countRows(gateway.runtime, `select 1 from outbox where status in ('queued', 'sent', 'failed')`)) >= 3 ? true : undefined),
        20_000,
      );
      expect(lines.length).toBeGreaterThan(0);
      const logs = lines.join('\n');
      // The provider's refusals were logged, masked: the grep below has something to find.
      expect(logs).toMatch(/The 'To' number \+86…\d\d is not a valid phone number/);
      for (const secret of ['13800000002', '13800000001', '13911112222', 'how many A100', '我的订单', 'hello who'])
        expect(logs.includes(secret) ? secret : null).toBeNull();
    });
  });
});
