"""Hostile inputs for the never-crash contract, and the contract itself.

A case is a set of files written into a fresh directory, the command-line arguments (with
`{d}` standing for that directory), an environment and how stdout is connected. `contract()`
says what a run may not do: exit other than 0/1/2, print a traceback, exit 2 without exactly
one `budget-audit:` line on stderr, talk on stderr when it did not fail, outlive its time
limit, or modify an input. Used by tests/test_fuzz.py (small, fast, in-process where it can)
and bench/fuzz_contract.py (subprocesses, corpus PDFs, big inputs).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
MARKUP = ["[/x]", "[/]", "[bold red]", "[link=file:///etc]x[/link]", "[/bold]", "\\[x]", "[[/]]"]


@dataclass
class Case:
    name: str
    files: dict[str, bytes]
    args: list[str]
    env: dict[str, str] = field(default_factory=dict)
    stdout: str = "pipe"  # pipe | closed | full | broken
    rules: dict[str, bytes] | None = None  # a rule pack written to {d}/rules (file -> text)

    def argv(self, directory: Path) -> list[str]:
        return [a.replace("{d}", str(directory)) for a in self.args]

    def write(self, directory: Path) -> dict[Path, str]:
        """Write the files; return their digests, to show afterwards that none was modified."""
        out = {}
        for name, data in self.files.items():
            p = directory / name  # "a[/x].txt": a folder "a[" and a file "x].txt"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            out[p] = hashlib.sha256(data).hexdigest()
        if self.rules is not None:
            (directory / "rules").mkdir()
            for name, data in self.rules.items():
                (directory / "rules" / name).write_bytes(data)
        return out


def contract(code: int | None, stderr: str, elapsed: float, limit: float, digests: dict[Path, str],
             stdout_mode: str = "pipe") -> list[str]:
    """What the run did wrong, as short strings (empty: it kept the contract)."""
    bad = []
    if code is None or elapsed > limit:
        bad.append(f"ran {elapsed:.1f}s past the {limit:.0f}s limit")
    elif code not in (0, 1, 2):
        bad.append(f"exit {code}")
    if "Traceback" in stderr:
        bad.append("traceback")
    lines = stderr.splitlines()
    if code == 2 and (len(lines) != 1 or not lines[0].startswith("budget-audit:")):
        bad.append(f"exit 2 with {len(lines)} stderr lines: {stderr[:200]!r}")
    if code in (0, 1) and stderr.strip():
        bad.append(f"exit {code} with stderr {stderr[:200]!r}")
    if code in (0, 1) and stdout_mode in ("closed", "full"):
        bad.append(f"exit {code} although output could not be written")
    for p, digest in digests.items():
        if not p.exists() or hashlib.sha256(p.read_bytes()).hexdigest() != digest:
            bad.append(f"input modified: {p.name}")
    return bad


# ---- mutations of bytes -------------------------------------------------------------------

def truncated(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def bit_flipped(data: bytes, rng: random.Random, flips: int = 1) -> bytes:
    b = bytearray(data)
    for _ in range(flips):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def zeroed(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    i = rng.randrange(len(b))
    n = rng.randrange(1, 4096)
    b[i:i + n] = bytes(len(b[i:i + n]))
    return bytes(b)


def with_markup(text: str, rng: random.Random, count: int = 8) -> str:
    """Rich markup in random lines: titles, cells, project names, sentences."""
    lines = text.split("\n")
    for _ in range(count):
        i = rng.randrange(len(lines))
        cut = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:cut] + rng.choice(MARKUP) + lines[i][cut:]
    return "\n".join(lines)


ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "gb18030", "utf-8-sig"]


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


# ---- pathological texts -------------------------------------------------------------------

def long_caption(n: int) -> bytes:
    return ("标题" * (n // 2) + "\n单位：万元\n项目\t金额\n合计\t1.00\n").encode()


def many_claims(n: int) -> bytes:
    sentence = "；".join(f"项目{i}支出{i}.00万元，比上年增加1.00万元，增长{i % 90 + 1}%" for i in range(n))
    return f"2025年部门预算\n\n支出预算情况说明\n\n支出预算{n}.00万元，其中：{sentence}。\n".encode()


def big_table(rows: int) -> bytes:
    body = "".join(f"2010{i % 100:02d}\t项目{i}\t{i}.00\t{i}.00\n" for i in range(rows))
    return ("2025年部门支出预算总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\n" + body).encode()


def repeated_sections(text: str, times: int) -> bytes:
    return ("\n".join([text] * times)).encode()


def newlines(n: int) -> bytes:
    return b"\n" * n


def inflating_pdf(megabytes: int) -> bytes:
    """A one-page PDF whose content stream is a small Flate stream inflating to `megabytes` MB."""
    import zlib

    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (megabytes << 20), 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
               b" /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# ---- rule packs ---------------------------------------------------------------------------

def pack_files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(RULES.glob("*.yaml"))}


def _extra_rule(body: str) -> dict[str, bytes]:
    files = pack_files()
    files["zz_extra.yaml"] = ("rules:\n" + body).encode()
    return files


PATTERN_RULE = """  - id: ZZ01
    title: {title}
    severity: warning
    check: text_patterns
    patterns:
      - pattern: '{pattern}'
        what: 疑似模板残留
    explain: {{what: 检查, why: 原因, fix: 改正}}
"""

ALIAS_BOMB = """  - id: ZZ02
    title: 炸弹
    severity: info
    check: text_patterns
    patterns:
      - pattern: 'x'
        what: m
    explain: {what: 说明, why: 原因, fix: 改正}
    catalogue: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    x1: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    x2: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    x3: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    x4: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    x5: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    x6: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    x7: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
"""

UNKNOWN_TABLE = """  - id: ZZ03
    title: 不存在的表
    severity: error
    check: compare
    pairs:
      - ["不存在的表[合计].金额", "收支总表.收入[本年收入合计]"]
    explain: {what: 检查, why: 原因, fix: 改正}
"""


def rule_pack_cases(report: bytes, rng: random.Random) -> list[Case]:
    def case(name: str, files: dict[str, bytes], *extra: str) -> Case:
        return Case(name, {"r.txt": report}, ["check", "{d}/r.txt", "--rules", "{d}/rules", *extra], rules=files)

    out = [
        case("pack-regex-nested", _extra_rule(PATTERN_RULE.format(title="回溯", pattern="(.*)*X"))),
        case("pack-regex-nested2", _extra_rule(PATTERN_RULE.format(title="回溯", pattern="(a+)+b"))),
        case("pack-regex-invalid", _extra_rule(PATTERN_RULE.format(title="坏", pattern="(unclosed"))),
        case("pack-markup-title", _extra_rule(PATTERN_RULE.format(title="'[/x] 标[/]题'", pattern="示例"))),
        case("pack-alias-bomb", _extra_rule(ALIAS_BOMB)),
        case("pack-unknown-table", _extra_rule(UNKNOWN_TABLE)),
        case("pack-garbage", {**pack_files(), "zz.yaml": bytes(rng.randrange(256) for _ in range(300))}),
    ]
    files = pack_files()
    files["format.yaml"] = bit_flipped(files["format.yaml"], rng, 3)
    out.append(case("pack-bitflip", files))
    for cmd in (["rules"], ["explain", "ZZ01"]):
        out.append(Case(f"pack-markup-{cmd[0]}", {}, [*cmd, "--rules", "{d}/rules"],
                        rules=_extra_rule(PATTERN_RULE.format(title="'[/x] 标[/]题'", pattern="[/x]"))))
    return out


# ---- arguments and environments -----------------------------------------------------------

def argument_cases(report: bytes) -> list[Case]:
    f = {"r.txt": report}
    a = [
        ["check", "{d}/r.txt", "--min-coverage", "nan"],
        ["check", "{d}/r.txt", "--min-coverage", "inf"],
        ["check", "{d}/r.txt", "--min-coverage", "-1"],
        ["check", "{d}/r.txt", "--select", "ZZZ"],
        ["check", "{d}/r.txt", "--select", "A", "--ignore", "A"],
        ["check", "{d}/r.txt", "--select", ","],
        ["check", "{d}/r.txt", "--ignore", "ZZZ9"],
        ["check", "{d}/r.txt", "--format", "xml"],
        ["check", "{d}/r.txt", "--format", "json", "--bogus"],
        ["check", "{d}/r.txt", "--timeout", "0"],
        ["check", "{d}/r.txt", "--timeout", "abc"],
        ["check"],
        ["check", "{d}/missing[/x].txt"],
        ["check", "{d}/no\nsuch.txt"],
        ["check", "{d}"],
        ["tables", "{d}/r.txt", "--format", "json"],
        ["explain", "[/x]"],
        ["explain", "ZZ\n99"],
        ["nosuchcommand"],
        ["-h"],
        ["check", "-h"],
        [],
    ]
    return [Case("args:" + " ".join(x)[:60].replace("\n", "\\n"), f, x) for x in a]


def environment_cases(report: bytes) -> list[Case]:
    f = {"r.txt": report}
    out = []
    for fmt in ("rich", "json"):
        base = ["check", "{d}/r.txt", "--format", fmt]
        out += [
            Case(f"env-ascii-{fmt}", f, base, env={"PYTHONIOENCODING": "ascii"}),
            Case(f"env-lc-c-{fmt}", f, base, env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}),
            Case(f"stdout-closed-{fmt}", f, base, stdout="closed"),
            Case(f"stdout-full-{fmt}", f, base, stdout="full"),
            Case(f"stdout-broken-{fmt}", f, base, stdout="broken"),
        ]
    out += [Case("env-ascii-tables", f, ["tables", "{d}/r.txt"], env={"PYTHONIOENCODING": "ascii"}),
            Case("env-ascii-rules", {}, ["rules"], env={"PYTHONIOENCODING": "ascii"}),
            Case("stdout-full-explain", {}, ["explain", "A01"], stdout="full"),
            Case("stdout-broken-rules", {}, ["rules"], stdout="broken")]
    return out


# ---- whole generators ---------------------------------------------------------------------

def document_cases(name: str, data: bytes, rng: random.Random, count: int) -> list[Case]:
    """Truncations, bit flips and zeroed ranges of one document, each checked as JSON or rich."""
    suffix = ".pdf" if data.startswith(b"%PDF") else ".txt"
    out = []
    for i in range(count):
        kind = rng.choice(["trunc", "flip", "flip", "flips", "zero"])
        mutated = {"trunc": lambda: truncated(data, rng), "flip": lambda: bit_flipped(data, rng),
                   "flips": lambda: bit_flipped(data, rng, rng.randrange(2, 40)),
                   "zero": lambda: zeroed(data, rng)}[kind]()
        fmt = rng.choice(["rich", "json"])
        out.append(Case(f"{name}:{kind}{i}:{fmt}", {"in" + suffix: mutated},
                        ["check", "{d}/in" + suffix, "--format", fmt]))
    return out


def text_cases(name: str, text: str, rng: random.Random, scale: int = 1) -> list[Case]:
    """Markup, encodings, hostile file names and pathological sizes around one text report."""
    out = []
    for i in range(3):
        marked = with_markup(text, rng).encode()
        for cmd in ("check", "tables"):
            out.append(Case(f"{name}:markup{i}:{cmd}", {"m.txt": marked}, [cmd, "{d}/m.txt"]))
    for enc in ENCODINGS:
        out.append(Case(f"{name}:enc-{enc}", {"e.txt": encoded(text, enc)}, ["check", "{d}/e.txt", "--format", "json"]))
    for fname in ("a[/x].txt", "[/].txt", "[bold]b[/bold].txt", "line\nbreak.txt", "sp ace'\"$.txt"):
        out.append(Case(f"{name}:name-{fname!r}", {fname: text.encode()}, ["check", "{d}/" + fname]))
    # an unreadable file under a hostile name: the error path prints the name
    out.append(Case(f"{name}:name-binary", {"[/x]\nb.txt": b"\x00\x01" * 50}, ["check", "{d}/[/x]\nb.txt"]))
    big = {
        "long-caption": long_caption(20000 * scale),
        "many-claims": many_claims(500 * scale),
        "big-table": big_table(3000 * scale),
        "repeated": repeated_sections(text, 10 * scale),
        "newlines": newlines(200000 * scale),
        "random-bytes": bytes(rng.randrange(256) for _ in range(5000)),
        "random-text": "".join(chr(rng.randrange(32, 0x9FFF)) for _ in range(5000)).encode("utf-8", "replace"),
    }
    for k, data in big.items():
        out.append(Case(f"{name}:{k}", {"big.txt": data}, ["check", "{d}/big.txt", "--format", "json"]))
    return out
