import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat Official Account message security (issue 22): the SHA-1 signature over the sorted token,
 * timestamp and nonce (and, in encrypted mode, the ciphertext), and the message crypt scheme of
 * WeChat's documentation: AES-256-CBC with the 43-character EncodingAESKey (base64 of 32 bytes; the IV
 * is its first 16), over 16 random bytes, the message's length (4 bytes, network order), the message
 * and the AppID, padded PKCS#7 to 32-byte blocks.
 */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Whether a request's signature is the one its parts make (constant time). */
export function signatureMatches(signature: string, ...parts: string[]): boolean {
  const expected = Buffer.from(wechatSignature(...parts));
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const block = 32;

function keyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) throw new Error('WECHAT_ENCODING_AES_KEY must be 43 characters of base64 (32 bytes)');
  return key;
}

/** The ciphertext (base64) of a message for an AppID; `random` (16 bytes) only for tests against published vectors. */
export function encryptMessage(encodingAesKey: string, message: string, appId: string, random: Buffer = randomBytes(16)): string {
  const key = keyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = block - (plain.length % block);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** The message inside a ciphertext, or why it is not one for this AppID. */
export function decryptMessage(encodingAesKey: string, encrypted: string, appId: string): { message: string } | { refused: 'malformed' | 'wrong-app' } {
  const key = keyOf(encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch {
    return { refused: 'malformed' };
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > block || plain.length < 20 + pad) return { refused: 'malformed' };
  const content = plain.subarray(16, plain.length - pad);
  const length = content.readUInt32BE(0);
  if (4 + length > content.length) return { refused: 'malformed' };
  if (content.subarray(4 + length).toString('utf8') !== appId) return { refused: 'wrong-app' };
  return { message: content.subarray(4, 4 + length).toString('utf8') };
}
