"""The detector layer: fast phrase search gives exactly the compiled patterns' matches, vocabularies
load and fail clearly, and every detector module keeps to its layer."""
from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import pytest

from infoview_lib.rules import RULES, load_all_rules
from infoview_lib.rules.detect import text as text_module
from infoview_lib.rules.detect.text import PhrasePattern

DETECT = Path(text_module.__file__).parent
MODULES = sorted(p.stem for p in DETECT.glob("*.py") if p.stem != "__init__")
#: the layers, lowest first: a module may import only from modules of lower layers
LAYERS = [{"vocab", "pattern_cache"}, {"text"}, {"time", "research", "jobs", "language"}, {"topics"},
          {"request", "thanks", "notes", "questions"}]
HERE = Path(__file__).resolve().parent


def _texts() -> list[str]:
    texts = []
    for path in sorted((HERE / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append(record.get("text") or "\n".join(record["questions"]))
    for rules in load_all_rules().values():
        for rule in rules.values():
            for example in rule.passes + rule.fails:
                if isinstance(example, str):
                    texts.append(example)
                elif isinstance(example, dict) and isinstance(example.get("text"), str):
                    texts.append(example["text"])
    texts.append("İstanbul’s ARE THERE openings?! I'd—maybe—hear of an opening... co-workers; HIRE me")
    return texts


def _phrase_patterns() -> list[tuple[str, PhrasePattern]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(f"infoview_lib.rules.detect.{name}")
        for attr, value in vars(module).items():
            if isinstance(value, PhrasePattern):
                found.append((f"{name}.{attr}", value))
    return found


@pytest.mark.parametrize("name, pattern", _phrase_patterns(), ids=lambda x: x if isinstance(x, str) else "")
def test_phrase_search_finds_exactly_what_the_compiled_pattern_finds(name, pattern):
    compiled = pattern.compiled()
    for text in _texts():
        fast = [m.span() for m in pattern.finditer(text)]
        assert fast == [m.span() for m in compiled.finditer(text)], (name, text)
        middle = len(text) // 3, 2 * len(text) // 3
        got = pattern.search(text, *middle)
        want = compiled.search(text, *middle)
        assert (got and got.span()) == (want and want.span()), (name, text)


def test_most_phrase_patterns_are_searched_by_their_first_letters():
    patterns = _phrase_patterns()
    for _, pattern in patterns:
        pattern.compiled()
    fast = [name for name, p in patterns if getattr(p, "starts", None)]
    assert len(fast) >= 0.7 * len(patterns), sorted(set(n for n, _ in patterns) - set(fast))


def test_literal_starts_of_alternatives():
    from infoview_lib.rules.detect.text import _literal_starts

    assert _literal_starts(r"\b(?:are\s+there|is\s+there) | \bhir(?:e|ing)\s+me") == {"are", "is", "hir"}
    assert _literal_starts(r"\bjobs?\b") == {"job"}
    assert _literal_starts(r"(?:\w+\s+)?job") is None
    assert _literal_starts(r"(?:a|an)?\s+job") is None
    assert _literal_starts(r"\d+\s+minutes") == set("0123456789")
    assert _literal_starts(r"\w+\s+minutes") is None
    assert _literal_starts("put me", verbose=False) == {"put"}


@pytest.mark.parametrize("module", MODULES)
def test_each_detector_module_imports_only_lower_layers(module):
    layer = next(i for i, names in enumerate(LAYERS) if module in names)
    allowed = set().union(*LAYERS[:layer])
    tree = ast.parse((DETECT / f"{module}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            assert node.module in allowed, f"detect/{module}.py imports .{node.module} (allowed: {sorted(allowed)})"


def test_every_rule_module_reads_text_through_the_detectors():
    load_all_rules()
    rules_dir = DETECT.parent
    for path in rules_dir.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "textmatch" not in source, path


def test_vocabulary_errors_name_the_file_and_entry(monkeypatch):
    from infoview_lib.rules.detect import vocab

    vocab.load.cache_clear()
    good = vocab.load("topics.json")
    broken = json.loads(json.dumps(good))
    broken["elsewhere"]["salary and benefits"][2] = ""
    monkeypatch.setattr(vocab, "load", lambda name: broken)
    with pytest.raises(vocab.VocabularyError, match=r"topics.json > elsewhere > salary and benefits\[2\]"):
        vocab.concepts("topics.json", "elsewhere")
    monkeypatch.undo()
    with pytest.raises(vocab.VocabularyError, match="infoview_lib/data/nope.json cannot be read"):
        vocab.load("nope.json")


def test_every_vocabulary_file_loads_and_validates():
    from infoview_lib.rules.detect import vocab

    data_dir = DETECT.parents[1] / "data"
    files = sorted(p.name for p in data_dir.glob("*.json"))
    assert "topics.json" in files and "languages.json" in files
    for name in files:
        data = vocab.load(name)
        for key, value in data.items():
            if key.startswith("_"):
                continue
            if isinstance(value, list):
                vocab.words(name, key)
            elif all(isinstance(v, list) for v in value.values()):
                vocab.concepts(name, key)
    assert RULES  # the registry is loaded alongside


def test_a_word_listed_twice_is_refused_with_its_place(monkeypatch):
    """A repeated entry would count twice wherever entries are counted ("votre" once made French
    notes look twice as French on that word): the loader names the file, the list and the word."""
    from infoview_lib.rules.detect import vocab

    good = vocab.load("languages.json")
    broken = json.loads(json.dumps(good))
    broken["languages"]["French"].append("  Votre ")
    monkeypatch.setattr(vocab, "load", lambda name: broken)
    place = len(broken["languages"]["French"]) - 1
    with pytest.raises(vocab.VocabularyError,
                       match=rf"languages.json > languages > French\[{place}\]: 'votre' is listed twice"):
        vocab.words("languages.json", "languages", "French")
    monkeypatch.undo()
    # every list the kit ships loads: no word is listed twice in its own list
    assert len(set(vocab.words("languages.json", "languages", "French"))) == len(vocab.words("languages.json", "languages", "French"))
