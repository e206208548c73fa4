import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../server/db/migrations/index';
import { EventLog } from '../../../../server/store/events';

function freshDb() {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

describe('EventLog', () => {
  it('numbers events one by one and stores them with the counter only when flushed, in the same transaction', () => {
    const db = freshDb();
    const log = new EventLog(db, 'default');
    db.transaction(() => {
      expect(log.append('workitem.created', 10, ['agent:alice'], {}, '{"workitemId":"wi_1"}').seq).toBe(1);
      expect(log.append('agent.presence', 11, ['agent:alice'], { agent: { username: 'alice' } }).seq).toBe(2);
      expect([...log.after(0)]).toEqual([]);
      log.flush();
    })();
    expect(db.prepare('SELECT lastSeq FROM event_seq').get()).toEqual({ lastSeq: 2 });
    const [first, second] = [...log.after(0)];
    expect(JSON.parse(first.body)).toEqual({ seq: 1, type: 'workitem.created', at: 10, workitem: { workitemId: 'wi_1' } });
    expect(JSON.parse(second.body)).toEqual({ seq: 2, type: 'agent.presence', at: 11, agent: { username: 'alice' } });
    expect(second.audience).toEqual(['agent:alice']);
  });

  it('gives rolled-back numbers out again, so seq never skips', () => {
    const db = freshDb();
    const log = new EventLog(db, 'default');
    log.append('workitem.created', 1, [], {});
    const mark = log.handedOut;
    log.append('workitem.updated', 2, [], {});
    log.rewind(mark);
    expect(log.append('workitem.updated', 3, [], {}).seq).toBe(2);
    log.flush();
    expect([...log.after(0)].map((e) => [e.seq, JSON.parse(e.body).at])).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });

  it('writes many events in multi-row inserts, every one in seq order', () => {
    const db = freshDb();
    const log = new EventLog(db, 'default');
    for (let i = 1; i <= 150; i++) log.append('workitem.updated', i, [`agent:a${i}`], {});
    log.flush();
    const stored = [...log.after(0)];
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(stored[149].audience).toEqual(['agent:a150']);
    expect(db.prepare('SELECT lastSeq FROM event_seq').get()).toEqual({ lastSeq: 150 });
  });

  it('continues after the highest stored seq on a new log, even if the counter row lags behind', () => {
    const db = freshDb();
    const log = new EventLog(db, 'default');
    log.append('workitem.created', 1, [], {});
    log.append('workitem.created', 2, [], {});
    log.append('workitem.created', 3, [], {});
    log.flush();
    // A counter row behind the log (as an older platform could leave it): a reopened log still starts after seq 3.
    db.prepare('UPDATE event_seq SET lastSeq = 2').run();
    const reopened = new EventLog(db, 'default');
    expect(reopened.lastSeq()).toBe(3);
    expect(reopened.append('workitem.created', 4, [], {}).seq).toBe(4);
  });
});
