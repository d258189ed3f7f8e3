"""Celery's operator tools, driven by the Java fleet tests (remote control and events).

Usage: python3 fleet_client.py '<json command>'; prints one JSON object {"results": ...}.

  {"op": "inspect", "method": "ping", "destination": [...], "timeout": s, "arguments": {...}}
      app.control.inspect(destination, timeout).<method>(**arguments)
  {"op": "control", "method": "rate_limit", "destination": [...], "timeout": s, "arguments": {...}}
      app.control.broadcast(method, arguments, destination, reply=True, timeout)
  {"op": "revoke", "task_id": id, "terminate": bool, "destination": [...]}
      app.control.revoke(...) (no reply, as Celery sends it)
  {"op": "events", "hostname": node, "seconds": s, "until": "worker-offline",
   "probe": probe node, "ready_file": path}
      app.events.Receiver over every event; returns the events of that hostname, stopping when
      one of type "until" arrived or after the seconds; touches ready_file on the first event of
      the probe node (so the test knows the receiver is subscribed).
"""
import json
import sys
import time

from interop_app import app


def main():
    command = json.loads(sys.argv[1])
    op = command["op"]
    destination = command.get("destination")
    timeout = command.get("timeout", 5)
    if op == "inspect":
        inspector = app.control.inspect(destination=destination, timeout=timeout)
        result = getattr(inspector, command["method"])(**command.get("arguments", {}))
    elif op == "control":
        result = app.control.broadcast(command["method"], arguments=command.get("arguments", {}),
                                       destination=destination, reply=True, timeout=timeout)
    elif op == "revoke":
        app.control.revoke(command["task_id"], terminate=command.get("terminate", False), destination=destination)
        result = None
    elif op == "events":
        result = events(command)
    else:
        raise SystemExit("unknown op " + op)
    print(json.dumps({"results": result}, default=str))


def events(command):
    seen = []
    deadline = time.time() + command.get("seconds", 10)
    with app.connection() as connection:
        ready = command.get("ready_file")

        def on_event(event):
            # the test's probe events say the receiver is subscribed: nothing after that is missed
            if ready and event.get("hostname") == command.get("probe"):
                open(ready, "a").close()
            if event.get("hostname") == command["hostname"]:
                seen.append(event)
                if event.get("type") == command.get("until"):
                    raise KeyboardInterrupt()
        receiver = app.events.Receiver(connection, handlers={"*": on_event})
        try:
            while time.time() < deadline:
                try:
                    receiver.capture(limit=None, timeout=max(0.1, deadline - time.time()), wakeup=False)
                except KeyboardInterrupt:
                    break
                except Exception:
                    break
        except KeyboardInterrupt:
            pass
    return seen


if __name__ == "__main__":
    main()
