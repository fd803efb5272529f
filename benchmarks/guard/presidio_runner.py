"""Microsoft Presidio on the guard's workload: deny-list + pattern recognizers only.

Runs in its own virtual environment (Presidio pulls in spaCy, which mamoru does not
need), called by ``run.py --presidio-python``. No NLP model is loaded: a null NLP
engine hands the recognizers the raw text, which is how Presidio runs offline.

Input: a JSON file {"text": ..., "terms": [...]}; output: JSON spans and seconds.
"""

from __future__ import annotations

import json
import sys
import time

from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine


class NullNlpEngine(NlpEngine):
    """No tokenizer, no model: only regex-based recognizers can run."""

    def load(self) -> None:
        pass

    def is_loaded(self) -> bool:
        return True

    def process_text(self, text, language):
        return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self, language=language)

    def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word, language):
        return False

    def is_punct(self, word, language):
        return False

    def get_supported_entities(self):
        return []

    def get_supported_languages(self):
        return ["ja"]


# The kind of condition patterns a team would write for Presidio without folding.
CONDITION_PATTERNS = [
    Pattern("temperature", r"\d[\d,\.]*\s?(?:℃|°C|度)", 0.6),
    Pattern("pressure", r"\d[\d,\.]*\s?(?:MPa|kPa|Pa|atm)", 0.6),
    Pattern("time", r"\d[\d\.]*\s?(?:h|時間|min|分)", 0.4),
    Pattern("rate", r"\d[\d\.]*\s?(?:℃/min|°C/min|rpm)", 0.6),
    Pattern("ratio", r"\d[\d\.]*\s?(?:wt%|vol%|mol%)|\d+:\d+", 0.5),
    Pattern("atmosphere", r"(?:N2|Ar|H2|窒素|水素|アルゴン)(?:雰囲気|気流)|真空中", 0.6),
]


def main() -> None:
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    text, terms = data["text"], data["terms"]
    t0 = time.perf_counter()
    registry = RecognizerRegistry(supported_languages=["ja"])
    registry.add_recognizer(PatternRecognizer("CODEBOOK", deny_list=terms, supported_language="ja"))
    registry.add_recognizer(PatternRecognizer("CONDITION", patterns=CONDITION_PATTERNS, supported_language="ja"))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=NullNlpEngine(), supported_languages=["ja"])
    build = time.perf_counter() - t0
    spans = []
    t0, c0 = time.perf_counter(), time.process_time()
    for line_start, line in _chunks(text):
        for r in analyzer.analyze(line, language="ja"):
            spans.append([line_start + r.start, line_start + r.end, "term" if r.entity_type == "CODEBOOK" else "condition"])
    scan, scan_cpu = time.perf_counter() - t0, time.process_time() - c0
    json.dump({"build_s": build, "scan_s": scan, "scan_cpu_s": scan_cpu, "spans": spans}, sys.stdout)


def _chunks(text: str):
    """Paragraph by paragraph, as a document pipeline would feed it."""
    pos = 0
    for line in text.split("\n"):
        if line:
            yield pos, line
        pos += len(line) + 1


if __name__ == "__main__":
    main()
