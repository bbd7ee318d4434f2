"""The scenario clock.

Step k of a scenario runs at 2018-02-28T00:00:00Z plus k seconds.
glance.common.timeutils.utcnow is the only clock on the v2 code paths
(domain factories, the sqlalchemy models' defaults, the notifier's
timestamps) and has an override hook, the one Glance's own tests use. A
served Glance leaves it alone and runs on the wall clock.
"""
import datetime

EPOCH = datetime.datetime(2018, 2, 28, 0, 0, 0)


def at_step(k):
    from glance.common import timeutils
    timeutils.utcnow.override_time = EPOCH + datetime.timedelta(seconds=k)


def wall():
    from glance.common import timeutils
    timeutils.utcnow.override_time = None
