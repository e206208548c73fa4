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
  it('numbers events one by one and stores the counter only when flushed, in the same transaction', () => {
    const db = freshDb();
    const log = new EventLog(db, 'default');
    db.transaction(() => {
      expect(log.append('workitem.created', 10, ['agent:alice'], {}, '{"workitemId":"wi_1"}').seq).toBe(1);
      expect(log.append('agent.presence', 11, ['agent:alice'], { agent: { username: 'alice' } }).seq).toBe(2);
      log.flushSeq();
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
    db.exec('SAVEPOINT s');
    log.append('workitem.updated', 2, [], {});
    db.exec('ROLLBACK TO s');
    log.rewind(mark);
    expect(log.append('workitem.updated', 3, [], {}).seq).toBe(2);
    expect([...log.after(0)].map((e) => e.seq)).toEqual([1, 2]);
  });

  it('continues after the highest stored seq on a new log, even if the counter row lags behind', () => {
    const db = freshDb();
    const log = new EventLog(db, 'default');
    log.append('workitem.created', 1, [], {});
    log.append('workitem.created', 2, [], {});
    log.flushSeq();
    log.append('workitem.created', 3, [], {});
    // Not flushed: a reopened log still starts after seq 3.
    const reopened = new EventLog(db, 'default');
    expect(reopened.lastSeq()).toBe(3);
    expect(reopened.append('workitem.created', 4, [], {}).seq).toBe(4);
  });
});
