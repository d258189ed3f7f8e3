"""Checks of a running compose fleet, driven from the host with Python Celery and podman.

Run by docker/test/run.sh once the fleet is up:
    python3 fleet_checks.py PROJECT IMAGE REDIS_PASSWORD MEASUREMENTS_JSON
Prints one line per check and closes with 'N passed, N failed'; exits 1 when a check failed.
Every wait has a deadline; nothing here sleeps for a fixed time to let something happen.
"""
import json
import os
import shutil
import re
import subprocess
import sys
import threading
import time
import urllib.request

import redis
from celery import Celery

PROJECT, IMAGE, REDIS_PASSWORD, MEASUREMENTS = sys.argv[1:5]
# worker service -> (queue, concurrency, memory limit in MiB), as in docker-compose.yml
WORKERS = {
    "default_worker": ("celery", 2, 384),
    "ai_worker": ("ai_tasks", 1, 512),
    "email_worker": ("email_tasks", 4, 384),
    "file_worker": ("file_tasks", 2, 512),
    "sync_worker": ("sync_tasks", 2, 384),
    "maintenance_worker": ("maintenance_tasks", 1, 384),
}
GRACE_SECONDS = 45  # stop_grace_period
results = {"passed": 0, "failed": 0}
measured = {}


def podman(*args, check=True):
    done = subprocess.run(["podman", *args], capture_output=True, text=True, timeout=120)
    if check and done.returncode != 0:
        raise RuntimeError(f"podman {' '.join(args)}: {done.stderr.strip()}")
    return done


def name(service):
    return f"{PROJECT}_{service}_1"


def inspect(service, template):
    return podman("inspect", "--format", template, name(service)).stdout.strip()


def ip(service):
    return inspect(service, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}")


def until(what, predicate, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(step)


def check(title):
    def wrap(fn):
        try:
            note = fn()
            results["passed"] += 1
            print(f"ok - {title}" + (f" ({note})" if note else ""), flush=True)
        except Exception as e:  # a failed check is reported and the others still run
            results["failed"] += 1
            print(f"FAIL - {title}: {e}", flush=True)
        return fn
    return wrap


def readyz(service, timeout=1.0):
    try:
        with urllib.request.urlopen(f"http://{ip(service)}:8080/readyz", timeout=timeout) as answer:
            return answer.status == 200
    except Exception:
        return False


def health_run(service):
    """One run of the container's own health check, as the engine's timer runs it: (ok, its output)."""
    return health_of(name(service))


def health_of(container):
    done = podman("healthcheck", "run", container, check=False)
    log = json.loads(podman("inspect", "--format", "{{json .State.Healthcheck.Log}}", container).stdout or "null") or []
    return done.returncode == 0, (log[-1]["Output"].strip() if log else done.stdout.strip())


def host_pids(service):
    """Host pids of the container's processes: (pid 1 = the entrypoint, the JVM)."""
    rows = podman("top", name(service), "hpid", "args").stdout.splitlines()[1:]
    first, java = None, None
    for row in rows:
        pid, args = row.split(None, 1)
        if first is None:
            first = int(pid)
        if "java" in args and "Main" in args:
            java = int(pid)
    return first, java


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cgroup_mib(pid):
    """The container's memory as its limit counts it: (usage, limit) of its memory cgroup, v1 or v2."""
    with open(f"/proc/{pid}/cgroup") as f:
        lines = [line.strip().split(":", 2) for line in f]
    v1 = [path for _, controllers, path in lines if "memory" in controllers.split(",")]
    if v1:
        base = f"/sys/fs/cgroup/memory{v1[0]}"
        usage, limit = f"{base}/memory.usage_in_bytes", f"{base}/memory.limit_in_bytes"
    else:
        base = f"/sys/fs/cgroup{lines[0][2]}"
        usage, limit = f"{base}/memory.current", f"{base}/memory.max"
    with open(usage) as u, open(limit) as m:
        cap = m.read().strip()
        return int(u.read()) / 1048576, (float("inf") if cap == "max" else int(cap) / 1048576)


broker = f"redis://:{REDIS_PASSWORD}@{ip('redis')}:6379/0"
redis_client = redis.Redis.from_url(broker)
app = Celery("fleet-checks", broker=broker, backend=broker)
app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"],
                broker_connection_retry_on_startup=True)


def send(task, args, queue):
    return app.send_task(task, args=args, queue=queue)


@check("compose refuses to start with .env.example's .env (no passwords), naming the variable")
def refuses_without_password():
    bad = os.path.join(os.path.dirname(os.environ["CT_COMPOSE_FILE"]), "unset")
    os.makedirs(bad, exist_ok=True)
    shutil.copy(os.environ["CT_COMPOSE_FILE"], bad)
    shutil.copy(os.environ["CT_ENV_EXAMPLE"], os.path.join(bad, ".env"))
    env = {k: v for k, v in os.environ.items() if not k.endswith("_PASSWORD")}
    done = subprocess.run(["podman-compose", "-p", PROJECT + "bad", "-f", os.path.join(bad, "docker-compose.yml"), "up", "-d"],
                          env=env, capture_output=True, text=True, timeout=120)
    said = [line for line in (done.stdout + done.stderr).splitlines() if "PASSWORD is not set" in line]
    made = podman("ps", "-aq", "--filter", f"label=io.podman.compose.project={PROJECT}bad").stdout.strip()
    if done.returncode == 0 or not said or made:
        raise AssertionError(f"exit {done.returncode}, containers {made!r}, output {(done.stdout + done.stderr)[-300:]!r}")
    return said[-1].strip()


@check("every worker type and the beat are healthy (their own /readyz through the image's health check)")
def all_healthy():
    for service in [*WORKERS, "beat"]:
        until(f"{service} healthy", lambda: health_run(service)[0], 120, 0.5)


@check("the dashboard is healthy and asks for a login on 5555 (users from docker/.env)")
def dashboard_up():
    until("dashboard healthy", lambda: health_run("dashboard")[0], 120, 0.5)

    def login_page():
        try:
            with urllib.request.urlopen(f"http://{ip('dashboard')}:5555/login", timeout=2) as answer:
                return answer.status == 200 and b'name="password"' in answer.read()
        except OSError:
            return False
    until("the dashboard's login page", login_page, 30, 0.5)


@check("processes run as the image's non-root user")
def not_root():
    for service in [*WORKERS, "beat"]:
        users = podman("top", name(service), "user").stdout.split()[1:]
        if not users or any(u in ("root", "0") for u in users):
            raise AssertionError(f"{service} runs as {users}")


@check("Python Celery on the host sends to each worker type's queue and reads the results")
def each_queue():
    sent = {service: send("celeriac.add", [n, 1000], queue) for n, (service, (queue, _, _)) in enumerate(WORKERS.items())}
    for n, (service, result) in enumerate(sent.items()):
        value = result.get(timeout=60)
        if value != n + 1000:
            raise AssertionError(f"{service} answered {value}")


@check("the exporter reads the fleet from Redis: each worker type's queue has a live consumer and a recorded pickup")
def exporter_sees_the_fleet():
    def scrape():
        try:
            with urllib.request.urlopen(f"http://{ip('exporter')}:8080/metrics", timeout=2) as answer:
                return answer.read().decode()
        except OSError:
            return ""

    def value(text, series):
        found = re.search(r"^" + re.escape(series) + r" (\S+)$", text, re.M)
        return float(found.group(1)) if found else None

    def complete():
        text = scrape()
        ok = value(text, 'celeriac_redis_up{process="exporter"}') == 1 and all(
            value(text, f'celeriac_queue_consumers{{process="exporter",queue="{q}"}}') == 1
            and value(text, f'celeriac_queue_seconds_since_pickup{{process="exporter",queue="{q}"}}') is not None
            for q, _, _ in WORKERS.values())
        return text if ok else None

    text = until("the exporter's view of every queue", complete, 60, 0.5)
    leader = value(text, 'celeriac_beat_leader_present{process="exporter"}')
    return f"beat leader present: {leader}"


@check("idle and loaded memory stay under each container's limit")
def memory_under_limit():
    pids = {service: host_pids(service) for service in WORKERS}
    idle = {s: (rss_mib(j), cgroup_mib(j)[0]) for s, (_, j) in pids.items()}
    limits = {s: cgroup_mib(j)[1] for s, (_, j) in pids.items()}
    unlimited = [s for s in WORKERS if limits[s] > WORKERS[s][2] * 1.01]
    if unlimited:
        raise AssertionError(f"no memory limit applied to {unlimited}: {limits}")
    peak = {s: [0.0, 0.0] for s in WORKERS}
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            for s, (_, j) in pids.items():
                peak[s][0] = max(peak[s][0], rss_mib(j))
                peak[s][1] = max(peak[s][1], cgroup_mib(j)[0])
            sampling.wait(0.1)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        pending = [send("celeriac.add", [i, 1], queue) for i in range(800) for (queue, _, _) in WORKERS.values()]
        # each queue is FIFO: once its last task has a result the load has drained
        until("the load drained", lambda: all(r.ready() for r in pending[-len(WORKERS):]), 240, 0.2)
    finally:
        sampling.set()
        sampler.join(5)
    failed = [r for r in pending if r.get(timeout=60) is None]
    if failed:
        raise AssertionError(f"{len(failed)} tasks without a result")
    measured["memory_mib"] = {s: {"idle_rss": round(idle[s][0]), "idle_cgroup": round(idle[s][1]),
                                  "loaded_rss": round(peak[s][0]), "loaded_cgroup": round(peak[s][1]),
                                  "limit": WORKERS[s][2]} for s in WORKERS}
    over = [s for s in WORKERS if peak[s][1] >= WORKERS[s][2]]
    if over:
        raise AssertionError(f"over the limit: {over}")
    return ", ".join(f"{s} {measured['memory_mib'][s]['idle_rss']}->{measured['memory_mib'][s]['loaded_rss']} MiB" for s in WORKERS)


@check("a worker killed mid-load is restarted by the restart policy and loses no task")
def kill_mid_load():
    queue = WORKERS["email_worker"][0]
    before = int(inspect("email_worker", "{{.RestartCount}}") or 0)
    pending = [send("celeriac.sleep", [0.05], queue) for _ in range(300)]
    until("some tasks done", lambda: sum(r.ready() for r in pending) >= 40, 60, 0.05)
    first, _ = host_pids("email_worker")
    os.kill(first, 9)
    until("restarted", lambda: int(inspect("email_worker", "{{.RestartCount}}") or 0) > before
          and inspect("email_worker", "{{.State.Running}}") == "true", 60, 0.2)
    # what the killed JVM held comes back when its lease expires (30 s)
    until("every task done", lambda: all(r.ready() for r in pending), 150, 0.5)
    states = {r.state for r in pending}
    if states != {"SUCCESS"}:
        raise AssertionError(f"states {states}")
    return f"{sum(1 for _ in pending)} tasks, all SUCCESS"


@check("a stopped worker finishes its running tasks within the grace period and exits 0")
def graceful_stop():
    queue = WORKERS["sync_worker"][0]
    pending = [send("celeriac.sleep", [3], queue) for _ in range(4)]
    # the worker reserves concurrency x prefetch (2) and starts them at once
    until("two taken", lambda: redis_client.llen(queue) <= 2, 60, 0.02)
    started = time.monotonic()
    podman("stop", "-t", str(GRACE_SECONDS), name("sync_worker"))
    took = time.monotonic() - started
    code = inspect("sync_worker", "{{.State.ExitCode}}")
    if code != "0" or took >= GRACE_SECONDS:
        raise AssertionError(f"exit code {code} after {took:.1f} s")
    podman("start", name("sync_worker"))
    until("every task done after the restart", lambda: all(r.ready() for r in pending), 90, 0.2)
    states = {r.state for r in pending}
    if states != {"SUCCESS"}:
        raise AssertionError(f"states {states}")
    return f"stopped in {took:.1f} s of {GRACE_SECONDS}"


@check("a stalled worker turns unhealthy, and healthy again when it moves")
def stalled_worker():
    service = "maintenance_worker"
    _, java = host_pids(service)
    os.kill(java, 19)  # SIGSTOP: a JVM that no longer answers
    try:
        ok, why = health_run(service)
        if ok:
            raise AssertionError("still healthy while stopped")
        for _ in range(3):
            health_run(service)
        status = inspect(service, "{{.State.Healthcheck.Status}}")
        if status != "unhealthy":
            raise AssertionError(f"status {status}")
    finally:
        os.kill(java, 18)  # SIGCONT
    until("healthy again", lambda: health_run(service)[0], 60, 0.5)
    return why


@check("a worker given a wrong Redis password prints one line, does not restart, and its health says why")
def wrong_password():
    bad = f"{PROJECT}_wrongpass"
    podman("run", "-d", "--name", bad, "--network", f"{PROJECT}_default", "--restart", "unless-stopped",
           "--read-only", "--tmpfs", "/tmp", "-e", "CELERIAC_BROKER_URL=redis://:wrong@redis:6379/0",
           IMAGE, "worker", "--queues=nothing", "--http-port=8080")
    try:
        def health():
            ok, text = health_of(bad)
            return text if not ok and "password" in text else None
        why = until("health names the password", health, 90, 0.5)
        logs = podman("logs", bad).stderr + podman("logs", bad).stdout
        errors = [line for line in logs.splitlines() if line.startswith("celeriac:")]
        restarts = podman("inspect", "--format", "{{.RestartCount}}", bad).stdout.strip()
        if len(errors) != 1 or "Exception" in logs or restarts not in ("", "0"):
            raise AssertionError(f"errors {errors}, restarts {restarts}, log {logs[-400:]!r}")
        return why
    finally:
        podman("rm", "-f", "-t", "0", bad, check=False)


@check("container start to first task (ai_worker, a task already waiting in its queue)")
def start_to_first_task():
    podman("stop", "-t", str(GRACE_SECONDS), name("ai_worker"))
    result = send("celeriac.add", [20, 22], WORKERS["ai_worker"][0])
    started = time.monotonic()
    podman("start", name("ai_worker"))
    engine = time.monotonic() - started
    value = result.get(timeout=60, interval=0.01)
    took = time.monotonic() - started
    until("ready", lambda: readyz("ai_worker"), 30, 0.05)
    if value != 42:
        raise AssertionError(f"answered {value}")
    measured["start_to_first_task_s"] = round(took, 2)
    measured["podman_start_returned_s"] = round(engine, 2)
    return f"{took:.2f} s, of which podman start {engine:.2f} s"


def one_off(suffix, args, cpus=None, aot="auto"):
    """Starts the image on the fleet's network as compose would, without compose's CPU limit."""
    limit = ["--cpus", str(cpus)] if cpus else []
    podman("run", "-d", "--name", f"{PROJECT}_{suffix}", "--network", f"{PROJECT}_default", "--read-only",
           "--tmpfs", "/tmp", "-e", f"CELERIAC_BROKER_URL=redis://:{REDIS_PASSWORD}@redis:6379/0",
           "-e", f"CELERIAC_AOT_MODE={aot}", *limit, IMAGE, *args)
    return f"{PROJECT}_{suffix}"


def time_to_ready(container, started, timeout=60):
    address = podman("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container).stdout.strip()

    def answers():
        try:
            with urllib.request.urlopen(f"http://{address}:8080/readyz", timeout=0.5) as answer:
                return answer.status == 200
        except Exception:
            return False
    until(f"{container} ready", answers, timeout, 0.01)
    return time.monotonic() - started


@check("start to first task and to ready without a CPU limit (worker), and the beat on the same AOT cache")
def start_unthrottled():
    figures = {}
    for aot in ("auto", "off"):
        queue = f"first_task_{aot}"
        result = send("celeriac.add", [1, 2], queue)
        started = time.monotonic()
        worker = one_off(f"first_{aot}", ["worker", f"--queues={queue}", "--concurrency=1", "--http-port=8080"], aot=aot)
        try:
            result.get(timeout=60, interval=0.01)
            figures[f"worker_first_task_s_aot_{aot}"] = round(time.monotonic() - started, 2)
            figures[f"worker_ready_s_aot_{aot}"] = round(time_to_ready(worker, started), 2)
        finally:
            podman("rm", "-f", "-t", "0", worker, check=False)
        started = time.monotonic()
        beat = one_off(f"beat_{aot}", ["beat", "--http-port=8080"], aot=aot)
        try:
            figures[f"beat_ready_s_aot_{aot}"] = round(time_to_ready(beat, started), 2)
        finally:
            podman("rm", "-f", "-t", "0", beat, check=False)
    measured["unthrottled"] = figures
    if figures["worker_first_task_s_aot_auto"] > 5:
        raise AssertionError(f"slow start: {figures}")
    return ", ".join(f"{k} {v}" for k, v in figures.items())


with open(MEASUREMENTS, "w") as out:
    json.dump(measured, out, indent=2)
print(f"container test: {results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
