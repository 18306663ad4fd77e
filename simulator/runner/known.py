"""What the runner knows of an application a scenario made."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Known:
    id: int
    candidate_id: int
    job_id: int | None
    job_post_id: int | None

    def fields(self) -> dict[str, int | None]:
        return {
            "id": self.id,
            "application_id": self.id,
            "candidate_id": self.candidate_id,
            "job_id": self.job_id,
            "job_post_id": self.job_post_id,
        }
