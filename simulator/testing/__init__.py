"""ghsim for test suites: Greenhouse in process (httpx through respx) or behind a
server on a free port, with recruiter actions, the clock and the delivery log.

    from simulator.testing import greenhouse

    with greenhouse(seed=3) as gh:
        httpx.get("https://harvest.greenhouse.io/v1/jobs", auth=gh.harvest_auth)
        gh.hire(application_id)
        gh.assert_delivered("hire_candidate")
"""

from simulator.testing.assertions import (
    DeliveryNotMade,
    RequestNotMade,
    StatusMismatch,
    UnexpectedRequest,
    assert_status,
)
from simulator.testing.inprocess import HOSTS, Greenhouse, greenhouse
from simulator.testing.server import GreenhouseServer

__all__ = [
    "HOSTS",
    "DeliveryNotMade",
    "Greenhouse",
    "GreenhouseServer",
    "RequestNotMade",
    "StatusMismatch",
    "UnexpectedRequest",
    "assert_status",
    "greenhouse",
]
