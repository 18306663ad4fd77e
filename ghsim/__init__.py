"""`import ghsim`: ghsim's testing API under the project's own name.

import ghsim

with ghsim.mock(seed=3) as gh:      # Greenhouse in process, as @mock_aws
    ...
"""

from simulator.testing import (
    HOSTS,
    DeliveryNotMade,
    Greenhouse,
    GreenhouseServer,
    RequestNotMade,
    StatusMismatch,
    UnexpectedRequest,
    assert_status,
    greenhouse,
)

mock = greenhouse

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
    "mock",
]
