import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInbound, type WechatInbound } from '../../adapters/wechat/xml';

/**
 * Inbound XML written by others: the 51 bodies of wechatpy's parser and event tests (MIT licence;
 * source line in fixtures/wechatpy_messages.json), every message type and event WeChat documents. Each is
 * read, none refused; those fieldline acts on are read as wechatpy's assertions say they are.
 */
const samples = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'wechatpy_messages.json'), 'utf8')) as {
  source: string;
  messages: { test: string; xml: string }[];
};
const read = (test: string, n = 0): WechatInbound => {
  const sample = samples.messages.filter((m) => m.test.endsWith(`::${test}`))[n];
  if (!sample) throw new Error(`no sample ${test}`);
  const inbound = readInbound(sample.xml);
  if ('refused' in inbound) throw new Error(`${test} refused: ${inbound.refused}`);
  return inbound;
};

describe("wechatpy's message samples", () => {
  test('all 51 are read, none refused, each with an idempotency key', () => {
    expect(samples.messages).toHaveLength(51);
    const refused = samples.messages.map((m) => [m.test, readInbound(m.xml)] as const).filter(([, r]) => 'refused' in r || !r.key);
    expect(refused).toEqual([]);
  });

  test.each<[string, Partial<WechatInbound> & Record<string, unknown>]>([
    ['test_parse_text_message', { kind: 'text', text: 'this is a test', key: '1234567890123456', from: 'fromUser' }],
    ['test_parse_image_message', { kind: 'image', mediaId: 'media_id', picUrl: 'this is a url' }],
    ['test_parse_location_message', { kind: 'location', gcj02: { lat: 23.134521, lon: 113.358803 }, label: '位置信息' }],
    ['test_parse_subscribe_scan_event', { kind: 'event', event: 'subscribe', eventKey: 'qrscene_123123', key: 'FromUser:123456789' }],
    ['test_parse_scan_event', { kind: 'event', event: 'scan', eventKey: '123123' }],
    ['test_parse_click_event', { kind: 'event', event: 'click', eventKey: 'EVENTKEY' }],
    ['test_unsubscribe_event', { kind: 'event', event: 'unsubscribe' }],
    ['test_template_send_job_finish_event', { kind: 'event', event: 'templatesendjobfinish', msgId: '200163836', status: 'success' }],
    ['test_parse_voice_message', { kind: 'other', msgType: 'voice' }],
    ['test_parse_link_message', { kind: 'other', msgType: 'link' }],
  ])('%s', (test, expected) => {
    expect(read(test)).toMatchObject(expected);
  });
});
