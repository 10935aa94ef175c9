import { InFlight } from '../../src/infra/import/in-flight';

/** A batch the test finishes by hand. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { done, open, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Starts a batch that runs until `open()` is called; `finished()` tells whether it has. */
async function startSlow(inFlight: InFlight) {
  const slow = gate();
  let finished = false;
  await inFlight.start(async () => {
    await slow.done;
    finished = true;
  });
  return { open: slow.open, finished: () => finished };
}

/** Whether a promise is still pending after a turn of the event loop. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await tick();
  return !settled;
}

describe('InFlight', () => {
  it('runs at most `limit` batches at a time, starting the next as one finishes', async () => {
    const inFlight = new InFlight(2);
    const gates = [gate(), gate(), gate()];
    let running = 0;
    let most = 0;
    const work = (g: ReturnType<typeof gate>) => async () => {
      running += 1;
      most = Math.max(most, running);
      await g.done;
      running -= 1;
    };
    await inFlight.start(work(gates[0]));
    await inFlight.start(work(gates[1]));
    let thirdStarted = false;
    const third = inFlight.start(work(gates[2])).then(() => (thirdStarted = true));
    await tick();
    expect({ running, thirdStarted }).toEqual({ running: 2, thirdStarted: false });
    gates[1].open();
    await third;
    expect(running).toBe(2);
    gates[0].open();
    gates[2].open();
    await inFlight.drain();
    expect({ running, most }).toEqual({ running: 0, most: 2 });
  });

  it('fails the next start with the first failure, once the other batches have finished', async () => {
    const inFlight = new InFlight(3);
    const slow = await startSlow(inFlight);
    await inFlight.start(() => Promise.reject(new Error('store unreachable')));
    await tick();
    let started = false;
    const next = inFlight.start(async () => void (started = true));
    expect(await pending(next)).toBe(true);
    slow.open();
    await expect(next).rejects.toThrow('store unreachable');
    expect({ slowFinished: slow.finished(), started }).toEqual({ slowFinished: true, started: false });
  });

  it('drain waits for every batch and reports a failure', async () => {
    const inFlight = new InFlight(2);
    const finished: number[] = [];
    await inFlight.start(async () => void finished.push(1));
    await inFlight.start(async () => {
      await tick();
      finished.push(2);
      throw new Error('refused');
    });
    await expect(inFlight.drain()).rejects.toThrow('refused');
    expect(finished).toEqual([1, 2]);
  });

  it('guard lets the batches in flight finish before an error of the caller goes on', async () => {
    const inFlight = new InFlight(2);
    const slow = await startSlow(inFlight);
    const guarded = inFlight.guard(async () => {
      throw new Error('bad row');
    });
    expect(await pending(guarded)).toBe(true);
    slow.open();
    await expect(guarded).rejects.toThrow('bad row');
    expect(slow.finished()).toBe(true);
  });
});
