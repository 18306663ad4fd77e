"""Path convertors. `{name:id}`: a Greenhouse id is 1 to 18 ASCII digits.

Starlette's own `int` convertor matches any run of digits and then fails on one
longer than Python will convert (4,300 digits), which would be a 500; an id
convertor that cannot match such a path leaves it to the 404 handler.
"""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class IdConvertor(Convertor[int]):
    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("id", IdConvertor())


class WebhookNameConvertor(Convertor[str]):
    """A webhook's name in a control path: anything but `forge`, which names the
    route that forges a delivery (`POST /_sim/webhooks/forge`)."""

    regex = "(?!forge$).+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("webhook", WebhookNameConvertor())
