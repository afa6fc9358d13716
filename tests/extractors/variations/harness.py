"""The variation harness: every rewriting (rewrites.py) over every letter of sample_docs/ and over the harness's
own letters, rendered as DOCX and as PDF (and a few scanned), read by the real pipeline in one batch.

    .venv/bin/python -m tests.extractors.variations.harness [--tests] [FILTER ...]
        # the matrix (every pair in both formats; --tests: the test suite's share), and the failing pairs as lines
        # for KNOWN_FAILURES; FILTER keeps the cases whose id ("letter|kind|format") contains it

Each case's reading is judged by oracle.verdict against the original letter's reading (sample_docs/*.expected.json,
kept by the golden tests) or, for the harness's own letters, against what the letter says.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.support.samples import SAMPLES
from tests.extractors.variations.model import Letter, from_spec
from tests.extractors.variations.oracle import verdict, view
from tests.extractors.variations.own_letters import OWN_LETTERS
from tests.extractors.variations.rewrites import COMBINATIONS, REWRITES

ROOT = Path(__file__).resolve().parents[3]
SAMPLE_DIR = ROOT / "sample_docs"

#: Rewritings whose only difference is in the DOCX (Word's own numbering): no PDF of them.
DOCX_ONLY = {"numbers_by_word"}
#: The few rewritings that are also printed and scanned (OCR is slow: keep this short).
SCANNED = (("scan_go_dinh_vu", "numbers_roman"), ("scan_go_dinh_vu", "needs_in_annex"))


@dataclass(frozen=True)
class Case:
    letter: str                 # the sample's file stem, or an own letter's key
    kind: str                   # a key of REWRITES or COMBINATIONS
    fmt: str                    # "docx", "pdf" or "scan"
    model: Letter
    expected: dict              # the oracle's view of a right reading

    @property
    def id(self) -> str:
        return f"{self.letter}|{self.kind}|{self.fmt}"

    @property
    def file_name(self) -> str:
        stem = f"{self.letter}__{self.kind.replace('+', '_')}"
        return f"{stem}_scan.pdf" if self.fmt == "scan" else f"{stem}.{self.fmt}"


def base_letters() -> dict[str, tuple[Letter, dict]]:
    """letter key -> (model, expected view): the samples (expected: their golden reading) and the own letters."""
    letters = {}
    for name, (_fmt, spec) in SAMPLES.items():
        golden = json.loads((SAMPLE_DIR / f"{name}.expected.json").read_text(encoding="utf-8"))
        letters[Path(name).stem] = (from_spec(spec), view(golden))
    for key, own in OWN_LETTERS.items():
        letters[key] = (own.letter, own.expected)
    return letters


def all_cases(*, full: bool = True) -> list[Case]:
    """Every kind over every letter it applies to, in DOCX and PDF (full), or the test suite's share (reading a PDF
    costs three DOCXs): every kind over every sample letter as DOCX and over about a quarter of them as PDF too, each
    kind over one of the own letters (in turn), and the unchanged letters (as_is) in both formats."""
    cases = []
    letters = base_letters()
    own = [key for key in letters if key in OWN_LETTERS]
    for j, (kind, rewrite) in enumerate({**REWRITES, **COMBINATIONS}.items()):
        applicable = [(key, rewrite(letter), expected) for key, (letter, expected) in letters.items()]
        applicable = [(key, new, expected) for key, new, expected in applicable
                      if kind == "as_is" or new != letters[key][0]]  # nothing to rewrite in the others
        samples = [key for key, _, _ in applicable if key not in OWN_LETTERS]
        for key, rewritten, expected in applicable:
            fmts = ["docx"] if kind in DOCX_ONLY else ["docx", "pdf"]
            if not full and kind != "as_is":
                if key in OWN_LETTERS:
                    fmts = [fmts[j % len(fmts)]] if key == own[j % len(own)] else []
                elif len(fmts) > 1:
                    in_pdf = [k for p, k in enumerate(samples) if (p + j) % 4 == 0] or [samples[j % len(samples)]]
                    fmts = fmts if key in in_pdf else ["docx"]
            cases += [Case(key, kind, fmt, rewritten, expected) for fmt in fmts]
            if (key, kind) in SCANNED:
                cases.append(Case(key, kind, "scan", rewritten, expected))
    return cases


def build(case: Case, directory: Path) -> Path:
    from tests.extractors.variations.render import build as render

    path = directory / case.file_name
    if case.fmt != "scan":
        return render(path, case.model, case.fmt)
    from tests.support.scans import render_pages, save_pdf, scan

    printed = render(directory / f"printed_{case.file_name}", case.model, "pdf")
    return save_pdf([scan(p, seed=i + 1) for i, p in enumerate(render_pages(printed, 200))], path)


def _build_all(cases: list[Case], directory: Path) -> list[Path]:
    return [build(case, directory) for case in cases]


def run(cases: list[Case], directory: Path, *, jobs: int = 2) -> dict[str, dict]:
    """case id -> contract object: the cases built into directory (in `jobs` processes: building costs as much as
    reading), then read in one batch by the real worker pool."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from pipeline.runtime.extract import extract_files

    shares = [cases[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        built = dict(zip((c.id for share in shares for c in share),
                         (p for paths in pool.map(_build_all, shares, [directory] * jobs) for p in paths)))
    paths = [built[case.id] for case in cases]
    return {case.id: result for case, (_, result) in zip(cases, extract_files(paths, jobs=jobs))}


def judge(cases: list[Case], results: dict[str, dict]) -> dict[str, tuple[str, list[str]]]:
    return {case.id: verdict(case.expected, results[case.id]) for case in cases}


def matrix(cases: list[Case], verdicts: dict[str, tuple[str, list[str]]]) -> str:
    """Rewritings x letters: per cell the verdicts of its formats (. same, f flagged, S silent, R rejected)."""
    mark = {"same": ".", "flagged": "f", "silent": "S", "rejected": "R"}
    letters = list(dict.fromkeys(c.letter for c in cases))
    kinds = list(dict.fromkeys(c.kind for c in cases))
    cells: dict[tuple[str, str], str] = {}
    for c in cases:
        cells[(c.kind, c.letter)] = cells.get((c.kind, c.letter), "") + mark[verdicts[c.id][0]]
    width = max(map(len, kinds))
    short = [letter.replace("cv_", "").replace("own_", "o:")[:10] for letter in letters]
    lines = [" " * width + " | " + " | ".join(f"{s:<10}" for s in short) + " | same flagged silent rejected"]
    for kind in kinds:
        counts = Counter(verdicts[c.id][0] for c in cases if c.kind == kind)
        row = " | ".join(f"{cells.get((kind, letter), 'n/a'):<10}" for letter in letters)
        lines.append(f"{kind:<{width}} | {row} | {counts['same']:>4} {counts['flagged']:>7} {counts['silent']:>6}"
                     f" {counts['rejected']:>8}")
    total = Counter(v for v, _ in verdicts.values())
    lines.append(f"cases: {len(cases)}; same {total['same']}, flagged {total['flagged']}, silent {total['silent']}, "
                 f"rejected {total['rejected']}; kinds {len(kinds)}, letters {len(letters)}")
    return "\n".join(lines)


def main() -> int:
    import tempfile
    import time

    if {"-h", "--help"} & set(sys.argv[1:]):
        print("usage: python -m tests.extractors.variations.harness [--tests] [FILTER ...]\n"
              "  Rewrites the letters of sample_docs/ without changing what they say, reads each rewrite and\n"
              "  prints, per kind of rewriting, how many read the same, were flagged, changed silently or were\n"
              "  rejected.\n"
              "  --tests  only the share the test suite reads (faster)\n"
              "  FILTER   only the cases whose id contains one of these strings (e.g. numbers_roman, scan)")
        return 0
    args = [a for a in sys.argv[1:] if a != "--tests"]
    cases = all_cases(full="--tests" not in sys.argv)   # --tests: the share the test suite reads
    if args:
        cases = [c for c in cases if any(arg in c.id for arg in args)]
    if not cases:
        print(f"no case matches {' '.join(args)} (see --help)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        start = time.monotonic()
        results = run(cases, Path(tmp))
        seconds = time.monotonic() - start
    verdicts = judge(cases, results)
    print(matrix(cases, verdicts))
    print(f"built and read in {seconds:.0f} s")
    print("\n# failing pairs, for KNOWN_FAILURES in test_variations.py:")
    for case in cases:
        outcome, diff = verdicts[case.id]
        if outcome in ("silent", "rejected"):
            print(known_failure_line(case.id, f"{outcome}: " + "; ".join(diff)))
    return 0


def known_failure_line(case_id: str, reason: str) -> str:
    """The entry of KNOWN_FAILURES for a failing pair, within 120 columns."""
    import textwrap

    parts = textwrap.wrap(reason, 100, drop_whitespace=False) or [""]
    return f"    {json.dumps(case_id, ensure_ascii=False)}:\n" + "\n".join(
        f"        {json.dumps(p, ensure_ascii=False)}" for p in parts) + ","


if __name__ == "__main__":
    sys.exit(main())
