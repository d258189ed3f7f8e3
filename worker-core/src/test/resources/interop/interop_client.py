"""A Python Celery client driven by the Java interop tests.

Usage: python3 interop_client.py '<json command>'; prints one JSON object on stdout.

  {"sends": [{"task", "args", "kwargs", "queue", "countdown", "eta_in", "priority",
              "expires_in", "task_id", "link": spec}, ...],
   "wait": seconds or null}
      send_task each entry (eta_in / expires_in: seconds from now, sent as aware UTC datetimes);
      with "wait", then AsyncResult.get() each one, as a Python application would; a "link"
      (callback signature) gets its id up front and its result as "link_result".
  {"gets": [task_id, ...], "wait": seconds}
      AsyncResult(task_id).get() each one.
  {"group": [spec, ...], "wait": seconds}
      group(signatures).apply_async(), then GroupResult.get(): one entry holding the list of values.
  {"chain": [spec, ...], "wait": seconds}
      chain(signatures).apply_async(), then get() of the last link.
  {"chord": {"header": [spec, ...], "body": spec}, "wait": seconds}
      chord(header)(body), then get() of the body.

Every result entry: id, sent_at_ms, status, result (the value, or null on failure), exception
({type, module, message} when the task failed), traceback, timed_out, date_done (as Python parsed
it, ISO-8601) and the result_extended fields name, args, kwargs, worker, retries, queue.
"""
import json
import sys
import time
from datetime import datetime, timedelta, timezone

from celery import chain, chord, group
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
    entry["date_done"] = result.date_done.isoformat() if result.date_done else None
    # result_extended fields; None when the worker did not store them
    for field in ("name", "args", "kwargs", "worker", "retries", "queue"):
        entry[field] = getattr(result, field)
    return entry


def wait_for_group(result, wait):
    entry = {"id": result.id, "timed_out": False, "children": [child.id for child in result.results]}
    try:
        values = result.get(timeout=wait, propagate=False, interval=0.05)
    except CeleryTimeoutError:
        entry["timed_out"] = True
        entry["status"] = [child.state for child in result.results]
        return entry
    entry["status"] = "SUCCESS" if result.successful() else "FAILURE"
    entry["result"] = [describe_exception(v) if isinstance(v, BaseException) else v for v in values]
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
    if spec.get("headers"):
        # message headers, as apply_async(headers=...) sends them (celeriac_unique, for one)
        options["headers"] = spec["headers"]
    link = None
    if spec.get("link"):
        link = signature(spec["link"])
        link.freeze()
        options["link"] = link
    sent_at_ms = int(time.time() * 1000)
    result = app.send_task(spec["task"], args=spec.get("args", []), kwargs=spec.get("kwargs", {}), **options)
    return result, sent_at_ms, link


def signature(spec):
    return app.signature(spec["task"], args=spec.get("args", []), kwargs=spec.get("kwargs", {}),
                         queue=spec.get("queue"))


def main():
    command = json.loads(sys.argv[1])
    wait = command.get("wait")
    out = []
    if "sends" in command:
        sent = [send(spec) for spec in command["sends"]]
        for result, sent_at_ms, link in sent:
            entry = wait_for(result, wait) if wait else {"id": result.id}
            entry["sent_at_ms"] = sent_at_ms
            if link is not None and wait:
                entry["link_result"] = wait_for(app.AsyncResult(link.id), wait)
            out.append(entry)
    if "group" in command:
        out.append(wait_for_group(group([signature(spec) for spec in command["group"]]).apply_async(), wait))
    if "chain" in command:
        out.append(wait_for(chain([signature(spec) for spec in command["chain"]]).apply_async(), wait))
    if "chord" in command:
        spec = command["chord"]
        out.append(wait_for(chord([signature(s) for s in spec["header"]])(signature(spec["body"])), wait))
    for task_id in command.get("peeks", []):
        # the state as stored now, without waiting: AsyncResult.state and .info
        peeked = app.AsyncResult(task_id)
        out.append({"id": task_id, "state": peeked.state, "info": peeked.info,
                    "children": [child.id for child in (peeked.children or [])]})
    for task_id in command.get("gets", []):
        out.append(wait_for(app.AsyncResult(task_id), wait))
    json.dump({"results": out}, sys.stdout, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
