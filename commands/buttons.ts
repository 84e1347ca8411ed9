import type { Keyboard } from '../domain/messages';

/** Two buttons under a question (on Telegram): they send YES and NO, as typing would. */
export const yesNoButtons = (yes: string, no: string): Keyboard => ({
  kind: 'choices',
  choices: [
    { label: yes, reply: 'YES' },
    { label: no, reply: 'NO' },
  ],
});
