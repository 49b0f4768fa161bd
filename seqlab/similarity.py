"""Suspiciously similar solutions: normalised token k-grams, winnowed as MOSS does.

The method (Schleimer, Wilkerson & Aiken, "Winnowing: local algorithms for document
fingerprinting", SIGMOD 2003 — the algorithm behind Stanford's MOSS, whose reports Gradescope
shows too):

1. **Normalise** each solution cell with Python's own tokenizer: comments, docstrings, blank
   lines and spacing go; every identifier the student's code binds (variables, parameters, its
   functions' names, loop variables, imports' aliases) becomes ``V`` and every string literal
   ``S``; attribute names and library names (``np.exp``, ``axis``) stay, as do keywords,
   operators, numbers and the indentation structure. Renaming variables or re-commenting code
   changes nothing.
2. **Fingerprint** the token stream: hash every run of ``K`` consecutive tokens, and keep the
   smallest hash of every window of ``W`` consecutive hashes (robust winnowing). Any shared run
   of at least ``K + W − 1`` tokens (about two lines) is guaranteed to leave a common
   fingerprint; the fingerprints are a set, so moving whole functions around (helpers in
   another order) changes nothing but the few k-grams across a boundary.
3. **Leave out what is not the student's own**: fingerprints of the released notebook (the
   stubs and the provided cells), of the instructor's solution (the idiomatic answer many
   students write independently), and of code that many students share (MOSS's ``-m``: a
   fingerprint in more than a quarter of the class, or of 3 submissions in a small class, is
   common knowledge, not a copy).
4. **Score** each pair by how much of the smaller of the two remaining sets the other contains
   (``|A ∩ B| / min(|A|, |B|)``), and flag a pair only when it shares at least ``MIN_SHARED``
   fingerprints (a few lines of the student's own code) and its score is far above the class's
   typical pair (at least ``FLOOR``, and above the upper quartile of all pairs plus three
   interquartile ranges). Two independent correct solutions share only the common, idiomatic
   code, which step 3 removed; a copy shares its peculiarities.

The report shows each flagged pair with its score and the longest shared fragment of both
students' code, for a person to judge: similarity is evidence to look at, never a verdict.
"""
import ast
import builtins
import hashlib
import io
import keyword
import statistics
import tokenize
from dataclasses import dataclass, field

K = 8            # tokens per k-gram
W = 4            # winnowing window: a shared run of K + W - 1 = 11 tokens always shows
MIN_SHARED = 6   # fingerprints a flagged pair must share beyond the common code
FLOOR = 0.5      # a flagged pair shares at least half of the smaller solution's own code
COMMON_FRACTION = 0.25
COMMON_MIN = 3

_SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
_BUILTINS = set(dir(builtins))


@dataclass
class Token:
    text: str        # the normalised token
    cell: int        # which of the submission's cells
    line: int        # its line in that cell (1-based)


@dataclass
class Code:
    """One student's code of one assignment: the cells, their normalised tokens, the fingerprints."""
    student: str
    cells: list                                     # source of each solution cell
    tokens: list = field(default_factory=list)      # [Token]
    prints: dict = field(default_factory=dict)      # fingerprint -> [token index where its k-gram starts]


@dataclass
class Pair:
    a: str
    b: str
    score: float                 # |A ∩ B| / min(|A|, |B|) of the students' own fingerprints
    shared: int                  # fingerprints in common
    fragment_a: str = ""         # the longest shared run of code, as each of them wrote it
    fragment_b: str = ""


@dataclass
class Result:
    """The pairs of one assignment: the flagged ones and the class's distribution."""
    flagged: list                # [Pair], most similar first
    scores: list                 # every pair's score (the class's distribution)
    threshold: float             # the score a pair had to reach
    students: int


# --------------------------------------------------------------------------- normalisation
def bound_names(source):
    """Names the code binds (assignments, parameters, functions, loops, imports' aliases, …);
    None when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.alias) and node.asname:
            names.add(node.asname)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif hasattr(ast, "MatchAs") and isinstance(node, ast.MatchAs) and node.name:
            names.add(node.name)
    return names


def _raw_tokens(source):
    """Python's tokens of ``source``, as far as it tokenizes (a syntax error ends the stream)."""
    out = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            out.append(tok)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return out


def normalise(source, cell=0):
    """[Token] of one cell: see the module's docstring, step 1."""
    bound = bound_names(source)
    raw = [t for t in _raw_tokens(source) if t.type not in _SKIP]
    out = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        prev = raw[i - 1] if i else None
        # a docstring (or any bare string statement): strings alone on a logical line
        if tok.type == tokenize.STRING and (prev is None or prev.type in (tokenize.NEWLINE, tokenize.INDENT,
                                                                          tokenize.DEDENT)):
            j = i
            while j < len(raw) and raw[j].type == tokenize.STRING:
                j += 1
            if j == len(raw) or raw[j].type == tokenize.NEWLINE:
                i = j + 1
                continue
        if tok.type == tokenize.NAME and not keyword.iskeyword(tok.string) and tok.string not in ("match", "case", "_"):
            after_dot = prev is not None and prev.type == tokenize.OP and prev.string == "."
            if after_dot:
                text = tok.string
            elif bound is not None:
                text = "V" if tok.string in bound else tok.string
            else:            # does not parse: rename all but builtins and what is used as a module
                nxt = raw[i + 1] if i + 1 < len(raw) else None
                is_module = nxt is not None and nxt.type == tokenize.OP and nxt.string == "."
                text = tok.string if tok.string in _BUILTINS or is_module else "V"
        elif tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_START", -1):
            text = "S"
            if tok.type != tokenize.STRING:      # an f-string (3.12+): skip to its end
                depth = 1
                while depth and i + 1 < len(raw):
                    i += 1
                    if raw[i].type == tokenize.FSTRING_START:
                        depth += 1
                    elif raw[i].type == tokenize.FSTRING_END:
                        depth -= 1
        elif tok.type == tokenize.NEWLINE:
            text = ";"
        elif tok.type == tokenize.INDENT:
            text = "{"
        elif tok.type == tokenize.DEDENT:
            text = "}"
        else:
            text = tok.string
        out.append(Token(text, cell, tok.start[0]))
        i += 1
    return out


# --------------------------------------------------------------------------- fingerprints
def _hash(tokens):
    digest = hashlib.blake2b("\x1f".join(tokens).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def winnow(tokens, k=K, w=W):
    """{fingerprint: [start index of its k-gram]}: robust winnowing of the k-gram hashes."""
    texts = [t.text for t in tokens]
    hashes = [_hash(texts[i:i + k]) for i in range(len(texts) - k + 1)]
    prints = {}
    if not hashes:
        return prints
    if len(hashes) <= w:          # shorter than one window: its minimum
        j = min(range(len(hashes)), key=lambda n: (hashes[n], -n))
        prints.setdefault(hashes[j], []).append(j)
        return prints
    last = -1
    for start in range(len(hashes) - w + 1):
        window = range(start, start + w)
        j = min(window, key=lambda n: (hashes[n], -n))     # the rightmost minimum
        if j != last:
            prints.setdefault(hashes[j], []).append(j)
            last = j
    return prints


def fingerprint(student, cells, k=K, w=W):
    """:class:`Code` of one student: cells → tokens → fingerprints (k-grams never span two cells)."""
    code = Code(student, list(cells))
    for n, source in enumerate(cells):
        tokens = normalise(source, n)
        offset = len(code.tokens)
        code.tokens.extend(tokens)
        for h, starts in winnow(tokens, k, w).items():
            code.prints.setdefault(h, []).extend(offset + s for s in starts)
    return code


def base_prints(sources, k=K, w=W):
    """Fingerprints of code that is nobody's own (stubs, provided cells, the instructor's solution)."""
    return set(fingerprint("", sources, k, w).prints)


# --------------------------------------------------------------------------- pairs
def _fragment(code, starts, k=K):
    """The longest run of ``code``'s lines covered by the k-grams starting at ``starts``, as written."""
    covered = set()
    for s in starts:
        for t in code.tokens[s:s + k]:
            covered.add((t.cell, t.line))
    best, run = [], []
    for key in sorted(covered):
        if run and key == (run[-1][0], run[-1][1] + 1):
            run.append(key)
        else:
            run = [key]
        if len(run) > len(best):
            best = list(run)
    if not best:
        return ""
    cell = best[0][0]
    lines = code.cells[cell].splitlines()
    return "\n".join(lines[best[0][1] - 1:best[-1][1]])


def similar_pairs(submissions, base=(), k=K, w=W, min_shared=MIN_SHARED, floor=FLOOR):
    """Flag suspiciously similar pairs of one assignment.

    ``submissions``: {student: [source of each solution cell]}; ``base``: sources whose code is
    nobody's own (the released stubs and provided cells, the instructor's solution). Returns a
    :class:`Result`.
    """
    codes = {s: fingerprint(s, cells, k, w) for s, cells in sorted(submissions.items())}
    common = base_prints(base, k, w)
    counts = {}
    for code in codes.values():
        for h in code.prints:
            counts[h] = counts.get(h, 0) + 1
    limit = max(COMMON_MIN, COMMON_FRACTION * len(codes))
    common |= {h for h, n in counts.items() if n > limit}
    own = {s: set(c.prints) - common for s, c in codes.items()}
    names = list(codes)
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            small = min(len(own[a]), len(own[b]))
            shared = own[a] & own[b]
            pairs.append(Pair(a, b, len(shared) / small if small else 0.0, len(shared)))
    scores = [p.score for p in pairs]
    threshold = floor
    if len(scores) >= 4:
        q1, _, q3 = statistics.quantiles(scores, n=4)
        threshold = max(floor, q3 + 3 * (q3 - q1))
    flagged = [p for p in pairs if p.shared >= min_shared and p.score >= threshold]
    for p in flagged:
        shared = own[p.a] & own[p.b]
        p.fragment_a = _fragment(codes[p.a], [s for h in shared for s in codes[p.a].prints[h]], k)
        p.fragment_b = _fragment(codes[p.b], [s for h in shared for s in codes[p.b].prints[h]], k)
    flagged.sort(key=lambda p: (-p.score, -p.shared, p.a, p.b))
    return Result(flagged, scores, threshold, len(codes))
