"""The briefing's charts as data: Vega-Lite specs (written as JSON, no Altair needed) for
the timeline and the cooperation–conflict balance, and Cytoscape.js elements for the actor
network. Each is derived from :func:`storyline.outputs.briefing.data.build`'s output; the
specs carry their data inline (no URL is ever loaded)."""

from __future__ import annotations

from typing import Any

GOLDSTEIN_SCALE = {"domain": [-10, 0, 10], "range": ["#c0392b", "#d9d9d9", "#1e8449"]}
"""Conflict red, neutral grey, cooperation green: the colour of a Goldstein score."""

_MAX_TEXT = 300  # characters of a sentence in a tooltip


def colour(score: float | None) -> str:
    """The Goldstein colour as a hex string (the network's edges; the same scale as the charts)."""
    if score is None:
        return "#999999"
    lo, mid, hi = (tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in GOLDSTEIN_SCALE["range"])
    a, b, t = (mid, lo, -score / 10) if score < 0 else (mid, hi, score / 10)
    t = max(0.0, min(1.0, t))
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def timeline_spec(b: dict) -> dict[str, Any]:
    values = [{
        "day": r["day"], "actor": r["source_name"] or "(no source actor)", "target": r["target_name"] or "—",
        "event": f"{r['code']} {r['label']}".strip(), "status": r["status"], "goldstein": r["goldstein"],
        "sentence": r["sentence"][:_MAX_TEXT], "outlet": r["outlet"],
    } for r in b["timeline"]]
    return {
        "description": "Dated events by source actor", "width": "container", "autosize": {"type": "fit-x", "contains": "padding"}, "height": {"step": 28},
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 140, "opacity": 0.9},
        "encoding": {
            "x": {"field": "day", "type": "temporal", "title": "date", "axis": {"format": "%d %b %Y", "labelAngle": -30}},
            "y": {"field": "actor", "type": "nominal", "title": None, "sort": {"field": "day", "op": "min"}},
            "color": {"field": "goldstein", "type": "quantitative", "title": "Goldstein", "scale": GOLDSTEIN_SCALE},
            "shape": {"field": "status", "type": "nominal", "title": "status"},
            "tooltip": [{"field": "day", "type": "temporal", "format": "%d %b %Y"}, {"field": "actor"},
                        {"field": "event"}, {"field": "target"}, {"field": "status"}, {"field": "sentence"},
                        {"field": "outlet"}],
        },
    }


def balance_spec(b: dict) -> dict[str, Any]:
    values = []
    for a in b["balance"]:
        for side, label in (("did", "did"), ("received", "had done to it")):
            if a[side]["mean"] is not None:
                values.append({"actor": a["actor"], "side": label, "mean": a[side]["mean"], "events": a[side]["events"]})
    return {
        "description": "Mean Goldstein score per actor", "width": "container", "autosize": {"type": "fit-x", "contains": "padding"}, "height": {"step": 14},
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "actor", "type": "nominal", "title": None, "sort": None},
            "yOffset": {"field": "side", "type": "nominal"},
            "x": {"field": "mean", "type": "quantitative", "title": "mean Goldstein score", "scale": {"domain": [-10, 10]}},
            "color": {"field": "mean", "type": "quantitative", "scale": GOLDSTEIN_SCALE, "legend": None},
            "opacity": {"field": "side", "type": "ordinal", "sort": ["did", "had done to it"], "scale": {"range": [1, 0.55]}, "title": "role"},
            "tooltip": [{"field": "actor"}, {"field": "side"}, {"field": "mean"}, {"field": "events"}],
        },
    }


def network_elements(b: dict) -> list[dict[str, Any]]:
    net = b["network"]
    top = max((e["weight"] for e in net["edges"]), default=1)
    nodes = [{"group": "nodes", "data": {"id": n["id"], "label": n["label"], "events": n["events"]}} for n in net["nodes"]]
    edges = [{"group": "edges", "data": {
        "id": e["id"], "source": e["source"], "target": e["target"], "weight": e["weight"],
        "width": 1.5 + 6 * (e["weight"] - 1) / max(top - 1, 1), "color": colour(e["goldstein"]),
        "label": f"{e['weight']}" if e["weight"] > 1 else "",
    }} for e in net["edges"]]
    return nodes + edges
