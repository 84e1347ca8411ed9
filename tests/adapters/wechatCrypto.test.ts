import { decryptMessage, encryptMessage, signatureMatches, wechatSignature } from '../../adapters/wechat/crypto';

/**
 * WeChat's message crypt against the vectors Tencent published with its WXBizMsgCrypt samples
 * (source: the official Python sample `Sample.py` by jonyqin, 2014, as kept in wegostudio/wego
 * tests/crypto/tests.py; and the official Java `WXBizMsgCryptTest`, as kept in Wyl015/wuyiling
 * work-test/src/main/resources/Utils/aes/WXBizMsgCryptTest.java). Test data only.
 */
const encodingAesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('WeChat message crypt, on Tencent’s published vectors', () => {
  // Sample.py: a text message to gh_10f6c3c3ac5a, encrypted for wx2c2769f8efd9abc2.
  const sample = {
    token: 'spamtest',
    appId: 'wx2c2769f8efd9abc2',
    timestamp: '1409735669',
    nonce: '1320562132',
    msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
    encrypt:
      'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
  };

  test('msg_signature: SHA-1 over the sorted token, timestamp, nonce and ciphertext', () => {
    expect(wechatSignature(sample.token, sample.timestamp, sample.nonce, sample.encrypt)).toBe(sample.msgSignature);
    expect(signatureMatches(sample.msgSignature, sample.token, sample.timestamp, sample.nonce, sample.encrypt)).toBe(true);
    expect(signatureMatches(sample.msgSignature, sample.token, sample.timestamp, '1320562133', sample.encrypt)).toBe(false);
    expect(signatureMatches('', sample.token, sample.timestamp, sample.nonce)).toBe(false);
  });

  test('the sample decrypts to its message for its AppID, and to nothing for another', () => {
    const opened = decryptMessage(encodingAesKey, sample.encrypt, sample.appId);
    expect(opened).toEqual({
      message: [
        '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>',
        '<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>',
        '<CreateTime>1409735668</CreateTime>',
        '<MsgType><![CDATA[text]]></MsgType>',
        '<Content><![CDATA[abcdteT]]></Content>',
        '<MsgId>6054768590064713728</MsgId>',
        '</xml>',
      ].join('\n'),
    });
    expect(decryptMessage(encodingAesKey, sample.encrypt, 'wxb11529c136998cb6')).toEqual({ refused: 'wrong-app' });
    expect(decryptMessage(encodingAesKey, 'bm90IGEgY2lwaGVydGV4dA==', sample.appId)).toEqual({ refused: 'malformed' });
  });

  test('WXBizMsgCryptTest: a Chinese reply with a known random prefix encrypts to the published ciphertext, and back', () => {
    const appId = 'wxb11529c136998cb6';
    const encrypted = encryptMessage(encodingAesKey, '我是中文abcd123', appId, Buffer.from('aaaabbbbccccdddd'));
    expect(encrypted).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
    expect(decryptMessage(encodingAesKey, encrypted, appId)).toEqual({ message: '我是中文abcd123' });
  });

  test('a key that is not 43 characters of base64 is refused at once', () => {
    expect(() => encryptMessage('short', 'x', 'wx1')).toThrow('WECHAT_ENCODING_AES_KEY must be 43 characters');
  });
});
