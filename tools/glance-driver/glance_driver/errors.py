"""The one error of the driver's own: a scenario it cannot run."""


class ScenarioError(Exception):
    """The scenario breaks its format (unknown key, op or argument, a bad
    `as`, a reference to a uuid not yet seen): no trace is written."""
