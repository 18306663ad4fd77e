"""The control routes of the webhook engine, gathered for control.routes."""

from __future__ import annotations

from starlette.routing import BaseRoute

from simulator.control import clock, deliveries, faults, trigger, webhook_config
from simulator.schema import RouteDoc

_MODULES = (clock, webhook_config, deliveries, faults, trigger)
routes: list[BaseRoute] = [route for module in _MODULES for route in module.routes]
docs: list[RouteDoc] = [doc for module in _MODULES for doc in module.docs]
