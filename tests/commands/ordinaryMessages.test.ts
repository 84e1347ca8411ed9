import { aliasTable } from '../../commands/index';
import { lex } from '../../commands/lexer';
import { typedCommand } from '../../commands/typed';
import { describeWithTestdata, readTestdata } from '../support/testdata';

/**
 * Real SMS (NUS SMS Corpus, read in place: no licence to copy it) must never be mistaken for a
 * command that changes data. Read-only commands may answer (a HELP costs nothing); LANG, STOP and
 * START may not fire on chatter.
 */
describeWithTestdata('ordinary messages never change data', () => {
  const sample = readTestdata<{ random_sample_en: { text: string }[]; random_sample_zh: { text: string }[] }>('sms_corpus_nus_sample_200.json');
  const probe = readTestdata<{ messages: { text: string }[] }>('sms_corpus_nus_keyword_probe_80.json');
  const messages = [...sample.random_sample_en, ...sample.random_sample_zh, ...probe.messages].map((m) => m.text);
  // YES and NO change data only inside a dialog the person started with ORDER; bare "好" or "No" is a fair answer there.
  const changesData = new Set(['lang', 'stop', 'start', 'order', 'approve', 'reject']);

  test(`none of ${messages.length} real messages is typed as a command that writes`, () => {
    expect(messages.length).toBeGreaterThanOrEqual(280);
    const misfires = messages.filter((text) => {
      const typed = typedCommand(lex(text, aliasTable));
      return typed.kind === 'command' && changesData.has(typed.command);
    });
    expect(misfires).toEqual([]);
  });
});
