/**
 * A function's answers kept by key, for work repeated over many rows with few distinct inputs
 * (a job's hundred thousand recipients share a handful of time zones and due dates). With `limit`,
 * at most that many are kept, the oldest dropped first: for a long-lived process whose inputs are
 * not bounded (the phone numbers that write to it).
 */
export function memoized<A extends unknown[], R>(keyOf: (...args: A) => string, compute: (...args: A) => R, limit = Infinity): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const key = keyOf(...args);
    let answer = known.get(key);
    if (answer === undefined) {
      if (known.size >= limit) known.delete(known.keys().next().value!);
      known.set(key, (answer = compute(...args)));
    }
    return answer;
  };
}
