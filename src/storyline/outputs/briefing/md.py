"""The briefing as Markdown: the same sections as the HTML report, as text tables."""

from __future__ import annotations

from storyline.outputs.markdown import md


def _table(headers: tuple[str, ...], rows: list[tuple]) -> list[str]:
    if not rows:
        return ["none"]
    return ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)] + [
        "| " + " | ".join(md(str(c)) if c is not None else "" for c in row) + " |" for row in rows]


def _g(x: float | None) -> str:
    return "" if x is None else f"{x:+.1f}"


def _events(rows: list[dict]) -> list[tuple]:
    return [(r["when"] or "undated", r["source_name"] or "—", r["target_name"] or "—", f"{r['code']} {r['label']}",
             r["status"], _g(r["goldstein"]), r["sentence"], r["place"],
             r["outlet"] + (f" (also {', '.join(r['also_in'])})" if r["also_in"] else "")) for r in rows]


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"## {title}", ""] + lines


def render(b: dict) -> str:
    """The Markdown text of a built briefing."""
    period = " – ".join(dict.fromkeys(b["period"])) if b["period"] else "no dated events"
    out = [f"# {md(b['title'])}", "", f"{len(b['documents'])} articles · {len(b['events'])} events · {period} · "
           "derived from the extracted data, nothing added"]
    heads = ("date", "source", "target", "event", "status", "Goldstein", "sentence", "place", "outlet")
    out += _section("Timeline of dated events", _table(heads, _events(b["timeline"])))
    undated = [r for r in b["events"] if not r["day"]]
    if undated:
        out += ["", "### Events not dated to a day", ""] + _table(heads, _events(undated))
    nodes = {n["id"]: n["label"] for n in b["network"]["nodes"]}
    out += _section("Actor network", _table(("source", "target", "events", "mean Goldstein", "event codes"), [
        (nodes[e["source"]], nodes[e["target"]], e["weight"], _g(e["goldstein"]), "; ".join(e["codes"]))
        for e in b["network"]["edges"]]))
    out += _section("Cooperation and conflict by actor", _table(
        ("actor", "did", "coop / conflict", "mean", "had done to it", "coop / conflict", "mean"), [
            (a["actor"], a["did"]["events"], f"{a['did']['cooperative']} / {a['did']['conflictual']}", _g(a["did"]["mean"]),
             a["received"]["events"], f"{a['received']['cooperative']} / {a['received']['conflictual']}", _g(a["received"]["mean"]))
            for a in b["balance"]]))
    claims: list[str] = []
    for s in b["speakers"]:
        claims += ["", f"### {md(s['speaker'])}" + (f" ({md(s['role'])})" if s["role"] else ""), ""]
        for q in s["quotes"]:
            text = f"“{md(q['text'])}”" if q["kind"] == "direct" else md(q["text"])
            claims.append(f"- *{q['status']}* {md(' '.join(x for x in (q['cue'], q['medium']) if x))} {text} — {md(q['outlet'])}")
            claims += [f"  - evidence for *{q['status']}*: {md(e)}" for e in q["evidence"]]
    out += _section("Claims and quotes by speaker", claims[1:] or ["none"])
    out += _section("Open questions", _table(("who", "status", "claim", "what the article says", "outlet"), [
        (q["speaker"] or "—", q["status"], q["text"], "; ".join(q["evidence"]) or "—", q["outlet"]) for q in b["open_questions"]]))
    flags = _table(("check", "message", "outlet"), [(f["type"], f["message"], f["outlet"]) for f in b["flags"]])
    out += _section("Consistency checks", flags if b["flags"] else ["no flags: the consistency checks found nothing"])
    s = b["sources"]
    src = _table(("outlet", "headline", "published", "file"), [
        (d["outlet"], d["headline"] or "(no headline)", d["published"] or "no publication date found", d["source"]) for d in b["documents"]])
    src += ["", "Cited sources: " + (md(", ".join(f"{c['outlet']} ({c['articles']})" for c in s["cited"])) or "none")]
    for st in s["stories"]:
        src += ["", f"Story {md(st['title'] or st['id'])}: first report {md(st['first_report'] or '—')}; wire copies: "
                + (md("; ".join(", ".join(g) for g in st["copies"])) or "none")]
    out += _section("Sources", src)
    return "\n".join(out) + "\n"
