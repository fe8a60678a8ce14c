"""Long fuzz run: the generators of tests/fuzz/cases.py in a loop, each case in a watched worker process.

    python benchmarks/fuzz.py --minutes 60 [--seed S] [--kinds text,pdf-struct] [--timeout 60]
    python benchmarks/fuzz.py --replay fuzz-crashes/pdf-struct-7-123.json

Every case must give a ``Report`` or raise a ``ContractlintError`` subclass. Anything else is a failure:
another exception, a hang past ``--timeout`` (the worker is killed), or a dead worker (a segfault in a C
library). The worker has an address-space cap (``--memory-mb``), so exhausting memory fails too. Each
failing input is saved under ``--crash-dir`` with a JSON note (kind, seed, engine, mutations, error);
``--replay`` runs one of them again in this process, with the traceback.

Cases are numbered; case ``i`` is generator ``kinds[i % len(kinds)]`` with seed ``"S:i"``, so a run is
reproducible from ``--seed``. Prints progress every 30 s and, at the end, cases run, failures, failures
by exception type, and results per generator.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import signal
import sys
import time
import traceback
from collections import Counter, defaultdict
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fuzz.cases import GENERATORS, make_case  # noqa: E402


def _worker(conn: Connection, memory_mb: int) -> None:
    import logging

    from contractlint.scanner.worker import set_memory_budget
    from tests.fuzz.cases import check_case

    # pdfminer and pypdf log every repair of a broken file; the run's report is the outcome of each case.
    logging.disable(logging.WARNING)

    check_case(make_case("text", 0))  # build the pipeline before the memory cap
    if memory_mb:
        set_memory_budget(memory_mb)
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        kind, seed = message
        try:
            case = make_case(kind, seed)
        except Exception as exc:  # a bug in the generator, not in contractlint
            conn.send(("skip", type(exc).__name__))
            continue
        try:
            outcome: tuple[Any, ...] = ("ok", check_case(case))
        except BaseException as exc:  # everything that is not a Report or a ContractlintError
            outcome = ("fail", type(exc).__name__, str(exc)[:500], traceback.format_exc()[-4000:])
        conn.send(outcome)


class Runner:
    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        self.ctx = multiprocessing.get_context("forkserver")
        self.proc: Any = None
        self.conn: Connection | None = None
        self.restarts = 0

    def start(self) -> None:
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, self.memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        if not parent.poll(300) or parent.recv() != ("ready",):
            raise SystemExit("the fuzz worker did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
            self.proc = None
            self.restarts += 1

    def run(self, kind: str, seed: str, timeout: float) -> tuple[Any, ...]:
        if self.proc is None:
            self.start()
        assert self.conn is not None
        try:
            self.conn.send((kind, seed))
            if self.conn.poll(timeout):
                return tuple(self.conn.recv())
        except (EOFError, OSError):
            pass
        alive = self.proc.is_alive()
        code = self.proc.exitcode
        self.stop()
        if alive:
            return ("fail", "Hang", f"still running after {timeout:g} s", "")
        return ("fail", "WorkerDied", f"the worker died (exit code {code})", "")


def _save(crash_dir: Path, kind: str, seed: str, outcome: tuple[Any, ...]) -> Path:
    case = make_case(kind, seed)
    crash_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{kind}-{seed.replace(':', '-')}"
    suffix = Path(case.name).suffix
    (crash_dir / f"{stem}{suffix}").write_bytes(case.data)
    note = {
        "kind": kind,
        "seed": seed,
        "engine": case.engine,
        "name": case.name,
        "steps": case.steps,
        "error": outcome[1],
        "message": outcome[2],
        "traceback": outcome[3],
    }
    path = crash_dir / f"{stem}.json"
    path.write_text(json.dumps(note, indent=2), encoding="utf-8")
    return path


def _replay(note_path: Path) -> int:
    from tests.fuzz.cases import check_case

    note = json.loads(note_path.read_text(encoding="utf-8"))
    case = make_case(note["kind"], note["seed"])
    print(f"replaying {note['kind']} seed {note['seed']} ({case.engine or 'no engine'}): {case.steps}")
    started = time.perf_counter()
    print(check_case(case), f"in {time.perf_counter() - started:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to run (default 5)")
    parser.add_argument("--cases", type=int, default=0, help="stop after this many cases (0: no cap)")
    parser.add_argument("--seed", default="0", help="run seed; the same seed replays the same cases")
    parser.add_argument("--kinds", default=",".join(GENERATORS), help="comma-separated generators")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case before it is a hang")
    parser.add_argument("--memory-mb", type=int, default=3072, help="worker address-space cap (0: none)")
    parser.add_argument("--crash-dir", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument("--replay", type=Path, help="run one saved failure again, in this process")
    args = parser.parse_args(argv)
    if args.replay:
        return _replay(args.replay)
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(GENERATORS)
    if unknown:
        parser.error(f"unknown generators: {', '.join(sorted(unknown))}")

    # Stop cleanly, with the summary, on Ctrl-C or kill (a background job may have SIGINT ignored).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    runner = Runner(args.memory_mb)
    runner.start()
    results: dict[str, Counter[str]] = defaultdict(Counter)
    failures: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    started = time.monotonic()
    deadline = started + args.minutes * 60
    last_report = started
    n = 0
    try:
        while time.monotonic() < deadline and (not args.cases or n < args.cases):
            kind = kinds[n % len(kinds)]
            seed = f"{args.seed}:{n}"
            t0 = time.monotonic()
            outcome = runner.run(kind, seed, args.timeout)
            elapsed = time.monotonic() - t0
            slowest = sorted([*slowest, (elapsed, f"{kind} {seed}")], reverse=True)[:5]
            n += 1
            if outcome[0] == "skip":
                results[kind]["generator error " + outcome[1]] += 1
            elif outcome[0] == "ok":
                results[kind][outcome[1]] += 1
            else:
                failures[outcome[1]] += 1
                results[kind]["FAIL " + outcome[1]] += 1
                path = _save(args.crash_dir, kind, seed, outcome)
                print(f"FAIL {kind} {seed}: {outcome[1]}: {outcome[2][:200]} -> {path}", flush=True)
            now = time.monotonic()
            if now - last_report >= 30:
                last_report = now
                print(
                    f"[{(now - started) / 60:5.1f} min] {n} cases, {sum(failures.values())} failures, "
                    f"{n / (now - started):.1f} cases/s",
                    flush=True,
                )
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    finally:
        runner.stop()
    total = time.monotonic() - started
    print(f"\ncases run: {n} in {total / 60:.1f} min (seed {args.seed}, timeout {args.timeout:g} s)")
    print(f"failures: {sum(failures.values())}")
    for name, count in failures.most_common():
        print(f"  {name}: {count}")
    print("per generator:")
    for kind in kinds:
        counts = results[kind]
        detail = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        print(f"  {kind:16} {sum(counts.values()):6}  {detail}")
    print("slowest cases: " + "; ".join(f"{name} {t:.1f} s" for t, name in slowest))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
