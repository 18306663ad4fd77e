"""Fixed vocabularies of a Greenhouse organisation: pipelines, sources, reasons."""

from __future__ import annotations

DEPARTMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Engineering", ("Platform", "Robotics Software")),
    ("Product", ()),
    ("Sales", ("Field Sales",)),
    ("Customer Success", ()),
    ("Finance", ()),
    ("People", ()),
)

OFFICES: tuple[tuple[str, str], ...] = (
    ("New York", "New York, NY, United States"),
    ("Denver", "Denver, CO, United States"),
    ("London", "London, United Kingdom"),
    ("Berlin", "Berlin, Germany"),
    ("Remote", "Remote"),
)

JOB_TITLES: tuple[str, ...] = (
    "Backend Engineer",
    "Frontend Engineer",
    "Platform Engineer",
    "Data Engineer",
    "Robotics Engineer",
    "Firmware Engineer",
    "QA Engineer",
    "Site Reliability Engineer",
    "Product Manager",
    "Product Designer",
    "Account Executive",
    "Sales Development Representative",
    "Solutions Engineer",
    "Customer Success Manager",
    "Support Specialist",
    "Financial Analyst",
    "Accountant",
    "Recruiter",
    "People Partner",
    "Marketing Manager",
)

LEVELS: tuple[str, ...] = ("", "", "Senior ", "Staff ", "Junior ", "Lead ")

PIPELINE: tuple[str, ...] = (
    "Application Review",
    "Preliminary Phone Screen",
    "Phone Interview",
    "Face to Face",
    "Reference Check",
    "Offer",
)

INTERVIEWS: dict[str, tuple[tuple[str, int], ...]] = {
    "Application Review": (("Application Review", 15),),
    "Preliminary Phone Screen": (("Recruiter Call", 30),),
    "Phone Interview": (("Hiring Manager Call", 45),),
    "Take Home Test": (("Take Home Test", 120),),
    "Face to Face": (("Technical Interview", 60), ("Culture Interview", 45)),
    "Reference Check": (("Reference Call", 30),),
}

SOURCE_TYPES: tuple[str, ...] = (
    "Third-party boards",
    "Company marketing",
    "Social media",
    "Referrals",
    "Agencies",
    "Prospecting",
    "Candidate search",
    "Attend events",
    "Other",
)

# Applicants who arrive through a job board without a tracking link are credited
# to this source in Greenhouse's own examples.
JOB_BOARD_SOURCE = "Jobs page on your website"

SOURCES: tuple[tuple[str, str], ...] = (
    ("Indeed", "Third-party boards"),
    (JOB_BOARD_SOURCE, "Company marketing"),
    ("LinkedIn", "Social media"),
    ("Referral", "Referrals"),
    ("Internal Applicant", "Other"),
    ("Greenhouse Sourcing", "Prospecting"),
    ("Talent Partners Agency", "Agencies"),
    ("Glassdoor", "Third-party boards"),
    ("Career Fair", "Attend events"),
    ("Candidate Search", "Candidate search"),
)

# Sources a recruiter picks when adding a candidate by hand.
MANUAL_SOURCES: tuple[str, ...] = (
    "Referral",
    "Greenhouse Sourcing",
    "Talent Partners Agency",
    "Career Fair",
    "Candidate Search",
)

REJECTION_TYPES: tuple[str, ...] = (
    "We rejected them",
    "They rejected us",
    "None Specified",
)

REJECTION_REASONS: tuple[tuple[str, str], ...] = (
    ("Lacking skill(s)/qualification(s)", "We rejected them"),
    ("Not enough experience", "We rejected them"),
    ("Hired another candidate", "We rejected them"),
    ("Culture fit", "We rejected them"),
    ("Compensation expectations", "They rejected us"),
    ("Took another offer", "They rejected us"),
    ("Location", "They rejected us"),
    ("Other (add notes below)", "None Specified"),
)

# Greenhouse's own reasons, which every organisation has beside its custom ones;
# Harvest lists them only with `include_defaults=true`.
DEFAULT_REJECTION_REASONS: tuple[tuple[str, str], ...] = (
    ("Candidate unresponsive", "They rejected us"),
    ("Position filled", "We rejected them"),
)

CLOSE_REASONS: tuple[str, ...] = (
    "Hired",
    "Hired - Internal",
    "Budget cut",
    "Role no longer needed",
)

NAME_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("First Name", "first_name"),
    ("Last Name", "last_name"),
    ("Email", "email"),
)

CUSTOM_QUESTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Will you now or in the future require visa sponsorship?",
        "multi_value_single_select",
        ("No", "Yes"),
    ),
    ("LinkedIn Profile", "input_text", ()),
    (
        "Which languages do you speak?",
        "multi_value_multi_select",
        ("English", "Spanish", "German", "French"),
    ),
    ("Why do you want to work with us?", "textarea", ()),
)

TAGS: tuple[str, ...] = (
    "Python",
    "Go",
    "Leadership",
    "Relocation",
    "Silver medalist",
    "Do not contact",
)

# What recruiters write on a seeded candidate's activity feed.
NOTES: tuple[str, ...] = (
    "Strong background; worth a call when a matching role opens.",
    "Prefers remote work. Available from next quarter.",
    "Met at the career fair; follow up in a few weeks.",
    "Referred by a former colleague. Great references.",
    "Asked not to be contacted before the end of the year.",
)
