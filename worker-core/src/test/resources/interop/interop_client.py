"""A Python Celery client driven by the Java interop tests.

Usage: python3 interop_client.py '<json command>'; prints one JSON object on stdout.

  {"sends": [{"task", "args", "kwargs", "queue", "countdown", "eta_in", "priority",
              "expires_in", "task_id"}, ...],
   "wait": seconds or null}
      send_task each entry (eta_in / expires_in: seconds from now, sent as aware UTC datetimes);
      with "wait", then AsyncResult.get() each one, as a Python application would.
  {"gets": [task_id, ...], "wait": seconds}
      AsyncResult(task_id).get() each one.

Every result entry: id, sent_at_ms, status, result (the value, or null on failure), exception
({type, module, message} when the task failed), traceback, timed_out.
"""
import json
import sys
import time
from datetime import datetime, timedelta, timezone

from celery.exceptions import TimeoutError as CeleryTimeoutError

from interop_app import app


def describe_exception(exc):
    return {
        "type": type(exc).__name__,
        "module": type(exc).__module__,
        "message": str(exc.args[0]) if exc.args else "",
        "is_exception": isinstance(exc, BaseException),
    }


def wait_for(result, wait):
    entry = {"id": result.id, "timed_out": False}
    try:
        value = result.get(timeout=wait, propagate=False, interval=0.05)
    except CeleryTimeoutError:
        entry["timed_out"] = True
        entry["status"] = result.state
        return entry
    entry["status"] = result.state
    if result.state == "SUCCESS":
        entry["result"] = value
    else:
        entry["result"] = None
        entry["exception"] = describe_exception(value)
    entry["traceback"] = result.traceback
    return entry


def send(spec):
    options = {}
    if spec.get("queue"):
        options["queue"] = spec["queue"]
    if spec.get("countdown") is not None:
        options["countdown"] = spec["countdown"]
    if spec.get("eta_in") is not None:
        options["eta"] = datetime.now(timezone.utc) + timedelta(seconds=spec["eta_in"])
    if spec.get("expires_in") is not None:
        options["expires"] = datetime.now(timezone.utc) + timedelta(seconds=spec["expires_in"])
    if spec.get("priority") is not None:
        options["priority"] = spec["priority"]
    if spec.get("task_id"):
        options["task_id"] = spec["task_id"]
    sent_at_ms = int(time.time() * 1000)
    result = app.send_task(spec["task"], args=spec.get("args", []), kwargs=spec.get("kwargs", {}), **options)
    return result, sent_at_ms


def main():
    command = json.loads(sys.argv[1])
    wait = command.get("wait")
    out = []
    if "sends" in command:
        sent = [send(spec) for spec in command["sends"]]
        for result, sent_at_ms in sent:
            entry = wait_for(result, wait) if wait else {"id": result.id}
            entry["sent_at_ms"] = sent_at_ms
            out.append(entry)
    for task_id in command.get("gets", []):
        out.append(wait_for(app.AsyncResult(task_id), wait))
    json.dump({"results": out}, sys.stdout, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
