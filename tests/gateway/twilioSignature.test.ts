import { validTwilioSignature } from '../../gateway/channels/twilio';
import { signTwilio } from '../support/twilioFake';
import { describeWithTestdata, readTestdata } from '../support/testdata';

interface Vector {
  name: string;
  fn: string;
  url: string;
  params: Record<string, string | string[]>;
  signature: string | null;
  valid: boolean;
  signed_url_variant?: string;
  auth_token: string;
}

describeWithTestdata('X-Twilio-Signature vectors from twilio-node (shared/testdata/twilio_signature_vectors.json)', () => {
  const vectors = readTestdata<{ vectors: Vector[] }>('twilio_signature_vectors.json').vectors.filter((v) => v.fn === 'validateRequest');

  test.each(vectors.map((v) => [v.name, v] as const))('validator: %s', (_name, v) => {
    expect(validTwilioSignature(v.auth_token, v.signature ?? undefined, v.url, v.params)).toBe(v.valid);
  });

  // The tests' own signer must sign as Twilio does, or every webhook test would prove nothing.
  test.each(vectors.filter((v) => v.valid).map((v) => [v.name, v] as const))('test signer reproduces: %s', (_name, v) => {
    expect(signTwilio(v.auth_token, v.signed_url_variant!, v.params)).toBe(v.signature);
  });
});
