"""Nasty input records, built in code, each with the outcome the spec calls for.

Every case is raw record bytes as they would arrive on the articles topic
(or as one line of `dateline extract` input) and its expected outcome: a
dead-letter reason code, or CODED. Outcomes follow `shared/spec/event-model.md`
and the `Article` model: `id` (1 to 512 characters) and `body` (any string,
the empty one included) are required, `published_at` must be an RFC 3339
date-time or a plain date, and without it the dateline alone cannot date an
article (its year comes from the record's timestamp). Text in any language
is a valid article: the core finds what it can, possibly nothing.

Cases whose reason is not obvious say why in `note`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

import orjson

CODED: Final = "coded"
PUBLISHED: Final = "2024-03-15"
GOOD_BODY: Final = "TOKYO (AP) — Japan and South Korea held talks in Tokyo on Wednesday."
# The size of the regex-bait bodies: well past any real article, under the size limit.
BAIT_CHARS: Final = 100_000
TEN_MB: Final = 10 * 1024 * 1024
# Both records of this id are coded, with the same event ids.
DUPLICATE_ID: Final = "h-duplicate"


@dataclass(frozen=True)
class Case:
    name: str
    raw: bytes
    expected: str  # a dead-letter reason code, or CODED
    note: str = ""

    @property
    def line_safe(self) -> bool:
        """Whether the record survives as one line of a JSON-lines file.

        The command line splits its input at line ends and skips blank lines,
        so a record with a line break inside, or one that is only whitespace,
        is a stream-only case. A record ending in CRLF is one line.
        """
        body = self.raw.removesuffix(b"\r\n")
        return b"\n" not in body and b"\r" not in body and bool(body.strip())

    @property
    def line(self) -> bytes:
        """The record as one line of a JSON-lines file."""
        return self.raw if self.raw.endswith(b"\n") else self.raw + b"\n"


def record(**fields: Any) -> bytes:
    """A JSON object with these fields, in this order (json, not orjson: big ints pass)."""
    return json.dumps(fields, ensure_ascii=False).encode("utf-8")


def article(case_id: Any, body: str = GOOD_BODY, **extra: Any) -> bytes:
    """A valid article record, with `published_at` unless `extra` overrides it."""
    fields: dict[str, Any] = {"id": case_id, "published_at": PUBLISHED, "body": body}
    fields.update(extra)
    return record(**{k: v for k, v in fields.items() if v is not _OMIT})


class _Omit:
    """Leave a field out of `article`."""


_OMIT: Final = _Omit()


def repeated(unit: str, size: int = BAIT_CHARS) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _at_size(case_id: str, size: int) -> bytes:
    """A valid article record of exactly `size` bytes (the body padded with spaces)."""
    empty = article(case_id, GOOD_BODY)
    padding = size - len(empty)
    if padding < 0:
        raise ValueError(f"{size} bytes is too small for an article record")
    raw = article(case_id, GOOD_BODY + " " * padding)
    assert len(raw) == size, (len(raw), size)
    return raw


def corpus(max_bytes: int) -> list[Case]:
    """Every case, for a worker or command refusing records over `max_bytes`."""
    good = article("h-good")
    cases = [
        Case("good article", good, CODED),
        # -- not UTF-8 -----------------------------------------------------------
        Case(
            "latin-1 byte in the body",
            b'{"id": "h-latin1", "published_at": "2024-03-15", "body": "caf\xe9 talks"}',
            "invalid_utf8",
        ),
        Case(
            "overlong encoding of '/'",
            b'{"id": "h-overlong", "published_at": "2024-03-15", "body": "a\xc0\xafb"}',
            "invalid_utf8",
        ),
        Case(
            "UTF-8-encoded surrogate",
            b'{"id": "h-surrogate-bytes", "published_at": "2024-03-15", "body": "\xed\xa0\x80"}',
            "invalid_utf8",
            "surrogates are not Unicode scalar values, so their UTF-8 form is invalid",
        ),
        Case(
            "multi-byte sequence cut short",
            b'{"id": "h-cut-char", "published_at": "2024-03-15", "body": "dash \xe2\x80"}',
            "invalid_utf8",
        ),
        Case("lone continuation byte", b'{"id": "h-\x80"}', "invalid_utf8"),
        Case("UTF-16 record with its BOM", good.decode().encode("utf-16"), "invalid_utf8"),
        Case(
            "Latin-1 record",
            article("h-latin1-all", "Café à Genève").decode().encode("latin-1"),
            "invalid_utf8",
        ),
        # -- not JSON ------------------------------------------------------------
        Case("truncated JSON", good[: len(good) // 2], "invalid_json"),
        Case("truncated after a key", b'{"id": "h-cut-key", "body":', "invalid_json"),
        Case("empty record", b"", "invalid_json", "zero bytes are no JSON document"),
        Case("whitespace only", b" \t \r\n ", "invalid_json"),
        Case(
            "UTF-8 BOM before the object",
            b"\xef\xbb\xbf" + article("h-bom"),
            "invalid_json",
            "RFC 8259 forbids a BOM on JSON text sent over the network; the parser refuses it",
        ),
        Case("text after the object", good + b" and more", "invalid_json"),
        Case("two objects on one line", good + article("h-second"), "invalid_json"),
        Case(
            "NaN literal",
            b'{"id": "h-nan", "body": "x", "published_at": "2024-03-15", "score": NaN}',
            "invalid_json",
            "NaN is JavaScript, not JSON",
        ),
        Case(
            "number past the double range",
            b'{"id": "h-1e400", "body": "x", "published_at": "2024-03-15", "score": 1e400}',
            "invalid_json",
        ),
        Case(
            "raw NUL byte in a string",
            b'{"id": "h-nul-raw", "published_at": "2024-03-15", "body": "a\x00b"}',
            "invalid_json",
            "JSON strings must escape control characters",
        ),
        Case(
            "raw control characters in a string",
            b'{"id": "h-ctl-raw", "published_at": "2024-03-15", "body": "a\x01\x1b[31mb"}',
            "invalid_json",
        ),
        Case(
            "form feed between tokens",
            b'{"id": "h-ff",\x0c"body": "x"}',
            "invalid_json",
            "JSON whitespace is space, tab, CR and LF only",
        ),
        Case(
            "lone high surrogate escape",
            b'{"id": "h-lone-high", "published_at": "2024-03-15", "body": "a \\ud800 b"}',
            "invalid_json",
            "an escaped surrogate without its pair is no character; refused while parsing",
        ),
        Case(
            "lone low surrogate escape",
            b'{"id": "h-lone-low", "published_at": "2024-03-15", "body": "\\udc00"}',
            "invalid_json",
        ),
        Case(
            "nesting past the parser's depth limit",
            b'{"id": "h-deep", "body": "x", "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "invalid_json",
        ),
        Case("single-quoted strings", b"{'id': 'h-quotes', 'body': 'x'}", "invalid_json"),
        Case("trailing comma", b'{"id": "h-comma", "body": "x",}', "invalid_json"),
        Case("comment", b'{"id": "h-comment", /* c */ "body": "x"}', "invalid_json"),
        Case("Python literal", b'{"id": "h-none", "body": None}', "invalid_json"),
        # -- JSON, but not an object --------------------------------------------
        Case("array of articles", b"[" + good + b"]", "not_an_object"),
        Case("string", b'"TOKYO (AP) - Japan met China."', "not_an_object"),
        Case("number", b"42", "not_an_object"),
        Case("null", b"null", "not_an_object"),
        Case("boolean", b"true", "not_an_object"),
        # -- an object, but not an article --------------------------------------
        Case("empty object", b"{}", "schema_violation"),
        Case("missing id", record(body=GOOD_BODY, published_at=PUBLISHED), "schema_violation"),
        Case("missing body", record(id="h-no-body", published_at=PUBLISHED), "schema_violation"),
        Case("id is a number", article(7), "schema_violation", "no coercion: ids are strings"),
        Case("id is a huge integer", article(10**40), "schema_violation"),
        Case("id is a boolean", article(True), "schema_violation"),
        Case("id is null", article(None), "schema_violation"),
        Case("id is empty", article(""), "schema_violation"),
        Case("id is 513 characters", article("h" * 513), "schema_violation"),
        Case(
            "body is a list", article("h-body-list", ["Japan", "met", "China"]), "schema_violation"
        ),
        Case("body is an object", article("h-body-obj", {"text": GOOD_BODY}), "schema_violation"),
        Case("body is null", article("h-body-null", None), "schema_violation"),
        Case("body is a number", article("h-body-num", 3.5), "schema_violation"),
        Case(
            "published_at is a number",
            article("h-pub-num", published_at=20240315),
            "schema_violation",
        ),
        Case(
            "published_at is a word",
            article("h-pub-word", published_at="yesterday"),
            "schema_violation",
        ),
        Case(
            "published_at month 13",
            article("h-pub-13", published_at="2024-13-45"),
            "schema_violation",
        ),
        Case(
            "published_at hour 25",
            article("h-pub-25", published_at="2024-01-26T25:00:00Z"),
            "schema_violation",
        ),
        Case(
            "published_at is 100 KB of garbage",
            article("h-pub-huge", published_at=repeated("garbage ")),
            "schema_violation",
            "the message quotes only the start of it",
        ),
        Case("headline is a number", article("h-headline", headline=12), "schema_violation"),
        Case(
            "language is a list", article("h-language", language=["en", "fr"]), "schema_violation"
        ),
        # -- too large -------------------------------------------------------------
        Case("10 MB body", article("h-10mb", "x" * TEN_MB), "too_large"),
        Case("one byte over the limit", _at_size("h-over-limit", max_bytes + 1), "too_large"),
        Case("exactly at the limit", _at_size("h-at-limit", max_bytes), CODED),
        # -- valid, but the core cannot date it ------------------------------------
        Case(
            "no published_at, no dateline",
            article("h-no-date", "Japan and China held talks.", published_at=_OMIT),
            "no_publication_date",
        ),
        Case(
            "no published_at, dateline with month and day",
            article(
                "h-dateline-only", GOOD_BODY.replace("TOKYO", "TOKYO, March 15"), published_at=_OMIT
            ),
            "no_publication_date",
            "the spec takes the year from the record's timestamp, and there is none",
        ),
        Case(
            "empty body without a date",
            article("h-empty-no-date", "", published_at=_OMIT),
            "no_publication_date",
        ),
        # -- valid and hostile: coded, possibly into no events ---------------------
        Case("empty body", article("h-empty", ""), CODED, "an article with nothing to code"),
        Case("whitespace body", article("h-blank", "\n\n\t  \n"), CODED),
        Case("escaped NUL characters", article("h-nul-esc", "\u0000" * 1000 + GOOD_BODY), CODED),
        Case(
            "escaped control characters",
            article("h-ctl-esc", "\u0007\u001b[31m\u007f" + GOOD_BODY + "\u0008\u000b\u000c"),
            CODED,
        ),
        Case(
            "invisible and bidi characters",
            article("h-bidi", "\u200bJapan\u200d met \u202eChina\u202c\ufeff on Monday.\u2028"),
            CODED,
        ),
        Case(
            "escaped surrogate pair",
            b'{"id": "h-emoji", "published_at": "2024-03-15", '
            b'"body": "\\ud83d\\ude00 Japan met China."}',
            CODED,
        ),
        Case(
            "combining marks",
            article("h-zalgo", "J\u0301\u0302\u0303apan met China" + "\u0336" * 5000),
            CODED,
        ),
        Case(
            "Chinese",
            article(
                "h-zh",
                "新华社北京3月15日电 中国外交部长王毅周三在北京会见了日本外相。",
                language="zh",
            ),
            CODED,
        ),
        Case(
            "Arabic",
            article(
                "h-ar",
                "القاهرة (رويترز) - التقى وزير الخارجية المصري نظيره الأردني يوم الأربعاء.",
                language="ar",
            ),
            CODED,
        ),
        Case(
            "Russian",
            article(
                "h-ru",
                "МОСКВА, 15 марта (Рейтер) - Министр иностранных дел России "
                "встретился с коллегой из Китая в среду.",
                language="ru",
            ),
            CODED,
        ),
        Case(
            "Japanese and Korean",
            article(
                "h-ja-ko",
                "東京 — 日本と韓国は水曜日に会談した。 서울 — 한국과 일본은 수요일 회담했다.",
                language="ja",
            ),
            CODED,
        ),
        Case(
            "Hindi with English",
            article(
                "h-hi",
                "नई दिल्ली — India and Japan held talks on Wednesday. "
                "भारत और जापान ने बुधवार को बातचीत की।",
            ),
            CODED,
        ),
        Case(
            "emoji flood", article("h-emoji-flood", repeated("🇯🇵🤝🇨🇳 ", 20_000) + GOOD_BODY), CODED
        ),
        Case(
            "one sentence of 200,000 characters",
            article(
                "h-long-sentence",
                repeated("the minister said that officials would continue ", 200_000),
            ),
            CODED,
        ),
        Case("100k punctuation", article("h-punct", repeated("!?.,;:-()\"'…—")), CODED),
        Case("100k full stops", article("h-stops", "." * BAIT_CHARS), CODED),
        Case("100k digits", article("h-digits", "7" * BAIT_CHARS), CODED),
        Case(
            "100k spaced digits",
            article("h-spaced-digits", repeated("12 345, 6789. 2024-01-26 ")),
            CODED,
        ),
        Case("100k line breaks", article("h-newlines", "\n" * BAIT_CHARS), CODED),
        Case("100k datelines", article("h-datelines", repeated("TOKYO (AP) — ")), CODED),
        Case("100k abbreviations", article("h-abbrev", repeated("Gen. Jan. U.S. Mr. ")), CODED),
        Case(
            "100k triggers",
            article("h-triggers", repeated("met visited condemned urged talks sanctions ")),
            CODED,
        ),
        Case(
            "100k names",
            article("h-names", repeated("Japan China Russia Putin Biden the United Nations ")),
            CODED,
        ),
        Case(
            "100k dates",
            article("h-dates", repeated("on Monday, May 5, 2024, last week, next month, ")),
            CODED,
        ),
        Case(
            "100k short events",
            article("h-events", repeated("Japan met China on Monday. Russia condemned Ukraine. ")),
            CODED,
        ),
        Case(
            "huge count in a time expression",
            article("h-weeks", "Japan met China 999999 weeks ago."),
            CODED,
        ),
        Case(
            "published at the first day of the calendar",
            article(
                "h-year-1", "Japan met China on Monday and last week.", published_at="0001-01-01"
            ),
            CODED,
            "relative dates fall off the calendar: they get no value, the article is coded",
        ),
        Case(
            "published at the last day of the calendar",
            article(
                "h-year-9999",
                "Japan will meet China next week and next year.",
                published_at="9999-12-31",
            ),
            CODED,
        ),
        Case("id of 512 characters", article("h" * 512), CODED),
        Case("id with odd characters", article("h-odd\n\t\u0000/\\\"'🙂"), CODED),
        Case(
            "unknown fields of every kind",
            article("h-extra", tags=["a", {"b": None}], score=1.5, n=10**40, flag=False),
            CODED,
            "unknown fields are kept, not judged",
        ),
        Case(
            "nesting within the parser's limit",
            b'{"id": "h-nested", "published_at": "2024-03-15", "body": "x", "extra": '
            + b"[" * 500
            + b"]" * 500
            + b"}",
            CODED,
        ),
        Case(
            "duplicate keys",
            b'{"id": "h-dup-keys", "id": "h-dup-keys-2", '
            b'"published_at": "2024-03-15", "body": "x"}',
            CODED,
            "the last value of a repeated key wins, as in most JSON parsers",
        ),
        Case(
            "CRLF line end",
            article("h-crlf") + b"\r\n",
            CODED,
            "trailing CR and LF are JSON whitespace",
        ),
        Case(
            "pretty-printed over many lines",
            json.dumps(orjson.loads(article("h-pretty")), indent=2).encode(),
            CODED,
        ),
        Case("duplicated article id (first)", article(DUPLICATE_ID), CODED),
        Case("duplicated article id (second)", article(DUPLICATE_ID), CODED),
        Case(
            "duplicated article id, another body",
            article(
                DUPLICATE_ID, "SEOUL (AP) — South Korea and Japan held talks in Seoul on Tuesday."
            ),
            CODED,
        ),
    ]
    names = [case.name for case in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    return cases


def bad_cases(max_bytes: int) -> list[Case]:
    return [case for case in corpus(max_bytes) if case.expected != CODED]


def good_cases(max_bytes: int) -> list[Case]:
    return [case for case in corpus(max_bytes) if case.expected == CODED]
