"""A Python Celery producer on a sentinel:// broker and result backend, driven by PythonSentinelFailoverIT.

Usage: python3 sentinel_producer.py '<json>' with
  {"url": "sentinel://h:p1;sentinel://h:p2;...", "master_name": "mymaster", "queue": "...",
   "task": "...", "record_path": "...", "prefix": "...", "count": N, "interval": seconds,
   "send_attempts": A, "wait": seconds}

Sends task <prefix>-<i> with args [record_path, i, i] for i in 0..N-1, one at a time, every
`interval` seconds. A send that raises (kombu's connection errors while the master is down) is
retried with the same task id after 0.2 s, at most `send_attempts` times: a retry may duplicate a
message whose first send reached Redis, never lose one. Then waits for every acknowledged task's
result with AsyncResult.get() (all of them within `wait` seconds of the last send).

Prints one JSON object: celery (version), acked ({task id: epoch ms the send returned}),
send_errors (error type -> count), gave_up (ids never acknowledged), results ({id: value}),
missing (ids whose get() timed out), get_errors (error type -> count).
"""
import json
import sys
import time
from collections import Counter

import celery
from celery import Celery
from celery.exceptions import TimeoutError as CeleryTimeoutError

spec = json.loads(sys.argv[1])
options = {"master_name": spec["master_name"]}
app = Celery("sentinel_producer", broker=spec["url"], backend=spec["url"])
app.conf.update(
    broker_transport_options=options,
    result_backend_transport_options=options,
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
)

acked = {}
send_errors = Counter()
gave_up = []
for i in range(spec["count"]):
    task_id = "%s-%d" % (spec["prefix"], i)
    for attempt in range(spec["send_attempts"]):
        try:
            app.send_task(spec["task"], args=[spec["record_path"], i, i], task_id=task_id, queue=spec["queue"])
            acked[task_id] = int(time.time() * 1000)
            break
        except Exception as e:  # kombu raises several types during a failover; each is counted
            send_errors[type(e).__name__] += 1
            time.sleep(0.2)
    else:
        gave_up.append(task_id)
    time.sleep(spec["interval"])

results = {}
missing = []
get_errors = Counter()
deadline = time.time() + spec["wait"]
for task_id in acked:
    for attempt in range(50):
        try:
            value = app.AsyncResult(task_id).get(timeout=max(0.5, deadline - time.time()), interval=0.05)
            results[task_id] = value
            break
        except CeleryTimeoutError:
            missing.append(task_id)
            break
        except Exception as e:  # a connection error of the result backend: read again
            get_errors[type(e).__name__] += 1
            time.sleep(0.2)
    else:
        missing.append(task_id)

print(json.dumps({
    "celery": celery.__version__,
    "acked": acked,
    "send_errors": send_errors,
    "gave_up": gave_up,
    "results": results,
    "missing": missing,
    "get_errors": get_errors,
}))
