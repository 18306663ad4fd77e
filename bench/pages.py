"""ghsim against the floor on reads only: a page of 100 applications and one by id.

    .venv/bin/python bench/pages.py [--rounds N]

The read rows of bench/peers.py without Prism, WireMock, cold starts or writes:
both servers start once, then wrk measures each figure on ghsim and on the floor
in turn, `--rounds` times, so the ratios compare runs made side by side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from peers import (  # noqa: E402
    WRK,
    Server,
    free_port,
    ghsim_server,
    record,
    running,
    targets,
    webhook_receiver,
    wrk,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    aims = targets()
    figures: dict[str, dict[str, list[float]]] = {
        "page": {"ghsim": [], "floor": []},
        "by id": {"ghsim": [], "floor": []},
    }
    with tempfile.TemporaryDirectory(prefix="ghsim-pages-") as name:
        folder = Path(name)
        with webhook_receiver(folder) as receiver:
            ghsim = ghsim_server(receiver, folder)
            recordings = record(ghsim, aims, folder)
            port = free_port()
            floor = Server(
                "floor",
                [sys.executable, str(HERE / "floor.py"), str(recordings), str(port)],
                port,
            )
            with running(ghsim, aims.probe), running(floor, aims.probe):
                for _ in range(rounds):
                    for label, target in (("page", aims.page), ("by id", aims.by_id)):
                        for server in (ghsim, floor):
                            load = wrk(server.url + target)
                            figures[label][server.name].append(load.rps)
    print(f"wrk {' '.join(WRK)}, {rounds} rounds, median req/s:")
    for label, by_server in figures.items():
        mine = statistics.median(by_server["ghsim"])
        base = statistics.median(by_server["floor"])
        ratios = [
            g / f for g, f in zip(by_server["ghsim"], by_server["floor"], strict=True)
        ]
        print(
            f"  {label:6}  ghsim {mine:8,.0f}  floor {base:8,.0f}  "
            f"ratio {mine / base:.2f}x  (per round: "
            + ", ".join(f"{r:.2f}" for r in ratios)
            + ")"
        )


if __name__ == "__main__":
    main()
