"""A driver for the real OpenStack Glance 16.0.0 (Queens): replays scenario
files of formats 1 and 2 and serves the Images API v2 over HTTP. See
tools/glance-driver/README.md."""
