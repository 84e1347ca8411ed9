/**
 * A function's answers kept by key, for work repeated over many rows with few distinct inputs
 * (a job's hundred thousand recipients share a handful of time zones and due dates).
 */
export function memoized<A extends unknown[], R>(keyOf: (...args: A) => string, compute: (...args: A) => R): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const key = keyOf(...args);
    let answer = known.get(key);
    if (answer === undefined) known.set(key, (answer = compute(...args)));
    return answer;
  };
}
