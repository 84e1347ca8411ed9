import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../domain/operators';

/**
 * Passwords hashed with argon2id (@node-rs/argon2's default: m=19456 KiB, t=2, p=1, OWASP's
 * minimum). Checking against no account still verifies once, against a hash of nothing, so that an
 * unknown email costs what a wrong password costs.
 */
export function argon2Passwords(): PasswordHasher {
  const nobody = hash(`nobody-${Math.random()}`);
  return {
    hash: (password) => hash(password),
    async verify(stored, password) {
      const good = await verify(stored ?? (await nobody), password).catch(() => false);
      return stored !== null && good;
    },
  };
}
