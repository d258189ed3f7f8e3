#!/usr/bin/env python3
"""Writes deploy/k8s/monitoring.yaml (a PodMonitor and a PrometheusRule for the Prometheus Operator)
from monitoring/rules/*.yml, so the cluster runs the same rules as the tests. KubernetesManifestsTest
fails when the two differ.   python3 scripts/render-prometheus-rule.py   (needs PyYAML)"""
import pathlib
import yaml

root = pathlib.Path(__file__).resolve().parent.parent
groups = []
for name in ("celeriac-alerts.yml", "celeriac-recording.yml"):
    groups += yaml.safe_load((root / "monitoring/rules" / name).read_text())["groups"]
labels = {"app.kubernetes.io/name": "celeriac", "app.kubernetes.io/component": "monitoring"}
monitor = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor", "metadata": {"name": "celeriac", "labels": labels},
           "spec": {"selector": {"matchLabels": {"app.kubernetes.io/name": "celeriac"}},
                    "podMetricsEndpoints": [{"port": "http", "path": "/metrics", "interval": "15s"}]}}
rule = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule", "metadata": {"name": "celeriac", "labels": labels},
        "spec": {"groups": groups}}


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))
header = """# Prometheus Operator objects (monitoring.coreos.com/v1; the operator must be installed): a
# PodMonitor scraping every Celeriac pod's /metrics (workers, beat, exporter: port `http`), and a
# PrometheusRule with monitoring/rules/*.yml's groups. GENERATED from those files: KubernetesManifestsTest
# fails when they differ; regenerate with scripts/render-prometheus-rule.py.
"""
(root / "deploy/k8s/monitoring.yaml").write_text(
    header + yaml.dump(monitor, Dumper=Dumper, sort_keys=False, width=200) + "---\n"
    + yaml.dump(rule, Dumper=Dumper, sort_keys=False, width=200))
