/**
 * A small pool of SMTP connections: at most `maxConnections` open, each recycled after `maxMessages`;
 * callers over the limit wait for a connection to be released.
 */
import type { PooledConnection } from "./smtp-connection.smtp.js";

export interface SmtpPool {
  /** An idle live connection, a new one (while under the limit), or the next one released. */
  acquire(): Promise<PooledConnection>;
  /** Back to the pool, or quit when not `reusable`, dead, worn out or the pool is closed. */
  release(c: PooledConnection, reusable: boolean): void;
  /** Quit the idle connections and turn the waiting callers away; busy ones quit on release. */
  close(): void;
}

export function createSmtpPool(options: {
  maxConnections: number;
  maxMessages: number;
  open: () => Promise<PooledConnection>;
}): SmtpPool {
  const { maxConnections, maxMessages } = options;
  const idle: PooledConnection[] = [];
  const waiters: ((c: PooledConnection | undefined) => void)[] = [];
  let open = 0;
  let closed = false;

  const wakeOne = () => {
    const w = waiters.shift();
    if (w) w(undefined);
  };

  const acquire = async (): Promise<PooledConnection> => {
    for (;;) {
      const c = idle.pop();
      if (!c) break;
      if (c.alive) return c;
      open -= 1;
    }
    if (open < maxConnections) {
      open += 1;
      try {
        return await options.open();
      } catch (e) {
        open -= 1;
        wakeOne();
        throw e;
      }
    }
    const c = await new Promise<PooledConnection | undefined>((r) => waiters.push(r));
    return c ?? acquire();
  };

  const release = (c: PooledConnection, reusable: boolean) => {
    if (!reusable || !c.alive || closed || c.messages >= maxMessages) {
      c.alive = false;
      c.conn.quit();
      open -= 1;
      wakeOne();
      return;
    }
    const w = waiters.shift();
    if (w) w(c);
    else idle.push(c);
  };

  const close = () => {
    closed = true;
    for (const c of idle.splice(0)) {
      c.alive = false;
      c.conn.quit();
    }
    for (const w of waiters.splice(0)) w(undefined);
  };

  return { acquire, release, close };
}
