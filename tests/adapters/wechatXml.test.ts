import { decryptMessage } from '../../adapters/wechat/crypto';
import { encryptedPart, readInbound } from '../../adapters/wechat/xml';

/**
 * Inbound WeChat XML, in the shapes of WeChat's documentation (接收普通消息, 接收事件推送): each body and
 * what it is read as. The encrypted one is Tencent's published sample (see wechatCrypto.test.ts).
 */
const wrap = (fields: string) =>
  `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oUser123]]></FromUserName><CreateTime>1700000000</CreateTime>${fields}</xml>`;
const base = { to: 'gh_10f6c3c3ac5a', from: 'oUser123', createdAt: new Date(1_700_000_000_000) };

describe('inbound WeChat XML', () => {
  test.each<[string, string, unknown]>([
    [
      'text, its MsgId kept whole',
      wrap('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[库存 A100]]></Content><MsgId>6054768590064713728</MsgId>'),
      { ...base, key: '6054768590064713728', kind: 'text', text: '库存 A100' },
    ],
    [
      'text with markup inside CDATA',
      wrap('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[<b>&amp;</b>]]></Content><MsgId>1</MsgId>'),
      { ...base, key: '1', kind: 'text', text: '<b>&amp;</b>' },
    ],
    [
      'location (GCJ-02)',
      wrap(
        '<MsgType><![CDATA[location]]></MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>2</MsgId>',
      ),
      { ...base, key: '2', kind: 'location', gcj02: { lat: 23.134521, lon: 113.358803 }, label: '位置信息' },
    ],
    [
      'image',
      wrap(
        '<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://example.invalid/p.jpg]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>3</MsgId>',
      ),
      { ...base, key: '3', kind: 'image', mediaId: 'media_id', picUrl: 'http://example.invalid/p.jpg' },
    ],
    [
      'subscribe event, keyed by sender and time',
      wrap('<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>'),
      { ...base, key: 'oUser123:1700000000', kind: 'event', event: 'subscribe', eventKey: null, status: null, msgId: null },
    ],
    [
      'menu click',
      wrap('<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[BALANCE]]></EventKey>'),
      { ...base, key: 'oUser123:1700000000', kind: 'event', event: 'click', eventKey: 'BALANCE', status: null, msgId: null },
    ],
    [
      'a kind fieldline does not take',
      wrap('<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[m]]></MediaId><MsgId>4</MsgId>'),
      { ...base, key: '4', kind: 'other', msgType: 'voice' },
    ],
    ['malformed XML', '<xml><ToUserName>gh</ToUserName', { refused: 'not a well-formed <xml> document' }],
    [
      'well formed, without a sender',
      '<xml><ToUserName>gh</ToUserName><MsgType>text</MsgType></xml>',
      { refused: 'missing ToUserName, FromUserName, CreateTime or MsgType' },
    ],
    ['not XML at all', 'hello', { refused: 'not a well-formed <xml> document' }],
    [
      'a location out of range',
      wrap('<MsgType><![CDATA[location]]></MsgType><Location_X>123</Location_X><Location_Y>10</Location_Y><MsgId>5</MsgId>'),
      { refused: 'a location without a valid Location_X, Location_Y' },
    ],
  ])('%s', (_name, body, expected) => {
    expect(readInbound(body)).toEqual(expected);
  });

  test('an encrypted body: its Encrypt part opens to a text message', () => {
    const body =
      '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=]]></Encrypt></xml>';
    const opened = decryptMessage('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', encryptedPart(body)!, 'wx2c2769f8efd9abc2');
    expect('message' in opened && readInbound(opened.message)).toEqual({
      to: 'gh_10f6c3c3ac5a',
      from: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      createdAt: new Date(1_409_735_668_000),
      key: '6054768590064713728',
      kind: 'text',
      text: 'abcdteT',
    });
  });
});
