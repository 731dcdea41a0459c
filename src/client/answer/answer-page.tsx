import { useEffect, useState } from 'react';
import type { CalloutAnswer } from '../../shared/protocol/index.ts';
import { callAnswer as call, type AnswerLoad } from '../api/answer-calls.ts';
import { ANSWER_LABEL, answerTexts } from './answer-texts.ts';

type Load = { kind: 'loading' } | AnswerLoad;

const t = answerTexts();
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });

/**
 * 叫应's answer page, for a phone in the rain: who is called about what, and three big buttons —
 * 收到, 已组织转移, 需要支援 (with what is needed). A failed send says so and offers to send again.
 */
export function AnswerPage({ token }: { token: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [sending, setSending] = useState<{ answer: CalloutAnswer; note?: string } | null>(null);
  const [failed, setFailed] = useState<{ answer: CalloutAnswer; note?: string } | null>(null);
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    void call(token).then(setLoad);
  }, [token]);

  const send = async (body: { answer: CalloutAnswer; note?: string }) => {
    setSending(body);
    setFailed(null);
    const r = await call(token, body);
    setSending(null);
    if (r.kind === 'offline') setFailed(body);
    else {
      setLoad(r);
      setAsking(false);
    }
  };

  if (load.kind === 'loading')
    return (
      <main className="answer">
        <p className="answer-msg">{t.loading}</p>
      </main>
    );
  if (load.kind === 'invalid' || load.kind === 'ended' || (load.kind === 'offline' && !failed))
    return (
      <main className="answer">
        <h1>{t.title}</h1>
        <p className="answer-msg" role="alert">
          {load.kind === 'invalid' ? t.invalid : load.kind === 'ended' ? t.ended : t.offline}
        </p>
        {load.kind === 'offline' && (
          <button
            className="answer-btn answer-received"
            onClick={() => void call(token).then(setLoad)}
          >
            {t.retry}
          </button>
        )}
      </main>
    );
  if (load.kind !== 'shown') return null;
  const v = load.view;
  const answered = v.status === 'answered' && v.answer;
  return (
    <main className="answer">
      <header className={`answer-warning level-${v.level}`}>
        {v.exercise && <span className="answer-exercise">{t.exercise}</span>}
        <h1>{v.headline}</h1>
        <p>
          {v.areaName} · {v.roleTitle} {v.name}
        </p>
        <p className="answer-small">
          {t.calledAt} {time(v.openedAt)}
        </p>
      </header>
      {v.status === 'unanswered' && (
        <p className="answer-msg" role="alert">
          {t.unanswered}
        </p>
      )}
      {answered && v.answer && (
        <section className="answer-done" role="status">
          <span className="answer-tick" aria-hidden>
            ✓
          </span>
          <div>
            <strong>
              {t.answered}
              {v.answer !== 'received' && ` · ${t.reported}${t[ANSWER_LABEL[v.answer]]}`}
            </strong>
            {v.answeredAt && (
              <div className="answer-small">
                {t.answeredAt} {time(v.answeredAt)}
              </div>
            )}
          </div>
        </section>
      )}
      {answered && <p className="answer-small">{t.update}</p>}
      <div className="answer-buttons">
        {!answered && (
          <button
            className="answer-btn answer-received"
            disabled={sending !== null}
            onClick={() => void send({ answer: 'received' })}
          >
            {t.received}
          </button>
        )}
        <button
          className="answer-btn answer-transferring"
          disabled={sending !== null}
          onClick={() => void send({ answer: 'transferring' })}
        >
          {t.transferring}
        </button>
        <button
          className="answer-btn answer-support"
          disabled={sending !== null}
          onClick={() => setAsking(true)}
        >
          {t.needSupport}
        </button>
      </div>
      {asking && (
        <form
          className="answer-note"
          onSubmit={(e) => {
            e.preventDefault();
            void send({
              answer: 'need-support',
              ...(note.trim() ? { note: note.trim().slice(0, 200) } : {}),
            });
          }}
        >
          <textarea
            value={note}
            maxLength={200}
            rows={3}
            placeholder={t.notePlaceholder}
            onChange={(e) => setNote(e.target.value)}
          />
          <button className="answer-btn answer-support" type="submit" disabled={sending !== null}>
            {t.sendSupport}
          </button>
        </form>
      )}
      {sending && <p className="answer-msg">{t.sending}</p>}
      {failed && (
        <p className="answer-msg" role="alert">
          {t.offline}{' '}
          <button className="answer-link" onClick={() => void send(failed)}>
            {t.retry}
          </button>
        </p>
      )}
    </main>
  );
}
