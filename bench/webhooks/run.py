"""Open-loop load of signed Slack events against the real app and a bare endpoint over TCP.

Each server runs in its own process under uvicorn, exactly as `salesbrain serve` does (the
real one on SQLite in a temporary folder, Slack's Web API replaced by a local fake). The
generator sends `rate` signed `event_callback` requests per second for `seconds`, on a
schedule that does not wait for answers, and measures how long each acknowledgement took.

Figures:
- p50_ms / p99_ms: acknowledgement latency (request written -> 200 read), real app.
- throughput_rps: acknowledged requests / time from the first send to the last answer.
- ratio: bare_p99_ms / p99_ms. 1.0 means the real webhook acknowledges as fast as an empty
  endpoint; 0.5 means its p99 is twice the floor. Goal: p99_ms < 50 and ratio >= 0.5.
- throughput_ratio: throughput_rps / bare_throughput_rps (at the same offered rate).
- drain_s: after the last send, how long until every event had its reply at the fake API
  (the worker's backlog); processed_rps = n / (last reply - first send).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SECRET = "bench-signing-secret-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(kind: str, env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """Start `bench.webhooks.serve <kind>` in a subprocess; yield its base URL and pid."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.webhooks.serve", kind, "--port", str(port)],
        cwd=ROOT,
        # Only the configuration given here: nothing from the caller's SALESBRAIN_* leaks in.
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("SALESBRAIN_")},
            **(env or {}),
        },
    )
    base = f"http://127.0.0.1:{port}"
    try:
        probe = "/calls" if kind == "fake-slack" else "/healthz"
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{kind} server exited with {proc.returncode}")
            try:
                if httpx.get(base + probe, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{kind} server did not come up")
            time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def worker_process(env: dict[str, str], inline: bool) -> Iterator[None]:
    """`salesbrain worker` beside the API (unless the API runs its worker in-process)."""
    if inline:
        yield
        return
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "worker"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("SALESBRAIN_")}, **env},
    )
    try:
        yield
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def profiler(pid: int, out: Path | None) -> Iterator[None]:
    """py-spy (CPU samples, every thread) on the server process for the duration of the block."""
    if out is None:
        yield
        return
    fmt = "raw" if out.suffix == ".txt" else "speedscope"
    spy = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("py-spy")),
            "record",
            "--pid",
            str(pid),
            "--output",
            str(out),
            "--format",
            fmt,
            "--threads",
            "--rate",
            "200",
            "--nonblocking",
        ]
    )
    try:
        time.sleep(1.0)  # let py-spy attach
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=60)


def signed_event(i: int, run: str) -> tuple[bytes, dict[str, str]]:
    """A DM from a not-yet-linked user: the bot answers it with the onboarding text."""
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0BENCH",
            "api_app_id": "A0BENCH",
            "event_id": f"Ev{run}{i:07d}",
            "event_time": int(time.time()),
            "authorizations": [{"user_id": "U0BOT", "is_bot": True}],
            "event": {
                "type": "message",
                "channel_type": "im",
                "channel": f"D{run}{i:07d}",  # own channel: Slack's 1 msg/s pacing stays idle
                "user": f"U{i % 500:07d}",
                "text": "hello, what can you do?",
                "ts": f"{time.time():.6f}",
            },
        }
    ).encode()
    ts = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": "v0=" + mac.hexdigest(),
    }
    return body, headers


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class LoadResult:
    latencies_ms: list[float]
    errors: int
    lag_ms: float  # worst delay between a send's scheduled time and its start
    started: float
    finished: float
    server_cpu_s: float  # server process CPU during the timed phase
    server_cpu_start: float  # server process CPU when the timed phase began
    client_cpu_s: float  # this (generator) process's CPU during the timed phase

    @property
    def n(self) -> int:
        return len(self.latencies_ms)

    def pct(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]

    @property
    def throughput(self) -> float:
        return self.n / max(1e-9, self.finished - self.started)


async def open_loop(base: str, *, pid: int, rate: float, seconds: float, run: str) -> LoadResult:
    total = int(rate * seconds)
    requests = [signed_event(i, run) for i in range(total)]  # signing is not the server's cost
    latencies: list[float] = []
    errors = 0
    worst_lag = 0.0
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        for body, headers in requests[:20]:  # open the pool and warm both sides up
            await client.post("/webhooks/slack", content=body, headers=headers)
        requests = [signed_event(i, run + "m") for i in range(total)]

        async def one(body: bytes, headers: dict[str, str]) -> None:
            nonlocal errors
            start = time.perf_counter()
            try:
                response = await client.post("/webhooks/slack", content=body, headers=headers)
            except httpx.HTTPError:
                errors += 1
                return
            if response.status_code != 200:
                errors += 1
                return
            latencies.append((time.perf_counter() - start) * 1000)

        tasks = []
        server_cpu, client_cpu = cpu_seconds(pid), time.process_time()
        started = time.perf_counter()
        for i, (body, headers) in enumerate(requests):
            due = started + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            worst_lag = max(worst_lag, time.perf_counter() - due)
            tasks.append(asyncio.create_task(one(body, headers)))
        await asyncio.gather(*tasks)
        finished = time.perf_counter()
        server_cpu_start = server_cpu
        server_cpu = cpu_seconds(pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    return LoadResult(
        latencies,
        errors,
        worst_lag * 1000,
        started,
        finished,
        server_cpu,
        server_cpu_start,
        client_cpu,
    )


def wait_for_replies(fake: str, expected: int, started: float, limit_s: float) -> float | None:
    """Seconds from the first send until `expected` replies reached the fake API."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        calls = httpx.get(fake + "/calls", timeout=5).json()["calls"]
        if calls >= expected:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def describe(name: str, result: LoadResult) -> None:
    mean = statistics.fmean(result.latencies_ms) if result.latencies_ms else float("nan")
    print(
        f"{name:>5}: n={result.n} errors={result.errors} "
        f"p50={result.pct(50):.2f} ms p90={result.pct(90):.2f} ms p99={result.pct(99):.2f} ms "
        f"max={max(result.latencies_ms, default=float('nan')):.2f} ms mean={mean:.2f} ms "
        f"throughput={result.throughput:.1f} rps (generator lag max {result.lag_ms:.1f} ms)\n"
        f"       CPU per request: server {result.server_cpu_s / max(1, result.n) * 1000:.2f} ms, "
        f"load generator {result.client_cpu_s / max(1, result.n) * 1000:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--drain-limit", type=float, default=120.0, help="max wait for replies")
    parser.add_argument(
        "--profile",
        type=Path,
        help="record the real server with py-spy (pip install py-spy) into this file "
        "(.txt: collapsed stacks, else speedscope JSON)",
    )
    parser.add_argument(
        "--only-real", action="store_true", help="skip the bare endpoint (quick A/B runs)"
    )
    parser.add_argument(
        "--inline-worker",
        action="store_true",
        help="process the inbox inside the API process (the embedded default) instead of a "
        "separate `salesbrain worker`",
    )
    args = parser.parse_args()
    warmup = 20

    with tempfile.TemporaryDirectory(prefix="sb-bench-") as tmp, server("fake-slack") as fake:
        fake_url, _ = fake
        env = {
            "SALESBRAIN_ENV": "development",
            "SALESBRAIN_DATA_DIR": str(Path(tmp) / "data"),
            "SALESBRAIN_LOG_LEVEL": "WARNING",
            "SALESBRAIN_SLACK__SIGNING_SECRET": SECRET,
            "SALESBRAIN_SLACK__BOT_TOKEN": "xoxb-bench",
            "SALESBRAIN_SLACK__API_BASE_URL": fake_url + "/api/",
        }
        if not args.inline_worker:
            # As docker-compose.yml deploys it: the API only acknowledges, a worker process
            # drains the inbox (on 2 cores an in-process worker starves the acknowledgements).
            env["SALESBRAIN_WORKER_IN_API"] = "false"
        with server("real", env) as (real_url, real_pid), worker_process(env, args.inline_worker):
            print(f"real app pid {real_pid} on {real_url}; SQLite in {tmp}")
            with profiler(real_pid, args.profile):
                real = asyncio.run(
                    open_loop(real_url, pid=real_pid, rate=args.rate, seconds=args.seconds, run="R")
                )
            expected = real.n + warmup
            reached = wait_for_replies(fake_url, expected, real.started, args.drain_limit)
            real_total_cpu = cpu_seconds(real_pid) - real.server_cpu_start
        if args.only_real:
            describe("real", real)
            print(f"replies complete after {reached} s; load average {os.getloadavg()[0]:.1f}")
            return
        with server("bare") as (bare_url, bare_pid):
            bare = asyncio.run(
                open_loop(bare_url, pid=bare_pid, rate=args.rate, seconds=args.seconds, run="B")
            )

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (1 min)")
    describe("real", real)
    describe("bare", bare)
    drain = None if reached is None else reached - (real.finished - real.started)
    processed = None if reached is None else real.n / reached
    if reached is None:
        print(f"worker: replies still missing after {args.drain_limit:.0f} s")
    else:
        print(
            f"worker: every reply sent {reached:.1f} s after the first request "
            f"({processed:.1f} events/s end to end, backlog drained {max(0.0, drain or 0):.1f} s "
            "after the last ack)"
        )
    print(
        "real server CPU from the first timed request until the last reply (ack, processing, "
        f"reply): {real_total_cpu / max(1, real.n) * 1000:.2f} ms per event"
    )
    ratio = bare.pct(99) / real.pct(99)
    print(
        f"ratio = bare p99 / real p99 = {bare.pct(99):.2f} / {real.pct(99):.2f} = {ratio:.2f} "
        f"(goal >= 0.5); real p99 goal < 50 ms: {'met' if real.pct(99) < 50 else 'MISSED'}"
    )
    print(
        json.dumps(
            {
                "rate": args.rate,
                "n": real.n,
                "errors": real.errors,
                "p50_ms": round(real.pct(50), 2),
                "p99_ms": round(real.pct(99), 2),
                "bare_p50_ms": round(bare.pct(50), 2),
                "bare_p99_ms": round(bare.pct(99), 2),
                "throughput_rps": round(real.throughput, 1),
                "bare_throughput_rps": round(bare.throughput, 1),
                "ratio": round(ratio, 3),
                "throughput_ratio": round(real.throughput / bare.throughput, 3),
                "processed_rps": None if processed is None else round(processed, 1),
                "drain_s": None if drain is None else round(max(0.0, drain), 2),
                "server_cpu_ms_per_req": round(real.server_cpu_s / max(1, real.n) * 1000, 3),
                "server_cpu_ms_per_event_end_to_end": round(
                    real_total_cpu / max(1, real.n) * 1000, 3
                ),
                "bare_server_cpu_ms_per_req": round(bare.server_cpu_s / max(1, bare.n) * 1000, 3),
                "loadavg": round(os.getloadavg()[0], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
