"""Compile the timex language data into one scanning regex and dispatch regexes.

Speed is the point of this module. Python's ``re`` tries every alternative of
an alternation at every start position, so a plain ``rule1|rule2|...`` costs
microseconds per word. Two things make the scan cheap:

* The text is scanned in a lower-cased ASCII copy whose timex starts all
  follow a space, so the scanning regex begins with a literal space and ``re``
  jumps from space to space with a fast search.
* The rules are merged into a trie on their leading literal text: each rule's
  leading pattern references and optional groups are expanded into literal
  leads ("the third quarter", "jan", ``\\d``), and every branch of the trie
  starts with one literal character or class, which ``re`` rejects without
  backtracking. A word that starts no rule costs one failed character test.

The scanning regex has no capture groups at all (``re`` copies every group
into each match object, so thousands of them would cost more than the scan).
It only finds where some rule matches. There, a small dispatch regex holding
the rules that can start with the word found, in file order, picks the first
rule that matches (an empty group after each rule says which, through
``lastindex``) and reads its named groups. So precedence is plain file order.

Template syntax (rule ``pattern`` and pattern alternatives): Python regex,
lower case, where ``{name}`` inserts pattern ``name`` as group ``name``,
``{name:alias}`` as group ``alias``, ``(?P<name>...)`` names a group for the
value or the ``offset``, a space means one or more whitespace characters,
and plain capturing parentheses are not allowed (use ``(?:``). A rule must
start with text, a pattern reference or an optional group of those.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from service.extract.timex_data import (
    PatternDef,
    ResourceData,
    RuleDef,
    TenseDef,
    TimexResourceError,
)
from service.extract.timex_values import Evaluator, compile_value, parse_value

# A timex never continues into a letter or digit ("may" is not in "mayor"),
# the decimals of a number ("2082.1" is not the year 2082) or a hyphenated
# compound ("quarter-to-quarter", "a year-earlier loss").
BOUNDARY = r"(?![a-z0-9]|[.,:]\d|-[a-z0-9])"
# Leads stop branching after this many words (enough to tell "the third" from
# "the first") or once a rule has this many leads, to bound the regex size.
_MAX_LEAD_WORDS = 2
_MAX_LEADS_PER_RULE = 150

_REF_AT = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")
_QUANT = re.compile(r"(?:[?*+]|\{\d+(?:,\d*)?\})[?+]?")
_NAMED = re.compile(r"\(\?P<([a-z_][a-z0-9_]*)>")


@dataclass(frozen=True, slots=True)
class Unit:
    """One atom of a template with its quantifier.

    kind "tok": a single character, escape or class (``" "`` is whitespace);
    "ref": a pattern reference; "group": ``(?:...)`` or a named group, whose
    body is ``text``; "other": anything that cannot lead a rule (lookarounds,
    anchors, ``.``).
    """

    kind: str
    text: str
    quant: str = ""
    alias: str = ""
    opener: str = ""


def _skip_class(src: str, i: int) -> int:
    """Index just past the character class opening at ``src[i]``."""
    j = i + 1
    if j < len(src) and src[j] == "^":
        j += 1
    if j < len(src) and src[j] == "]":
        j += 1
    while j < len(src) and src[j] != "]":
        j += 2 if src[j] == "\\" else 1
    if j >= len(src):
        raise ValueError(f"unclosed character class in {src!r}")
    return j + 1


def _close_paren(src: str, i: int) -> int:
    """Index of the parenthesis closing the one at ``src[i]``."""
    depth, j = 0, i
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _skip_class(src, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError(f"unbalanced parenthesis in {src!r}")


def split_alternatives(src: str) -> list[str]:
    """Split on the top-level ``|`` only."""
    parts, depth, start, j = [], 0, 0, 0
    while j < len(src):
        c = src[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _skip_class(src, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(src[start:j])
            start = j + 1
        j += 1
    parts.append(src[start:])
    return parts


def split_units(src: str) -> list[Unit]:
    units: list[Unit] = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "{" and (m := _REF_AT.match(src, i)):
            unit = Unit("ref", m.group(1), alias=m.group(2) or m.group(1))
            i = m.end()
        elif c == "(":
            j = _close_paren(src, i)
            if src.startswith("(?:", i):
                unit = Unit("group", src[i + 3 : j], opener="(?:")
            elif named := _NAMED.match(src, i):
                unit = Unit("group", src[named.end() : j], opener=named.group(0))
                unit = replace(unit, alias=named.group(1))
            elif src.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
                head = 4 if src.startswith("(?<", i) else 3
                unit = Unit("other", src[i + head : j], opener=src[i : i + head])
            else:
                raise ValueError(f"plain '(' at offset {i} of {src!r}: write (?: or (?P<name>")
            i = j + 1
        elif c == "[":
            j = _skip_class(src, i)
            unit, i = Unit("tok", src[i:j]), j
        elif c == "\\":
            if i + 1 >= len(src):
                raise ValueError(f"trailing backslash in {src!r}")
            esc = src[i : i + 2]
            unit, i = Unit("other" if esc[1] in "bBAZ" else "tok", esc), i + 2
        elif c in "|)?*+":
            raise ValueError(f"unexpected {c!r} at offset {i} of {src!r}")
        elif c in ".^$":
            unit, i = Unit("other", c), i + 1
        else:
            unit, i = Unit("tok", c), i + 1
        quant = _QUANT.match(src, i)
        if quant:
            unit = replace(unit, quant=quant.group(0))
            i = quant.end()
        units.append(unit)
    return units


def lower_regex(src: str) -> str:
    """Lower-case a regex source, leaving escapes such as ``\\S`` alone."""
    out, i = [], 0
    while i < len(src):
        if src[i] == "\\":
            out.append(src[i : i + 2])
            i += 2
        elif src.startswith("(?P", i):
            out.append("(?P")
            i += 3
        else:
            out.append(src[i].lower())
            i += 1
    return "".join(out)


def is_cased(src: str) -> bool:
    """Whether an alternative asks for an exact case (an upper-case letter outside escapes)."""
    return any(c.isupper() for c in re.sub(r"\\.|\(\?P", "", src))


@dataclass
class _Renderer:
    """Renders templates to regex source, with or without capture groups."""

    patterns: Mapping[str, PatternDef]
    _alts: dict[str, str] = field(default_factory=dict)

    def alternatives(self, name: str) -> list[str]:
        """A pattern's alternatives, lower-cased, longest first (ties in file order)."""
        pattern = self.patterns[name]
        lowered = [lower_regex(a) for a in pattern.alternatives]
        return sorted(lowered, key=len, reverse=True)

    def pattern_body(self, name: str) -> str:
        if name not in self._alts:
            self._alts[name] = "|".join(self.source(a) for a in self.alternatives(name))
        return self._alts[name]

    def source(self, src: str, capture: Collection[str] = (), prefix: str = "") -> str:
        alternatives = split_alternatives(src)
        return "|".join(self.units(split_units(a), capture, prefix) for a in alternatives)

    def units(self, units: Sequence[Unit], capture: Collection[str] = (), prefix: str = "") -> str:
        """Regex source; references named in ``capture`` become groups ``prefix + name``.

        Named groups written in the template are kept (renamed the same way)
        when named in ``capture`` too.
        """
        out = []
        for u in units:
            if u.kind == "tok":
                text = r"\s+" if u.text == " " else u.text
                if u.quant and u.text == " ":
                    text = r"(?:\s+)"
            elif u.kind == "ref":
                if u.text not in self.patterns:
                    raise ValueError(f"unknown pattern {{{u.text}}}")
                body = self.pattern_body(u.text)
                named = u.alias in capture
                text = f"(?P<{prefix}{u.alias}>{body})" if named else f"(?:{body})"
            elif u.kind == "group":
                opener = f"(?P<{prefix}{u.alias}>" if u.alias and u.alias in capture else "(?:"
                text = f"{opener}{self.source(u.text, capture, prefix)})"
            elif u.opener.startswith("(?<"):  # look-behind: fixed width, so one space each
                body = self.source(u.text.replace(" ", "\\x20"))
                text = f"{u.opener}{body})"
            elif u.opener:  # look-ahead: its body may use references and spaces
                text = f"{u.opener}{self.source(u.text)})"
            else:
                text = u.text
            out.append(text + u.quant)
        return "".join(out)


Lead = tuple[str, ...]


def expand_leads(units: Sequence[Unit], renderer: _Renderer) -> list[tuple[Lead, tuple[Unit, ...]]]:
    """Split a template into (leading literal tokens, remaining units) pairs.

    Every pair is one way the template can start; together they cover all of
    it. Pattern references, groups and optional parts are expanded while the
    lead is short, so each rule contributes literal branches to the trie.
    """
    results: list[tuple[Lead, tuple[Unit, ...]]] = []

    def stop(seq: tuple[Unit, ...], lead: Lead) -> None:
        if not lead:
            shown = renderer.units(seq[:1])
            raise ValueError(f"a rule cannot start with {shown!r}: start with text or {{pattern}}")
        results.append((lead, seq))

    def walk(seq: tuple[Unit, ...], lead: Lead, words: int) -> None:
        if not seq:
            stop(seq, lead)
            return
        u, rest = seq[0], seq[1:]
        branch = not lead or (words < _MAX_LEAD_WORDS and len(results) < _MAX_LEADS_PER_RULE)
        if u.kind == "tok":
            if not u.quant:
                walk(rest, (*lead, u.text), words + (u.text == " "))
            elif u.quant == "?" and branch:
                walk(rest, lead, words)
                walk((replace(u, quant=""), *rest), lead, words)
            elif u.quant == "+":
                walk((replace(u, quant=""), replace(u, quant="*"), *rest), lead, words)
            else:
                stop(seq, lead)
            return
        expandable = u.kind in ("ref", "group")  # groups: (?: or a named (?P<x>
        if expandable and branch and u.quant in ("", "?"):
            if u.kind == "ref":
                if u.text not in renderer.patterns:
                    raise ValueError(f"unknown pattern {{{u.text}}}")
                alts = renderer.alternatives(u.text)
            else:
                alts = split_alternatives(u.text)
            # Without the optional part first: when the lead budget runs out,
            # the rarer longer forms ("Friday, Jan. 5") are the ones cut short.
            if u.quant == "?":
                walk(rest, lead, words)
            for alt in alts:
                walk((*split_units(alt), *rest), lead, words)
            return
        stop(seq, lead)

    walk(tuple(units), (), 0)
    return results


class _Node:
    __slots__ = ("children", "leaves")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.leaves: list[str] = []  # regexes of what follows the lead


def _token_regex(tok: str) -> str:
    if tok == " ":
        return r"\s+"
    return re.escape(tok) if len(tok) == 1 else tok


def _render_trie(node: _Node) -> str:
    """Regex of a trie node, after making its single-character branches disjoint.

    Leads such as ``1``, ``[12]`` and ``\\d`` overlap, so a digit would enter
    several subtrees in turn; splitting them into disjoint byte classes (and
    merging the subtrees behind each) lets every byte follow one branch.
    """
    members: dict[int, list[str]] = {}
    parts = []
    for tok, child in node.children.items():
        if tok == " ":
            parts.append(_token_regex(tok) + _render_trie(child))
            continue
        for byte in _first_bytes(tok):
            members.setdefault(byte, []).append(tok)
    atoms: dict[tuple[str, ...], list[int]] = {}
    for byte, toks in sorted(members.items()):
        atoms.setdefault(tuple(toks), []).append(byte)
    for atom, byte_list in atoms.items():
        merged = _merge([node.children[t] for t in atom])
        parts.append(_byte_class(byte_list) + _render_trie(merged))
    parts.extend(node.leaves)
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _merge(nodes: Sequence[_Node]) -> _Node:
    if len(nodes) == 1:
        return nodes[0]
    out = _Node()
    for n in nodes:
        for tok in n.children:
            out.children.setdefault(tok, _Node())
        out.leaves.extend(n.leaves)
    for tok in out.children:
        out.children[tok] = _merge([n.children[tok] for n in nodes if tok in n.children])
    return out


def _byte_class(byte_list: Sequence[int]) -> str:
    if len(byte_list) == 1:
        return re.escape(chr(byte_list[0]))
    return "[" + "".join(re.escape(chr(b)) for b in byte_list) + "]"


def _first_bytes(tok: str) -> set[int]:
    """The bytes a lead token can match."""
    if len(tok) == 1:
        return {ord(tok)}
    if tok[0] == "\\" and not tok[1].isalnum():
        return {ord(tok[1])}
    token = re.compile(tok.encode("ascii"))
    return {b for b in range(128) if token.fullmatch(bytes([b]))}


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """A captured reference: its group name, case check and normalization table."""

    name: str  # in the regex
    alias: str  # in the value expression
    table: Mapping[str, str] | None
    case_check: re.Pattern[str] | None
    # The table again, keyed by the usual scan-text spellings ("sept.",
    # "twenty-first"), to skip normalize_key for most matches.
    fast: Mapping[bytes, str]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    definition: RuleDef
    source: str  # regex source, groups named g<index>_<name>
    evaluate: Evaluator
    groups: tuple[GroupSpec, ...]
    offset: str | None  # group name of the timex span, when not the whole match


@dataclass(frozen=True, slots=True)
class Dispatch:
    """The rules that can start with one byte, as one regex in file order.

    ``re`` takes the first alternative that matches, so the earliest rule
    wins; the empty group after each rule (``lastindex``) tells which.
    """

    regex: re.Pattern[bytes]
    rule_of_group: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Grammar:
    """Everything the tagger needs, compiled once.

    ``scanner`` finds the places where some rule matches (it has no groups, so
    matching is cheap). The rule is then picked among those that can start
    with the word found there (``by_word``, keyed by the lower-case word) or,
    for other words and for digits and signs, with its first byte
    (``by_byte``); the dispatch regex also reads the rule's groups.
    """

    scanner: re.Pattern[bytes]
    by_word: Mapping[bytes, Dispatch]
    by_byte: tuple[Dispatch | None, ...]
    rules: tuple[CompiledRule, ...]
    tense_cues: re.Pattern[bytes]
    deadline: re.Pattern[bytes]  # searched in the few bytes before an expression
    tense: TenseDef


def _case_check(renderer: _Renderer, pattern: PatternDef) -> re.Pattern[str] | None:
    if not any(is_cased(a) for a in pattern.alternatives):
        return None
    parts = []
    for alt in pattern.alternatives:
        body = renderer.units(split_units(alt))
        parts.append(f"(?:{body})" if is_cased(alt) else f"(?i:{body})")
    return re.compile("|".join(parts))


def compile_grammar(data: ResourceData) -> Grammar:
    """Compile and check all rules; errors name the file and the entry."""
    renderer = _Renderer(data.patterns)
    for pattern in data.patterns.values():
        for alt in pattern.alternatives:
            where = f"{pattern.file}: pattern {pattern.name!r}: alternative {alt!r}"
            if not alt.isascii():
                raise TimexResourceError(f"{where}: use ASCII (the scan text is ASCII)")
            try:
                if _REF_AT.search(alt):
                    raise ValueError("patterns cannot reference other patterns")
                if len(split_alternatives(alt)) > 1:
                    raise ValueError("one alternative per line: no top-level '|'")
                regex = re.compile(renderer.units(split_units(lower_regex(alt))))
            except (ValueError, re.error) as exc:
                raise TimexResourceError(f"{where}: {exc}") from exc
            if regex.groups:
                raise TimexResourceError(f"{where}: capture groups are not allowed")
    root = _Node()
    rules: list[CompiledRule] = []
    by_byte: dict[int, set[int]] = {}  # first byte -> rule indexes
    words: dict[str, set[int]] = {}  # complete first word -> rule indexes
    prefixes: list[tuple[str, int]] = []  # first-word beginnings a rule may extend
    guards: list[str] = []
    for index, rule in enumerate(data.rules):
        where = f"{rule.file}: rule {rule.name!r}"
        try:
            if rule.pattern != lower_regex(rule.pattern) or not rule.pattern.isascii():
                raise ValueError("write the pattern in ASCII lower case")
            rules.append(_compile_rule(index, rule, data, renderer))
            leads = expand_leads(_rule_units(rule.pattern), renderer)
            guards.append(_guard([lead for lead, _ in leads]))
            for lead, rest in leads:
                node = root
                for tok in lead:
                    node = node.children.setdefault(tok, _Node())
                node.leaves.append(renderer.units(rest) + BOUNDARY)
                for byte in _first_bytes(lead[0]):
                    by_byte.setdefault(byte, set()).add(index)
                word, complete = _first_word(lead, rest)
                if word and complete:
                    words.setdefault(word, set()).add(index)
                elif word:
                    prefixes.append((word, index))
        except (ValueError, re.error) as exc:
            raise TimexResourceError(f"{where}: {exc}") from exc
    for word, indexes in words.items():
        indexes.update(i for prefix, i in prefixes if word.startswith(prefix))
    scanner = re.compile(b" " + _render_trie(root).encode("ascii"))
    built: dict[tuple[int, ...], Dispatch] = {}

    def dispatch(indexes: set[int]) -> Dispatch:
        return _dispatch(indexes, rules, guards, built)

    by_word = MappingProxyType({word.encode("ascii"): dispatch(ix) for word, ix in words.items()})
    byte_table = [None if b not in by_byte else dispatch(by_byte[b]) for b in range(256)]
    cues, deadline = _tense_cues(data, renderer)
    return Grammar(scanner, by_word, tuple(byte_table), tuple(rules), cues, deadline, data.tense)


_LETTERS = frozenset(range(ord("a"), ord("z") + 1))


def _first_word(lead: Lead, rest: Sequence[Unit]) -> tuple[str, bool]:
    """The letters a lead starts with, and whether no letter can follow them."""
    word = ""
    for i, tok in enumerate(lead):
        if len(tok) == 1 and tok.isalpha():
            word += tok
            continue
        return word, i > 0 and (tok == " " or not _first_bytes(tok) & _LETTERS)
    if not rest:
        return word, True  # the boundary check follows
    first = rest[0]
    letters = first.kind != "tok" or first.text == " " or bool(_first_bytes(first.text) & _LETTERS)
    return word, not letters or (first.text == " " and not first.quant)


def _dispatch(
    indexes: set[int],
    rules: Sequence[CompiledRule],
    guards: Sequence[str],
    built: dict[tuple[int, ...], Dispatch],
) -> Dispatch:
    key = tuple(sorted(indexes))
    if key not in built:
        source = "|".join(f"{guards[i]}{rules[i].source}(?P<m{i}>)" for i in key)
        regex = re.compile(source.encode("ascii"))
        rule_of_group = [-1] * (regex.groups + 1)
        for i in key:
            rule_of_group[regex.groupindex[f"m{i}"]] = i
        built[key] = Dispatch(regex, tuple(rule_of_group))
    return built[key]


_GUARD_TOKENS = 3


def _guard(leads: Sequence[Lead]) -> str:
    """A cheap look-ahead that text a rule matches always passes.

    In a dispatch regex, a rule that does not match costs a full attempt at
    its regex (the month names again, for every month rule). The guard
    skips the first word and checks the next few tokens of the rule's leads
    ("september", then a space and a digit), so most such rules fail in a
    few steps. Empty when the leads give nothing to check.
    """
    root = _Node()
    for lead in leads:
        if " " not in lead:
            return ""
        cut = lead.index(" ")
        if any(ord(" ") in _first_bytes(tok) for tok in lead[:cut]):
            return ""  # the first word could run past a space: [^ ]* would not skip it
        node = root
        for tok in lead[cut : cut + _GUARD_TOKENS]:
            node = node.children.setdefault(tok, _Node())
        node.leaves.append("")
    if all(len(child.children) == 0 for child in root.children.values()):
        return ""  # only "a space follows": not worth a look-ahead
    return f"(?=[^ ]*{_render_trie(root)})"


def _tense_cues(
    data: ResourceData, renderer: _Renderer
) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    tense = data.tense

    def alternatives(lines: Sequence[str]) -> str:
        # Merged into a trie like the rules, so each word costs a few
        # character tests rather than one attempt per cue.
        root = _Node()
        for line in sorted((lower_regex(a) for a in lines), key=len, reverse=True):
            try:
                leads = expand_leads(split_units(line), renderer)
            except ValueError:  # starts with a look-behind: try it as a whole
                root.leaves.append(renderer.source(line))
                continue
            for lead, rest in leads:
                node = root
                for tok in lead:
                    node = node.children.setdefault(tok, _Node())
                node.leaves.append(renderer.units(rest))
        return _render_trie(root)

    try:
        future, past = alternatives(tense.future), alternatives(tense.past)
        ignore = alternatives(tense.ignore)
        # A leading space (every word in the scan text follows one) lets re
        # jump from word to word instead of trying the cues at every byte.
        passive = "".join(f"(?<! {re.escape(lower_regex(w))} )" for w in tense.not_after)
        prospective = alternatives(tense.prospective)
        source = (
            rf" (?!(?:{ignore}){BOUNDARY})"
            rf"(?:(?P<prospective>{prospective})|(?P<future>{future})"
            rf"|{passive}(?P<past>{past})){BOUNDARY}"
        )
        deadline = rf" (?:{alternatives(tense.deadline)}) $"
        return re.compile(source.encode("ascii")), re.compile(deadline.encode("ascii"))
    except (ValueError, re.error) as exc:
        raise TimexResourceError(f"{tense.file}: tense cues: {exc}") from exc


def _compile_rule(
    index: int, rule: RuleDef, data: ResourceData, renderer: _Renderer
) -> CompiledRule:
    units = _rule_units(rule.pattern)
    refs = _refs(units)
    named = _named_groups(units)
    for u in refs:
        if u.text not in data.patterns:
            raise ValueError(f"unknown pattern {{{u.text}}}")
    value = parse_value(rule.value)
    # Capture what the value reads and what needs a case check; other
    # references only shape the match and may repeat ("{day_suffix}" twice).
    wanted = value.refs() | {
        u.alias for u in refs if _case_check(renderer, data.patterns[u.text]) is not None
    }
    unknown = wanted - {u.alias for u in refs} - named
    if unknown:
        raise ValueError(f"value uses groups the pattern does not define: {sorted(unknown)}")
    prefix = f"g{index}_"
    if rule.offset is not None:
        wanted.add(rule.offset)
    source = f"(?:{renderer.units(units, capture=wanted, prefix=prefix)}){BOUNDARY}"
    regex = re.compile(source.encode("ascii"))  # reports bad syntax and repeated groups
    groups: list[GroupSpec] = []
    for u in refs:
        if u.alias in wanted and all(g.name != prefix + u.alias for g in groups):
            pattern = data.patterns[u.text]
            table = data.normalizations.get(pattern.normalization)
            check = _case_check(renderer, pattern)
            groups.append(GroupSpec(prefix + u.alias, u.alias, table, check, _fast(table)))
    for alias in sorted(named & value.refs()):
        groups.append(GroupSpec(prefix + alias, alias, None, None, MappingProxyType({})))
    offset = None
    if rule.offset is not None:
        offset = prefix + rule.offset
        if offset not in regex.groupindex:
            raise ValueError(f"offset group {rule.offset!r} is not in the pattern")
    return CompiledRule(rule, source, compile_value(value), tuple(groups), offset)


def _fast(table: Mapping[str, str] | None) -> Mapping[bytes, str]:
    fast: dict[bytes, str] = {}
    for key, value in (table or {}).items():
        for spelling in (key, key + ".", key.replace(" ", "-")):
            fast[spelling.encode("ascii")] = value
    return MappingProxyType(fast)


def _rule_units(pattern: str) -> list[Unit]:
    """A rule pattern may be a top-level alternation: treat it as one group."""
    if len(split_alternatives(pattern)) > 1:
        return [Unit("group", pattern, opener="(?:")]
    return split_units(pattern)


def _named_groups(units: Sequence[Unit]) -> set[str]:
    out = set()
    for u in units:
        if u.kind == "group":
            if u.alias:
                out.add(u.alias)
            for alt in split_alternatives(u.text):
                out |= _named_groups(split_units(alt))
    return out


def _refs(units: Sequence[Unit]) -> list[Unit]:
    out = []
    for u in units:
        if u.kind == "ref":
            out.append(u)
        elif u.kind == "group":
            for alt in split_alternatives(u.text):
                out.extend(_refs(split_units(alt)))
    return out
