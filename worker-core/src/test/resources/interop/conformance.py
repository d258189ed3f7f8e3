"""What a Celery client sees of a worker: every client-visible behaviour Celeriac claims, checked
from real Celery against whatever worker consumes the queue given (a Python reference worker of
interop_app.py, or a Celeriac worker with the same conf.* tasks). ConformanceIT runs it against both
and compares.

Usage: python3 conformance.py <queue>
Prints one JSON object: {"celery": "<version>", "checks": {"<name>": {"ok": bool, "detail": "..."}}}
"""
import json
import math
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

import celery
from celery import chain, chord, group
from celery.exceptions import TaskRevokedError, TimeLimitExceeded

from interop_app import app

WAIT = 20
CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def sig(queue, name, *args, **kwargs):
    return app.signature(name, args=args, kwargs=kwargs, queue=queue)


def send(queue, name, *args, options=None, **kwargs):
    return app.send_task(name, args=args, kwargs=kwargs, queue=queue, **(options or {}))


def raises(result, error):
    """The error result.get() raises, which must be an instance of `error`."""
    try:
        value = result.get(timeout=WAIT)
    except error as e:
        return e
    raise AssertionError("expected %s, got the value %r" % (error.__name__, value))


def utc(moment):
    # Celery 5.2's worker stores a naive UTC date_done, 5.6's an aware one
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def until(what, predicate, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


@check
def round_trip(q):
    result = send(q, "conf.add", 2, 3)
    assert result.get(timeout=WAIT) == 5
    assert result.state == "SUCCESS", result.state


@check
def big_integers(q):
    assert send(q, "conf.add", 2 ** 70, 1).get(timeout=WAIT) == 2 ** 70 + 1


@check
def float_arithmetic(q):
    value = send(q, "conf.add", 0.1, 0.2).get(timeout=WAIT)
    assert value == 0.1 + 0.2, repr(value)


@check
def nested_unicode_values(q):
    value = {"text": "h\u00e9llo \u2713 \U0001F600 \"q\"\n\u0000", "list": [1, 2.5, True, None], "nested": {"a": [[]]}}
    assert send(q, "conf.echo", value).get(timeout=WAIT) == value


@check
def non_finite_floats(q):
    value = send(q, "conf.echo", [math.nan, math.inf, -math.inf]).get(timeout=WAIT)
    assert math.isnan(value[0]) and value[1] == math.inf and value[2] == -math.inf, value


@check
def keyword_arguments(q):
    assert send(q, "conf.add", 1, y=41).get(timeout=WAIT) == 42


@check
def wrong_arity_is_a_type_error(q):
    error = raises(send(q, "conf.add", 1, 2, 3), TypeError)
    assert "positional argument" in str(error), str(error)


@check
def failure_keeps_type_message_and_traceback(q):
    result = send(q, "conf.fail", "bad thing")
    error = raises(result, ValueError)
    assert str(error) == "bad thing", str(error)
    assert result.state == "FAILURE", result.state
    assert "bad thing" in (result.traceback or ""), result.traceback


@check
def countdown_waits(q):
    sent = datetime.now(timezone.utc)
    result = send(q, "conf.add", 1, 1, options={"countdown": 1.5})
    assert result.get(timeout=WAIT) == 2
    assert utc(result.date_done) - sent >= timedelta(seconds=1.4), utc(result.date_done) - sent


@check
def eta_with_an_offset(q):
    eta = (datetime.now(timezone.utc) + timedelta(seconds=1.5)).astimezone(timezone(timedelta(hours=5, minutes=30)))
    result = send(q, "conf.add", 2, 2, options={"eta": eta})
    assert result.get(timeout=WAIT) == 4
    assert utc(result.date_done) >= eta - timedelta(seconds=0.1), (result.date_done, eta)


@check
def expired_is_revoked(q):
    result = send(q, "conf.add", 1, 1, options={"expires": datetime.now(timezone.utc) - timedelta(seconds=60)})
    raises(result, TaskRevokedError)
    assert result.state == "REVOKED", result.state


@check
def custom_task_id(q):
    task_id = "conf-" + str(uuid.uuid4())
    result = send(q, "conf.add", 1, 2, options={"task_id": task_id})
    assert result.id == task_id and app.AsyncResult(task_id).get(timeout=WAIT) == 3


@check
def link_gets_the_result_and_link_error_the_id(q):
    callback_id, errback_id = str(uuid.uuid4()), str(uuid.uuid4())
    send(q, "conf.add", 1, 2, options={"link": sig(q, "conf.echo").set(task_id=callback_id)})
    failed = send(q, "conf.fail", "x", options={"link_error": sig(q, "conf.echo").set(task_id=errback_id)})
    assert app.AsyncResult(callback_id).get(timeout=WAIT) == 3
    assert app.AsyncResult(errback_id).get(timeout=WAIT) == failed.id


@check
def chain_result_and_children(q):
    result = chain(sig(q, "conf.add", 1, 2), sig(q, "conf.add", 10)).apply_async()
    assert result.get(timeout=WAIT) == 13
    first = result.parent
    assert first.get(timeout=WAIT) == 3
    assert [child.id for child in first.children or []] == [result.id], first.children


@check
def group_results_in_order(q):
    result = group(sig(q, "conf.add", i, i) for i in range(4)).apply_async()
    assert result.get(timeout=WAIT) == [0, 2, 4, 6]


@check
def chord_body_runs_once_with_every_part(q):
    result = chord([sig(q, "conf.add", i, i) for i in range(3)])(sig(q, "conf.sum"))
    assert result.get(timeout=WAIT) == 6


@check
def chord_with_a_failed_part_raises_the_parts_error(q):
    # get() raises a failed parent's error first (the part's); the body itself is left PENDING by a
    # Python worker here, while Celeriac stores Celery's documented ChordError (PythonClientInteropIT)
    result = chord([sig(q, "conf.add", 1, 1), sig(q, "conf.fail", "part")])(sig(q, "conf.sum"))
    error = raises(result, ValueError)
    assert str(error) == "part", str(error)


@check
def ignore_result_stores_nothing(q):
    ignored = send(q, "conf.add", 1, 1, options={"ignore_result": True})
    assert send(q, "conf.add", 2, 2).get(timeout=WAIT) == 4
    time.sleep(1)
    assert ignored.state == "PENDING", ignored.state


@check
def result_extended_fields(q):
    result = send(q, "conf.add", 4, y=5)
    assert result.get(timeout=WAIT) == 9
    assert (result.name, result.args, result.kwargs, result.queue) == ("conf.add", [4], {"y": 5}, q), \
        (result.name, result.args, result.kwargs, result.queue)


@check
def retry_then_success(q):
    assert send(q, "conf.retry_once").get(timeout=WAIT) == 1


@check
def track_started(q):
    result = send(q, "conf.tracked", 1.5)
    until("STARTED", lambda: result.state == "STARTED")
    assert result.get(timeout=WAIT) == "done"


@check
def progress_state_and_info(q):
    result = send(q, "conf.progress", 1.5)
    until("PROGRESS", lambda: result.state == "PROGRESS")
    assert result.info == {"done": 1}, result.info
    assert result.get(timeout=WAIT) == "done"


@check
def soft_time_limit_lets_the_task_clean_up(q):
    assert send(q, "conf.soft", 5, options={"soft_time_limit": 0.5}).get(timeout=WAIT) == "cleaned up"


@check
def hard_time_limit_is_time_limit_exceeded(q):
    result = send(q, "conf.sleep", 5, options={"time_limit": 0.5})
    raises(result, TimeLimitExceeded)
    assert result.state == "FAILURE", result.state


@check
def children_of_a_task_that_sends(q):
    result = send(q, "conf.spawn", q)
    child = result.get(timeout=WAIT)
    assert [c.id for c in result.children or []] == [child], result.children
    assert app.AsyncResult(child).get(timeout=WAIT) == 3


@check
def revoke_a_waiting_task(q):
    result = send(q, "conf.add", 1, 1, options={"countdown": 1})
    app.control.revoke(result.id)
    raises(result, TaskRevokedError)
    # newer clients store REVOKED themselves: the worker must also not run it once it is due
    time.sleep(2.5)
    assert result.state == "REVOKED", result.state


@check
def revoke_and_terminate_a_running_task(q):
    result = send(q, "conf.tracked", 3)
    until("STARTED", lambda: result.state == "STARTED")
    app.control.revoke(result.id, terminate=True)
    raises(result, TaskRevokedError)
    # a task left running would end after its 3 s and store SUCCESS over REVOKED
    time.sleep(3.5)
    assert result.state == "REVOKED", result.state


def main():
    queue = sys.argv[1]
    wanted = set(sys.argv[2:])
    report = {}
    for fn in CHECKS:
        if wanted and fn.__name__ not in wanted:
            continue
        started = time.monotonic()
        try:
            fn(queue)
            report[fn.__name__] = {"ok": True, "detail": ""}
        except Exception as e:  # a check's failure is data, not the end of the run
            report[fn.__name__] = {"ok": False, "detail": "%s: %s" % (type(e).__name__, e)}
        report[fn.__name__]["seconds"] = round(time.monotonic() - started, 2)
    json.dump({"celery": celery.__version__, "checks": report}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
