"""The Python side of Celeriac's tracing tests: a plain Celery 5 app on the Redis broker.

Trace context travels as OpenTelemetry's Celery instrumentation carries it: the producer's
before_task_publish handler injects the W3C `traceparent` (and `tracestate`) into the message
headers, and on the worker the instrumentation reads them back as attributes of `task.request`.
The OpenTelemetry SDK need not be installed: the handler below writes the header the way the
instrumentation's propagate.inject(headers) does, from TRACE_PARENT / TRACE_STATE.

Environment: TRACE_BROKER (redis:// URL), TRACE_PREFIX (kombu's global_keyprefix, so the test's
keys are its own), TRACE_READY_FILE (written once the worker consumes).

    python3 trace_app.py TASK ARGS_JSON QUEUE     sends one task, prints its id
    python3 -m celery -A trace_app worker ...     runs trace.python_reads
"""
import json
import os
import sys

from celery import Celery
from celery.signals import before_task_publish, worker_ready

app = Celery("trace_app", broker=os.environ["TRACE_BROKER"])
app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    worker_hijack_root_logger=False,
    worker_prefetch_multiplier=1,
    broker_transport_options={"global_keyprefix": os.environ["TRACE_PREFIX"]},
)


@before_task_publish.connect
def inject_trace_context(headers=None, **kwargs):
    """As opentelemetry-instrumentation-celery's _trace_before_publish: inject(headers)."""
    traceparent = os.environ.get("TRACE_PARENT")
    if traceparent and headers is not None:
        headers["traceparent"] = traceparent
        if os.environ.get("TRACE_STATE"):
            headers["tracestate"] = os.environ["TRACE_STATE"]


@worker_ready.connect
def announce_ready(**kwargs):
    path = os.environ.get("TRACE_READY_FILE")
    if path:
        with open(path + ".tmp", "w") as f:
            f.write(str(os.getpid()))
        os.replace(path + ".tmp", path)


@app.task(name="trace.python_reads", bind=True)
def python_reads(self, out):
    """What the instrumentation's CeleryGetter reads on the worker: getattr(task.request, key)."""
    seen = {key: getattr(self.request, key, None) for key in ("traceparent", "tracestate")}
    with open(out + ".tmp", "w") as f:
        json.dump(seen, f)
    os.replace(out + ".tmp", out)
    return True


if __name__ == "__main__":
    task, args, queue = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    print(app.send_task(task, args=args, queue=queue).id)
