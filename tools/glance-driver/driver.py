#!/usr/bin/python3
"""The real OpenStack Glance 16.0.0 (Queens), driven by glance-peel.

    driver.py check
    driver.py replay [--out-dir DIR] [--over-http] SCENARIO...
    driver.py serve [--host H] [--port P] [--data-dir DIR] [--config FILE]
                    [--tokens FILE] [--notifications FILE]

Every command takes --glance-src DIR (default $GLANCE_SRC, else
/tmp/glance-16). Run it with Debian 12's /usr/bin/python3 and the
libraries of the python3-glance package; README.md says how to set up.

Exit status: 0 done; 1 a scenario was invalid; 2 bad options or files,
or a port in use; 3 the driver cannot start here (the message says what
to install).
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from glance_driver import source  # noqa: E402

CANNOT_START = 3
BAD_USAGE = 2


def _parser():
    ap = argparse.ArgumentParser(
        prog='driver.py', description=__doc__.split('\n')[1].strip())
    ap.add_argument('--glance-src', help='Glance 16.0.0 source tree '
                    '(default $GLANCE_SRC, else %s)'
                    % source.DEFAULT_GLANCE_SRC)
    sub = ap.add_subparsers(dest='command', required=True)
    sub.add_parser('check', help='say whether the driver can start here')
    rp = sub.add_parser('replay', help='replay scenarios of format 1 or 2 '
                        'and write their traces')
    rp.add_argument('scenarios', nargs='+', metavar='SCENARIO')
    rp.add_argument('--out-dir', help='write NAME.trace.json files here '
                    '(needed for more than one scenario)')
    rp.add_argument('--over-http', action='store_true',
                    help='send format-2 steps over a socket to the '
                    'application `serve` serves (eventlet), not to it in '
                    'memory')
    sp = sub.add_parser('serve', help='serve the Images API v2 over HTTP')
    from glance_driver import serve_options
    serve_options.add_to(sp)
    return ap


def main(argv=None):
    ap = _parser()
    opts = ap.parse_args(argv)
    if opts.command == 'replay' and not opts.out_dir and \
            len(opts.scenarios) > 1:
        ap.error('several scenarios need --out-dir')
    src = source.glance_src(opts.glance_src)
    why = source.unavailable(src)
    if why:
        sys.stderr.write('glance-driver: cannot start: %s\n' % why)
        return CANNOT_START
    if opts.command == 'check':
        sys.stdout.write('glance-driver: ready (Glance 16.0.0 from %s)\n'
                         % src)
        return 0
    if opts.command == 'serve':
        from glance_driver import server
        return server.main(opts, src)
    if opts.over_http:
        from glance_driver import server
        server.green_process()
    from glance_driver import replay, runtime
    base_policy = runtime.load(src, quiet=not os.environ.get(
        'GLANCE_DRIVER_DEBUG'))
    return replay.replay(opts.scenarios, opts.out_dir, base_policy,
                         opts.over_http)


if __name__ == '__main__':
    sys.exit(main())
