import { describe, expect, it } from "vitest";
import { WaitingQueue } from "../../src/send/waiting-queue.js";

interface Job {
  id: string;
  notBefore?: number;
}

const ids = (jobs: (Job | undefined)[]) => jobs.map((j) => j?.id);

describe("WaitingQueue", () => {
  it("hands out the source in order, then says it is exhausted", () => {
    const q = new WaitingQueue<Job>([{ id: "a" }, { id: "b" }]);
    expect(q.exhausted).toBe(false);
    expect(ids([q.take(0), q.take(0), q.take(0)])).toEqual(["a", "b", undefined]);
    expect(q.exhausted).toBe(true);
  });

  it("gives a held job back first", () => {
    const q = new WaitingQueue<Job>([{ id: "a" }, { id: "b" }]);
    const a = q.take(0);
    if (a) q.hold(a);
    expect(q.exhausted).toBe(false);
    expect(ids([q.take(0), q.take(0)])).toEqual(["a", "b"]);
  });

  it("keeps a job deferred in an earlier run until its time, and goes on with the others", () => {
    const q = new WaitingQueue<Job>([{ id: "later", notBefore: 100 }, { id: "now" }]);
    expect(q.take(0)?.id).toBe("now");
    expect(q.take(0)).toBeUndefined();
    expect(q.firstWaiting()).toMatchObject({
      at: 100,
      reason: "retry",
      detail: "deferred in an earlier run",
    });
    expect(q.retriesWaiting()).toBe(1);
    expect(q.exhausted).toBe(false);
    expect(q.take(100)?.id).toBe("later");
    expect(q.exhausted).toBe(true);
  });

  it("orders waiting jobs by time, equal times in order of arrival; a job due now comes before new ones", () => {
    const q = new WaitingQueue<Job>([{ id: "new" }]);
    q.wait({ id: "c" }, 30, "retry", "451");
    q.wait({ id: "a" }, 10, "domain", "ministry.example");
    q.wait({ id: "b" }, 10, "retry", "451");
    expect(q.firstWaiting()?.job.id).toBe("a");
    expect(q.retriesWaiting()).toBe(2);
    expect(ids([q.take(10), q.take(10), q.take(10), q.take(10)])).toEqual(["a", "b", "new", undefined]);
    expect(q.take(30)?.id).toBe("c");
  });

  it("reads ahead no further than its bound while jobs wait", () => {
    let read = 0;
    function* source(): Generator<Job> {
      for (let i = 0; i < 100; i++) {
        read += 1;
        yield { id: `j${i}`, notBefore: 1000 };
      }
    }
    const q = new WaitingQueue<Job>(source(), 5);
    expect(q.take(0)).toBeUndefined();
    expect(read).toBe(5);
    expect(q.retriesWaiting()).toBe(5);
  });
});
