"""ghsim: a local simulator of Greenhouse Recruiting, for services that sync with it."""

__version__ = "0.1.0"
