"""Accessibility audits with axe-core (``axe-playwright-python``, which bundles axe-core: nothing is
downloaded at run time), shared by the browser tests.

``audit(page, name, context)`` runs axe on the page (limited to ``context``, an axe context such
as ``{"include": [[".jp-RenderedMarkdown"]]}``), saves the result as
``test-artifacts/axe/<name>.json`` and rewrites ``test-artifacts/axe/summary.md`` (every audit so
far, violations by rule with their impact and node counts), and returns the violations.
``serious(violations)`` lists those the tests fail on: impact "serious" or "critical".
"""
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_ARTIFACTS = ROOT / "test-artifacts" / "axe"
FAILING_IMPACTS = ("serious", "critical")


def audit(page, name: str, context: dict | None = None) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context, options={"resultTypes": ["violations"]}).response
    violations = [
        {"id": v["id"], "impact": v.get("impact"), "help": v.get("help", ""), "nodes": len(v.get("nodes", [])),
         "targets": [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])][:10],
         "summary": (v.get("nodes") or [{}])[0].get("failureSummary", "")[:500]}
        for v in results["violations"]
    ]
    AXE_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    (AXE_ARTIFACTS / f"{stem}.json").write_text(
        json.dumps({"name": name, "url": page.url, "context": context, "axe": results.get("testEngine", {}),
                    "violations": violations}, indent=1), encoding="utf-8")
    write_summary()
    return violations


def e2e_chromium_args() -> list[str]:
    """The browser tests' Chromium flags (tests/e2e/conftest.py), for code outside that folder's tests."""
    import importlib.util
    import sys

    name = "infoview_e2e_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("conftest.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return list(sys.modules[name].CHROMIUM_ARGS)


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in FAILING_IMPACTS]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}, {v['nodes']} node(s)): {v['help']}; e.g. {v['targets'][:3]}\n"
                     f"    {v['summary']}" for v in violations)


def write_summary() -> Path:
    """``summary.md``: for every audit saved so far, its violations by rule, with impact and counts."""
    lines = ["# axe-core audit of the course's pages", "",
             "Each audit's violations by rule (impact, number of elements). The tests fail on impact "
             "serious or critical; the rest are listed here.", ""]
    totals: dict[tuple[str, str], int] = {}
    for path in sorted(AXE_ARTIFACTS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        lines.append(f"## {data['name']}")
        if not data["violations"]:
            lines.append("No violations.")
        for v in sorted(data["violations"], key=lambda v: (v["impact"] or "", v["id"])):
            lines.append(f"- `{v['id']}` ({v['impact']}): {v['nodes']}: {v['help']}")
            totals[(v["id"], v["impact"])] = totals.get((v["id"], v["impact"]), 0) + v["nodes"]
        lines.append("")
    lines += ["## All audits, by rule", "", "| rule | impact | elements |", "|---|---|---|"]
    lines += [f"| `{rule}` | {impact} | {count} |" for (rule, impact), count in sorted(totals.items())]
    path = AXE_ARTIFACTS / "summary.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
