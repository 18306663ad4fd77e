"""Assertions about what a test did to Greenhouse, whose failures say what happened.

Each failure is an `AssertionError` subclass naming the request or the delivery
at fault and listing what there was instead, so pytest's report reads on its own.

    AssertionError
    ├── RequestNotMade        no call matched the method and path
    ├── UnexpectedRequest     a call that the test did not allow
    ├── StatusMismatch        a response with another status than expected
    └── DeliveryNotMade       no webhook delivery matched
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence

import httpx

from simulator.webhooks.delivery import Delivery

Call = tuple[httpx.Request, "httpx.Response | None"]


class RequestNotMade(AssertionError):
    pass


class UnexpectedRequest(AssertionError):
    pass


class StatusMismatch(AssertionError):
    pass


class DeliveryNotMade(AssertionError):
    pass


def describe_request(request: httpx.Request) -> str:
    target = request.url.raw_path.decode("ascii", "replace")
    return f"{request.method} {request.url.host}{target}"


def describe_call(call: Call) -> str:
    request, response = call
    status = response.status_code if response is not None else "no response"
    return f"{describe_request(request)} -> {status}"


def _listing(lines: Iterable[str], empty: str) -> str:
    text = "\n".join(f"  {line}" for line in lines)
    return text or f"  ({empty})"


def matches(request: httpx.Request, method: str, path: str) -> bool:
    """Same method, and the path matches the pattern (`*` for any part)."""
    return request.method == method.upper() and fnmatch.fnmatchcase(
        request.url.path, path
    )


def assert_requested(
    calls: Sequence[Call], method: str, path: str, *, status: int | None = None
) -> httpx.Response | None:
    """The last response to `method path`; fails if none was made or it differs."""
    __tracebackhide__ = True
    found = [call for call in calls if matches(call[0], method, path)]
    if not found:
        raise RequestNotMade(
            f"no request {method.upper()} {path} was made; the requests were:\n"
            + _listing(map(describe_call, calls), "none")
        )
    request, response = found[-1]
    if status is not None:
        assert_status(response, status, request=request)
    return response


def assert_only_requested(calls: Sequence[Call], *allowed: str) -> None:
    """Every request matches one of `allowed` ("GET /v1/candidates*", ...)."""
    __tracebackhide__ = True
    for call in calls:
        request = call[0]
        if not any(matches(request, *rule.split(" ", 1)) for rule in allowed):
            raise UnexpectedRequest(
                f"unexpected request {describe_call(call)}; allowed were:\n"
                + _listing(allowed, "nothing")
            )


def assert_status(
    response: httpx.Response | None,
    expected: int,
    *,
    request: httpx.Request | None = None,
) -> None:
    """The response has `expected` status; the failure shows the body."""
    __tracebackhide__ = True
    if response is None:
        raise StatusMismatch(f"expected {expected}, but no response came")
    if response.status_code == expected:
        return
    request = request or response.request
    raise StatusMismatch(
        f"{describe_request(request)} answered {response.status_code}, "
        f"expected {expected}\n  body: {response.text[:500]}"
    )


def describe_delivery(delivery: Delivery) -> str:
    answer = delivery.response_status or delivery.error or "-"
    return (
        f"#{delivery.id} {delivery.action} (application {delivery.application_id}) "
        f"to {delivery.webhook!r}: {delivery.state} {answer}"
    )


def assert_delivered(
    deliveries: Sequence[Delivery],
    action: str,
    *,
    application_id: int | None = None,
    state: str = "delivered",
) -> Delivery:
    """The last delivery of `action` (for the application) ended in `state`."""
    __tracebackhide__ = True
    found = [
        d
        for d in deliveries
        if d.action == action
        and (application_id is None or d.application_id == application_id)
    ]
    subject = action + (f" for application {application_id}" if application_id else "")
    if not found:
        raise DeliveryNotMade(
            f"no {subject} webhook was sent; the deliveries were:\n"
            + _listing(map(describe_delivery, deliveries), "none")
        )
    last = found[-1]
    if last.state != state:
        raise DeliveryNotMade(
            f"the {subject} webhook is {last.state}, expected {state}: "
            + describe_delivery(last)
        )
    return last


def delivery_log(deliveries: Sequence[Delivery]) -> str:
    """The log as a test report shows it: one line per delivery."""
    return _listing(map(describe_delivery, deliveries), "no deliveries")
