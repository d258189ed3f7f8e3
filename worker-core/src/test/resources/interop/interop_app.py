"""The Python side of Celeriac's interop tests: a plain Celery 5 app on the Redis broker.

Configured from the environment by the Java tests (see PythonCelery.java):
  CELERIAC_INTEROP_BROKER         redis:// URL, used for both broker and result backend
  CELERIAC_INTEROP_DEFAULT_QUEUE  a private default queue, so a message Celery routes "by default"
                                  (for example a retry without a routing key) is visible to the test
  CELERIAC_INTEROP_PREFIX         private names for kombu's unacked hash/index/mutex, so this worker
                                  never restores other processes' messages on a shared Redis
  CELERIAC_INTEROP_READY_FILE     written when the worker is consuming (worker_ready signal)

Task and client names stay kombu's defaults otherwise: no global_keyprefix, the layout a production
Celery fleet uses.
"""
import os
import time

from celery.exceptions import Ignore, SoftTimeLimitExceeded
from celery import Celery
from celery.signals import worker_ready

BROKER = os.environ["CELERIAC_INTEROP_BROKER"]
PREFIX = os.environ.get("CELERIAC_INTEROP_PREFIX", "interop:")

app = Celery("interop_app", broker=BROKER, backend=BROKER)
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    timezone="UTC",
    enable_utc=True,
    task_default_queue=os.environ.get("CELERIAC_INTEROP_DEFAULT_QUEUE", "celery"),
    result_expires=600,
    worker_prefetch_multiplier=1,
    result_extended=True,
    broker_transport_options={
        "unacked_key": PREFIX + "unacked",
        "unacked_index_key": PREFIX + "unacked_index",
        "unacked_mutex_key": PREFIX + "unacked_mutex",
    },
)


@worker_ready.connect
def _announce_ready(sender=None, **kwargs):
    path = os.environ.get("CELERIAC_INTEROP_READY_FILE")
    if path:
        with open(path + ".tmp", "w") as f:
            f.write(str(os.getpid()))
        os.replace(path + ".tmp", path)


@app.task(name="interop.py.add")
def add(x, y):
    return x + y


@app.task(name="interop.py.sum")
def total(numbers):
    return sum(numbers)


@app.task(name="interop.py.fail")
def fail(message):
    raise ValueError(message)


@app.task(name="interop.py.describe", bind=True)
def describe(self, *args, **kwargs):
    """Returns what the worker saw of the message, so the Java side can check its own headers."""
    request = self.request
    return {
        "args": list(args),
        "kwargs": kwargs,
        "id": request.id,
        "retries": request.retries,
        "root_id": request.root_id,
        "parent_id": request.parent_id,
        "eta": request.eta,
        "expires": request.expires,
        "routing_key": (request.delivery_info or {}).get("routing_key"),
        "priority": (request.delivery_info or {}).get("priority"),
        "hostname": request.hostname,
    }


@app.task(name="interop.py.progress", bind=True)
def progress(self, done, total):
    # a running task's own state, left stored: Ignore() ends the task without a ready state
    self.update_state(state="PROGRESS", meta={"done": done, "total": total})
    raise Ignore()


@app.task(name="interop.py.retry_once", bind=True, max_retries=3)
def retry_once(self, n):
    """Retries once with a short countdown, then reports where each attempt came from."""
    if self.request.retries < 1:
        raise self.retry(countdown=1, exc=RuntimeError("first attempt of %s" % n))
    return {
        "n": n,
        "retries": self.request.retries,
        "routing_key": (self.request.delivery_info or {}).get("routing_key"),
        "eta": self.request.eta,
    }


# ---- the conformance suite's reference tasks (conformance.py; Celeriac's are ConformanceTasks.java) ----

@app.task(name="conf.add")
def conf_add(x, y):
    return x + y


@app.task(name="conf.echo")
def conf_echo(value):
    return value


@app.task(name="conf.sum")
def conf_sum(numbers):
    return sum(numbers)


@app.task(name="conf.fail")
def conf_fail(message):
    raise ValueError(message)


@app.task(name="conf.sleep")
def conf_sleep(seconds):
    time.sleep(seconds)
    return seconds


@app.task(name="conf.tracked", track_started=True)
def conf_tracked(seconds):
    time.sleep(seconds)
    return "done"


@app.task(name="conf.progress", bind=True)
def conf_progress(self, seconds):
    self.update_state(state="PROGRESS", meta={"done": 1})
    time.sleep(seconds)
    return "done"


@app.task(name="conf.soft")
def conf_soft(seconds):
    try:
        time.sleep(seconds)
    except SoftTimeLimitExceeded:
        return "cleaned up"
    return "not interrupted"


@app.task(name="conf.retry_once", bind=True, max_retries=3)
def conf_retry_once(self):
    if self.request.retries == 0:
        raise self.retry(countdown=0.2)
    return self.request.retries


@app.task(name="conf.spawn")
def conf_spawn(queue):
    return conf_add.apply_async((1, 2), queue=queue).id

