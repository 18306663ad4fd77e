"""The education lists candidates pick from: degrees, disciplines and schools.

Greenhouse keeps one ordered list of each for the organisation; Harvest lists them
by `priority`. These are fixed vocabularies, drawn from no dice.
"""

from __future__ import annotations

from simulator.world.records_profile import Degree, Discipline, School
from simulator.world.store import World

DEGREES: tuple[str, ...] = (
    "High School",
    "Associate's Degree",
    "Bachelor's Degree",
    "Master's Degree",
    "Master of Business Administration (M.B.A.)",
    "Juris Doctor (J.D.)",
    "Doctor of Medicine (M.D.)",
    "Doctor of Philosophy (Ph.D.)",
    "Engineer's Degree",
    "Other",
)

DISCIPLINES: tuple[str, ...] = (
    "Accounting",
    "Business Administration",
    "Computer Engineering",
    "Computer Science",
    "Economics",
    "Electrical Engineering",
    "English",
    "Finance",
    "Graphic Design",
    "Marketing",
    "Mathematics",
    "Mechanical Engineering",
    "Physics",
    "Psychology",
    "Robotics",
    "Statistics",
    "Other",
)

SCHOOLS: tuple[str, ...] = (
    "Carnegie Mellon University",
    "Columbia University",
    "Georgia Institute of Technology",
    "Imperial College London",
    "Massachusetts Institute of Technology",
    "Stanford University",
    "Technical University of Munich",
    "University College London",
    "University of California, Berkeley",
    "University of Colorado Boulder",
    "University of Michigan",
    "University of Oxford",
    "University of Texas at Austin",
    "University of Washington",
    "Other",
)


def add_education(world: World) -> None:
    for priority, name in enumerate(DEGREES):
        degree = Degree(world.degrees.next_id(), name, priority)
        world.degrees.add(degree.id, degree)
    for priority, name in enumerate(DISCIPLINES):
        discipline = Discipline(world.disciplines.next_id(), name, priority)
        world.disciplines.add(discipline.id, discipline)
    for priority, name in enumerate(SCHOOLS):
        school = School(world.schools.next_id(), name, priority)
        world.schools.add(school.id, school)
