"""Webhook bytes, signatures and headers (simulator.webhooks.wire)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.webhooks import wire


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<p>hi</p>", b"\\u003cp\\u003ehi\\u003c/p\\u003e"),
        ("R&D", b"R\\u0026D"),
        ("a\u2028b\u2029c", b"a\\u2028b\\u2029c"),
        ("plain", b"plain"),
    ],
)
def test_encode__escapes_html_characters_and_line_separators(
    text: str, escaped: bytes
) -> None:
    body = wire.encode({"content": text})

    assert body == b'{"content":"' + escaped + b'"}'


def test_encode__escapes_characters_in_keys_and_nested_strings() -> None:
    envelope = {"<k>": ["&", {"x": "a>b"}]}

    body = wire.encode(envelope)

    assert body == b'{"\\u003ck\\u003e":["\\u0026",{"x":"a\\u003eb"}]}'


def test_encode__is_compact_and_keeps_key_order() -> None:
    envelope = {"action": "ping", "payload": {"b": [1, 2.5, None], "a": True}}

    body = wire.encode(envelope)

    assert body == b'{"action":"ping","payload":{"b":[1,2.5,null],"a":true}}'


@pytest.mark.parametrize("text", ["Zoë Brontë", "東京", "Ω≈ç", "emoji 🤖"])
def test_encode__writes_non_ascii_as_raw_utf8(text: str) -> None:
    body = wire.encode({"name": text})

    assert body == f'{{"name":"{text}"}}'.encode()
    assert b"\\u" not in body


def test_encode__keeps_json_escapes_for_quotes_backslashes_and_controls() -> None:
    body = wire.encode({"s": 'say "hi"\\\n\t'})

    assert body == b'{"s":"say \\"hi\\"\\\\\\n\\t"}'


def test_encode__does_not_escape_slashes() -> None:
    body = wire.encode({"url": "https://app.greenhouse.io/people/1"})

    assert body == b'{"url":"https://app.greenhouse.io/people/1"}'


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(JSON_VALUES)
def test_encode__decodes_back_to_the_same_value(value: Any) -> None:
    body = wire.encode({"payload": value})

    assert json.loads(body) == {"payload": value}
    assert not {b"<", b">", b"&"} & {bytes([c]) for c in body}
    assert "\u2028" not in body.decode() and "\u2029" not in body.decode()


def test_signature__is_sha256_space_lowercase_hex_hmac_of_the_body() -> None:
    body = b"The quick brown fox jumps over the lazy dog"

    signature = wire.signature(body, "key")

    assert signature == (
        "sha256 f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
    )


@given(st.binary(), st.text(min_size=1))
def test_signature__matches_a_receivers_check(body: bytes, secret: str) -> None:
    signature = wire.signature(body, secret)

    algorithm, digest = signature.split(" ", 1)
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert algorithm == "sha256"
    assert hmac.compare_digest(digest, expected)


def test_signature__changes_with_one_byte_or_another_secret() -> None:
    body = wire.encode({"action": "hire_candidate", "payload": {"id": 1}})

    signature = wire.signature(body, "secret")

    assert signature != wire.signature(body.replace(b"1", b"2"), "secret")
    assert signature != wire.signature(body, "secret2")


def test_signature__covers_the_escaped_bytes_not_a_reencoding() -> None:
    body = wire.encode({"content": "<p>hi</p>"})

    signature = wire.signature(body, "secret")

    reencoded = json.dumps(json.loads(body), separators=(",", ":")).encode()
    assert reencoded != body
    assert signature != wire.signature(reencoded, "secret")


def test_headers__carry_type_agent_signature_and_event_id() -> None:
    body = wire.encode({"action": "ping", "payload": {}})

    headers = wire.headers(body, "s3cret", "3f1c0d9e-event")

    assert headers == {
        "Content-Type": "application/json",
        "User-Agent": wire.USER_AGENT,
        "Signature": wire.signature(body, "s3cret"),
        "Greenhouse-Event-ID": "3f1c0d9e-event",
    }
    assert wire.USER_AGENT.strip()
